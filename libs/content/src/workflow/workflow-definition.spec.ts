import { isForward, workflowProblems, type WorkflowDefinition, type WorkflowStage } from './workflow-definition';

const stage = (key: string, extra: Partial<WorkflowStage> = {}): WorkflowStage => ({
  key,
  name: key,
  color: null,
  requiredApprovals: 0,
  approverRoles: null,
  requireAssignedReviewers: false,
  ...extra,
});

const roles = new Set(['owner', 'editor', 'reviewer', 'legal']);

const valid = (): WorkflowDefinition => ({
  name: 'Editorial',
  stages: [stage('draft'), stage('review', { requiredApprovals: 1, approverRoles: ['reviewer'] }), stage('approved')],
  transitions: [
    { from: 'draft', to: 'review', roles: ['editor'] },
    { from: 'review', to: 'approved', roles: ['reviewer', 'legal'] },
    { from: 'review', to: 'draft', roles: ['reviewer'] },
  ],
  publishStage: 'approved',
  fourEyes: true,
});

describe('workflowProblems', () => {
  it('accepts a consistent workflow with custom roles', () => {
    expect(workflowProblems(valid(), roles)).toEqual([]);
  });

  it('names duplicate stage keys, unknown stages and roles, and self-transitions by path', () => {
    const definition = valid();
    definition.stages.push(stage('review'));
    definition.transitions.push(
      { from: 'draft', to: 'published', roles: ['editor'] },
      { from: 'draft', to: 'draft', roles: ['ghost', 'editor', 'editor'] },
      { from: 'draft', to: 'review', roles: ['editor'] },
    );
    definition.stages[1].approverRoles = ['reviewer', 'nobody'];
    expect(workflowProblems(definition, roles)).toEqual([
      { path: 'stages.1.approverRoles.1', message: expect.stringContaining('unknown role "nobody"') },
      { path: 'stages.3.key', message: 'duplicate stage key "review"' },
      { path: 'transitions.3.to', message: 'unknown stage "published"' },
      { path: 'transitions.4.to', message: 'must differ from "from"' },
      { path: 'transitions.4.roles.0', message: expect.stringContaining('unknown role "ghost"') },
      { path: 'transitions.4.roles.2', message: 'duplicate role "editor"' },
      { path: 'transitions.5', message: 'duplicate transition from "draft" to "review"' },
    ]);
  });

  it('refuses a publish stage that does not exist or is the first stage', () => {
    expect(workflowProblems({ ...valid(), publishStage: 'live' }, roles)).toEqual([
      { path: 'publishStage', message: 'unknown stage "live"' },
    ]);
    expect(workflowProblems({ ...valid(), publishStage: 'draft' }, roles)).toEqual([
      { path: 'publishStage', message: expect.stringContaining('first stage') },
    ]);
  });
});

describe('isForward', () => {
  it('orders moves by the stages', () => {
    expect(isForward(valid(), 'draft', 'review')).toBe(true);
    expect(isForward(valid(), 'review', 'draft')).toBe(false);
  });
});
