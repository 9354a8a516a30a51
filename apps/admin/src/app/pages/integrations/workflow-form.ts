import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import type { BodyOf, ResponseOf } from '../../api/api-client';

export type Workflow = ResponseOf<'/api/v1/workspaces/{workspace}/workflows/{id}', 'get'>;
export type WorkflowBody = BodyOf<'/api/v1/workspaces/{workspace}/workflows', 'post'>;

/** The built-in roles, for a member who may not list the workspace's roles. */
export const BUILT_IN_ROLES = ['owner', 'admin', 'editor', 'author', 'reviewer', 'viewer', 'auditor'];

export type StageForm = ReturnType<typeof stageForm>;
export type TransitionForm = ReturnType<typeof transitionForm>;
export type WorkflowForm = ReturnType<typeof workflowForm>;

export function stageForm(stage?: Partial<Workflow['stages'][number]>) {
  return new FormGroup({
    key: new FormControl(stage?.key ?? '', { nonNullable: true, validators: [Validators.required] }),
    name: new FormControl(stage?.name ?? '', { nonNullable: true, validators: [Validators.required] }),
    color: new FormControl(stage?.color ?? '#64748b', { nonNullable: true }),
    requiredApprovals: new FormControl(stage?.requiredApprovals ?? 0, { nonNullable: true }),
    /** Empty: whoever may approve entries. */
    approverRoles: new FormControl<string[]>(stage?.approverRoles ?? [], { nonNullable: true }),
    requireAssignedReviewers: new FormControl(stage?.requireAssignedReviewers ?? false, { nonNullable: true }),
  });
}

export function transitionForm(transition?: Partial<Workflow['transitions'][number]>) {
  return new FormGroup({
    from: new FormControl(transition?.from ?? '', { nonNullable: true, validators: [Validators.required] }),
    to: new FormControl(transition?.to ?? '', { nonNullable: true, validators: [Validators.required] }),
    roles: new FormControl<string[]>(transition?.roles ?? [], { nonNullable: true }),
  });
}

/** The whole workflow as one form; its control paths are the API's field names (`stages.1.key`). */
export function workflowForm(workflow?: Workflow) {
  return new FormGroup({
    name: new FormControl(workflow?.name ?? '', { nonNullable: true, validators: [Validators.required] }),
    stages: new FormArray(
      workflow
        ? workflow.stages.map((stage) => stageForm(stage))
        : [
            stageForm({ key: 'draft', name: $localize`:@@integrations.workflow.stageDraft:Draft` }),
            stageForm({ key: 'review', name: $localize`:@@integrations.workflow.stageReview:In review` }),
          ],
    ),
    transitions: new FormArray((workflow?.transitions ?? []).map((transition) => transitionForm(transition))),
    /** '' : publishing is not gated. */
    publishStage: new FormControl(workflow?.publishStage ?? '', { nonNullable: true }),
    fourEyes: new FormControl(workflow?.fourEyes ?? false, { nonNullable: true }),
    contentTypes: new FormControl<string[]>(workflow?.contentTypes ?? [], { nonNullable: true }),
    isDefault: new FormControl(workflow?.isDefault ?? false, { nonNullable: true }),
  });
}

/** The API's body: the whole workflow (PUT replaces it). */
export function workflowBody(form: WorkflowForm): WorkflowBody {
  const value = form.getRawValue();
  return {
    name: value.name.trim(),
    stages: value.stages.map((stage) => ({
      key: stage.key.trim(),
      name: stage.name.trim(),
      color: stage.color || null,
      requiredApprovals: Number(stage.requiredApprovals) || 0,
      approverRoles: stage.approverRoles.length > 0 ? stage.approverRoles : null,
      requireAssignedReviewers: stage.requireAssignedReviewers,
    })),
    transitions: value.transitions,
    publishStage: value.publishStage || null,
    fourEyes: value.fourEyes,
    contentTypes: value.contentTypes,
    isDefault: value.isDefault,
  };
}

/** A stage key from its name: "In review" → "in-review" (kebab-case, as the API wants). */
export function stageKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
