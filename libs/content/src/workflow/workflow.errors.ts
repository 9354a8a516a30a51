import { QuireError } from '@quire/core';

/** A workflow that does not exist in this workspace: one answer, whoever asks. */
export class WorkflowNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'content.workflow-not-found',
      status: 404,
      title: 'Workflow not found',
      detail: `No workflow ${id}.`,
    });
  }
}

export class WorkflowNameTakenError extends QuireError {
  constructor(name: string) {
    super({
      code: 'content.workflow-name-taken',
      status: 409,
      title: 'Workflow name taken',
      detail: `Another workflow of this workspace is called "${name}".`,
    });
  }
}

/** A content type is governed by one workflow at most. */
export class WorkflowTypeTakenError extends QuireError {
  constructor(contentType: string, workflow: { id: string; name: string }) {
    super({
      code: 'content.workflow-type-taken',
      status: 409,
      title: 'Content type already in a workflow',
      detail: `The type "${contentType}" is in the workflow "${workflow.name}"; remove it there first.`,
      extensions: { contentType, workflowId: workflow.id },
    });
  }
}

/** One default workflow per workspace: it governs every type that no workflow names. */
export class WorkflowDefaultExistsError extends QuireError {
  constructor(workflow: { id: string; name: string }) {
    super({
      code: 'content.workflow-default-exists',
      status: 409,
      title: 'Workspace already has a default workflow',
      detail: `"${workflow.name}" is the default workflow; make it not the default first.`,
      extensions: { workflowId: workflow.id },
    });
  }
}

/** Stages and approvals need a workflow governing the entry's type. */
export class WorkflowNotConfiguredError extends QuireError {
  constructor(contentType: string) {
    super({
      code: 'content.workflow-not-configured',
      status: 409,
      title: 'No workflow for this content type',
      detail: `No workflow governs the type "${contentType}" (and the workspace has no default workflow).`,
      extensions: { contentType },
    });
  }
}

/** The workflow has no transition between the two stages. */
export class TransitionUndefinedError extends QuireError {
  constructor(from: string, to: string, allowed: string[]) {
    super({
      code: 'content.workflow-transition-undefined',
      status: 409,
      title: 'No such transition',
      detail:
        `The workflow has no transition from "${from}" to "${to}"` +
        (allowed.length > 0 ? `; from "${from}" an entry can move to: ${allowed.join(', ')}.` : '.'),
      extensions: { from, to, allowed },
    });
  }
}

/** The transition exists, but the member's role is not among those that may make it. */
export class TransitionForbiddenError extends QuireError {
  constructor(from: string, to: string, role: string, roles: string[]) {
    super({
      code: 'content.workflow-transition-forbidden',
      status: 403,
      title: 'Transition not allowed for your role',
      detail: `Moving from "${from}" to "${to}" is for the roles ${roles.join(', ')}; your role is "${role}".`,
      extensions: { from, to, role, roles },
    });
  }
}

/** Moving forward out of a stage needs its approvals, on the locale's current values. */
export class ApprovalsMissingError extends QuireError {
  constructor(stage: string, required: number, current: number, missingReviewers: string[]) {
    const reviewers =
      missingReviewers.length > 0 ? ` Assigned reviewers still to approve: ${missingReviewers.length}.` : '';
    super({
      code: 'content.workflow-approvals-missing',
      status: 409,
      title: 'Approvals missing',
      detail:
        `Leaving the stage "${stage}" needs ${required} approval(s) of the current values; it has ${current}.` +
        reviewers,
      extensions: { stage, required, current, missingReviewers },
    });
  }
}

/** Four-eyes: a member who changed the values since they were last published may not approve them. */
export class SelfApprovalError extends QuireError {
  constructor(locale: string) {
    super({
      code: 'content.workflow-self-approval',
      status: 403,
      title: 'Self-approval not allowed',
      detail:
        `The workflow applies the four-eyes rule: you changed the "${locale}" version (or its shared values) since ` +
        'it was last published, so another member must approve it.',
      extensions: { locale },
    });
  }
}

/** The stage says which roles approve in it. */
export class ApprovalForbiddenError extends QuireError {
  constructor(stage: string, role: string, roles: string[]) {
    super({
      code: 'content.workflow-approval-forbidden',
      status: 403,
      title: 'Your role may not approve in this stage',
      detail: `In the stage "${stage}" the roles ${roles.join(', ')} approve; your role is "${role}".`,
      extensions: { stage, role, roles },
    });
  }
}

export class AlreadyApprovedError extends QuireError {
  constructor(stage: string, revision: number) {
    super({
      code: 'content.workflow-already-approved',
      status: 409,
      title: 'Already approved',
      detail: `You already approved the current values in the stage "${stage}" (revision ${revision}).`,
      extensions: { stage, revision },
    });
  }
}

/** The reviewer looked at a revision whose values have changed since: they approve what they saw, or nothing. */
export class ApprovalOutdatedError extends QuireError {
  constructor(seen: number, current: number) {
    super({
      code: 'content.workflow-approval-outdated',
      status: 409,
      title: 'Values changed since that revision',
      detail: `You reviewed revision ${seen}, but the values changed in revision ${current}; review them again.`,
      extensions: { revision: seen, contentRevision: current },
    });
  }
}

/** Stages and approvals are decisions of people: API keys and jobs do not make them. */
export class WorkflowMemberOnlyError extends QuireError {
  constructor() {
    super({
      code: 'content.workflow-member-only',
      status: 403,
      title: 'Only members take workflow decisions',
      detail: 'Moving entries between stages and approving them is done by signed-in members, not API keys.',
    });
  }
}

/** Publishing the locale needs the workflow's publish stage. */
export class PublishStageRequiredError extends QuireError {
  constructor(locale: string, stage: string, publishStage: string) {
    super({
      code: 'content.workflow-publish-stage-required',
      status: 409,
      title: 'Entry not in the publish stage',
      detail: `The "${locale}" version is in the stage "${stage}"; publishing needs the stage "${publishStage}".`,
      extensions: { locale, stage, publishStage },
    });
  }
}

/** The values changed after the locale entered the publish stage: what was approved is not what would go out. */
export class StageOutdatedError extends QuireError {
  constructor(locale: string, stage: string, enteredRevision: number, contentRevision: number) {
    super({
      code: 'content.workflow-stage-outdated',
      status: 409,
      title: 'Changed since it entered the publish stage',
      detail:
        `The "${locale}" version changed (revision ${contentRevision}) after it entered the stage "${stage}" ` +
        `(revision ${enteredRevision}); move it back through review.`,
      extensions: { locale, stage, enteredRevision, contentRevision },
    });
  }
}
