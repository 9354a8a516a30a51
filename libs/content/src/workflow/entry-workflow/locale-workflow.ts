import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@quire/core';
import type { WorkflowStage } from '../workflow-definition';
import { WorkflowStore, type WorkflowRecord } from '../workflow-store';
import { AssignmentStore, type Assignment } from './assignment-store';
import { ChangeHistory } from './change-history';
import { StageStore, type StageState, type StoredApproval } from './stage-store';

/** An approval with whether it is of the current values, and whether it counts in the stage now. */
export interface ApprovalView extends StoredApproval {
  /** Given on the current values: no change of them since. */
  fresh: boolean;
  /** Fresh and given in the current visit of the stage the locale is in: it counts towards leaving it. */
  current: boolean;
}

/** Everything the workflow knows about one entry locale now. */
export interface LocaleWorkflow {
  /** The workflow governing the entry's type, or null. */
  workflow: WorkflowRecord | null;
  /** The stored stage; null when the locale is (implicitly) in the first stage or there is no workflow. */
  state: StageState | null;
  /** The stage the locale is in; null without a workflow. */
  stage: WorkflowStage | null;
  /** The last revision that changed the locale's values. */
  contentRevision: number;
  /** The revision the locale was last published at (0: never). */
  lastPublishedRevision: number;
  /** Members who changed the locale's values since it was last published. */
  authors: string[];
  /** Approvals since the last publish, each flagged `fresh` and `current`. */
  approvals: ApprovalView[];
  assignment: Assignment;
}

/** Reads the workflow view of an entry locale (for the API, for moves and approvals, and as publishing evidence). */
@Injectable()
export class LocaleWorkflowReader {
  constructor(
    private readonly workflows: WorkflowStore,
    private readonly stages: StageStore,
    private readonly history: ChangeHistory,
    private readonly assignments: AssignmentStore,
  ) {}

  /** `held`: the state row the caller holds (moves and approvals), read instead of the stored one. */
  async read(
    ctx: RequestContext,
    entry: { id: string; contentTypeId: string },
    locale: string,
    held?: StageState,
  ): Promise<LocaleWorkflow> {
    const workflow = await this.workflows.governing(ctx, entry.contentTypeId);
    const state = workflow ? (held ?? (await this.stages.state(ctx, entry.id, locale, workflow.id))) : null;
    const stage = workflow ? (workflow.stages.find((s) => s.key === state?.stage) ?? workflow.stages[0]) : null;
    const contentRevision = await this.history.contentRevision(ctx, entry.id, locale);
    const lastPublishedRevision = await this.history.lastPublishedRevision(ctx, entry.id, locale);
    const stored = await this.stages.approvalsSince(ctx, entry.id, locale, lastPublishedRevision);
    return {
      workflow,
      state,
      stage,
      contentRevision,
      lastPublishedRevision,
      authors: await this.history.authorsSince(ctx, entry.id, locale, lastPublishedRevision),
      approvals: stored.map((approval) => {
        const fresh = approval.revision >= contentRevision;
        return { ...approval, fresh, current: fresh && state !== null && approval.visitId === state.visitId };
      }),
      assignment: await this.assignments.of(ctx, entry.id, locale),
    };
  }
}

/** The distinct members whose approval counts now. */
export function currentApprovers(view: LocaleWorkflow): string[] {
  return [
    ...new Set(view.approvals.filter((a) => a.current && a.approverId !== null).map((a) => a.approverId as string)),
  ];
}
