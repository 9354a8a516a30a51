import type { FieldProblem } from '@quire/core';

/** One stage of a workflow, in order. Approvals are needed to move forward out of it. */
export interface WorkflowStage {
  /** Kebab-case, unique in the workflow; what entry states and transitions refer to. */
  key: string;
  name: string;
  /** `#rrggbb`, lower case; for the console. */
  color: string | null;
  /** Approvals (by distinct members, on the current values) needed to move forward out of this stage. */
  requiredApprovals: number;
  /** Workspace roles whose members may approve in this stage; null: whoever may approve entries. */
  approverRoles: string[] | null;
  /** Every reviewer assigned to the entry locale must be among the approvals to move forward out of this stage. */
  requireAssignedReviewers: boolean;
}

/** A move members of `roles` may make, from one stage to another. */
export interface WorkflowTransition {
  from: string;
  to: string;
  roles: string[];
}

/** What a workflow says, as written and read by the API. */
export interface WorkflowDefinition {
  name: string;
  stages: WorkflowStage[];
  transitions: WorkflowTransition[];
  /** The stage an entry locale must be in to be published; null: publishing is not gated. */
  publishStage: string | null;
  /** The author of a change may not approve it. */
  fourEyes: boolean;
}

export const STAGE_KEY_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const MAX_STAGES = 20;
export const MAX_TRANSITIONS = 200;
export const MAX_REQUIRED_APPROVALS = 20;

/**
 * The rules a workflow must meet beyond the shape its DTO checks: unique stage keys, transitions and the publish
 * stage naming existing stages, roles that exist in the workspace (`knownRoles`: built-in and custom). Every problem
 * names its field (`stages.1.key`, `transitions.0.roles.2`), as class-validator does for the same body.
 */
export function workflowProblems(definition: WorkflowDefinition, knownRoles: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const keys = new Set<string>();
  definition.stages.forEach((stage, i) => {
    if (keys.has(stage.key)) problems.push({ path: `stages.${i}.key`, message: `duplicate stage key "${stage.key}"` });
    keys.add(stage.key);
    unknownRoles(stage.approverRoles ?? [], knownRoles, `stages.${i}.approverRoles`, problems);
    duplicates(stage.approverRoles ?? [], `stages.${i}.approverRoles`, 'role', problems);
  });
  const pairs = new Set<string>();
  definition.transitions.forEach((transition, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!keys.has(transition[end])) {
        problems.push({ path: `transitions.${i}.${end}`, message: `unknown stage "${transition[end]}"` });
      }
    }
    if (transition.from === transition.to) {
      problems.push({ path: `transitions.${i}.to`, message: 'must differ from "from"' });
    }
    const pair = `${transition.from}\u0000${transition.to}`;
    if (pairs.has(pair)) {
      problems.push({
        path: `transitions.${i}`,
        message: `duplicate transition from "${transition.from}" to "${transition.to}"`,
      });
    }
    pairs.add(pair);
    unknownRoles(transition.roles, knownRoles, `transitions.${i}.roles`, problems);
    duplicates(transition.roles, `transitions.${i}.roles`, 'role', problems);
  });
  if (definition.publishStage !== null) {
    if (!keys.has(definition.publishStage)) {
      problems.push({ path: 'publishStage', message: `unknown stage "${definition.publishStage}"` });
    } else if (definition.stages[0]?.key === definition.publishStage) {
      // Every entry starts in the first stage: requiring it would gate nothing.
      problems.push({ path: 'publishStage', message: 'must not be the first stage (every entry starts there)' });
    }
  }
  return problems;
}

function unknownRoles(roles: string[], known: ReadonlySet<string>, path: string, problems: FieldProblem[]): void {
  roles.forEach((role, i) => {
    if (!known.has(role)) {
      problems.push({
        path: `${path}.${i}`,
        message: `unknown role "${role}" (a built-in role or a custom role of this workspace)`,
      });
    }
  });
}

function duplicates(values: string[], path: string, what: string, problems: FieldProblem[]): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) problems.push({ path: `${path}.${i}`, message: `duplicate ${what} "${value}"` });
    seen.add(value);
  });
}

/** The position of a stage in the workflow's order, -1 when it has no such stage. */
export function stageIndex(definition: Pick<WorkflowDefinition, 'stages'>, key: string): number {
  return definition.stages.findIndex((stage) => stage.key === key);
}

/** A move towards publishing (to a later stage), which needs the approvals of the stage it leaves. */
export function isForward(definition: Pick<WorkflowDefinition, 'stages'>, from: string, to: string): boolean {
  return stageIndex(definition, to) > stageIndex(definition, from);
}
