import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { EventBus, TenantDataSource, ValidationFailedError, type FieldProblem, type RequestContext } from '@quire/core';
import { ENTRY_SUBJECT } from '../../content.permissions';
import { EntryLocaleNotFoundError } from '../../entries/entries.errors';
import { EntryAccess, type AccessibleEntry } from '../../entries/entry-access';
import { EntryStore } from '../../entries/entry-store';
import { assertEnabled, LocaleChain } from '../../entries/locale-chain';
import { WorkspaceMembers } from '../members/workspace-members';
import { isForward, stageIndex } from '../workflow-definition';
import { WorkflowStore, type WorkflowRecord } from '../workflow-store';
import {
  AlreadyApprovedError,
  ApprovalForbiddenError,
  ApprovalOutdatedError,
  ApprovalsMissingError,
  SelfApprovalError,
  TransitionForbiddenError,
  TransitionUndefinedError,
  WorkflowMemberOnlyError,
  WorkflowNotConfiguredError,
} from '../workflow.errors';
import { AssignmentStore, type Assignment } from './assignment-store';
import type { EntryWorkflowResponse, PublicationListResponse } from './dto/entry-workflow.response';
import { currentApprovers, LocaleWorkflowReader, type LocaleWorkflow } from './locale-workflow';
import { StageStore } from './stage-store';

export interface ApproveInput {
  revision?: number;
  note?: string;
}

/**
 * The workflow of one entry locale: its view, moves between stages (the transition must exist and the member's
 * role be among its roles; moving forward needs the approvals of the stage left), approvals (four-eyes, approver
 * roles, tied to the revision seen), and its assignee and reviewers. Each write holds the entry's and the locale
 * state's rows and publishes its event in its transaction.
 */
@Injectable()
export class EntryWorkflowService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly access: EntryAccess,
    private readonly store: EntryStore,
    private readonly locales: LocaleChain,
    private readonly reader: LocaleWorkflowReader,
    private readonly stages: StageStore,
    private readonly assignments: AssignmentStore,
    private readonly members: WorkspaceMembers,
    private readonly workflows: WorkflowStore,
  ) {}

  async view(ctx: RequestContext, id: string, locale: string): Promise<EntryWorkflowResponse> {
    const found = await this.localeOf(ctx, id, locale, 'read');
    return this.render(ctx, found, locale, await this.reader.read(ctx, found.entry, locale));
  }

  async move(ctx: RequestContext, id: string, locale: string, to: string): Promise<EntryWorkflowResponse> {
    const actorId = memberOf(ctx);
    return this.db.transaction(ctx, async (tx) => {
      const found = await this.localeOf(tx, id, locale, 'read', true);
      const workflow = await this.workflowOf(tx, found);
      if (stageIndex(workflow, to) < 0) {
        throw new ValidationFailedError([
          {
            path: 'stage',
            message: `unknown stage "${to}" (stages: ${workflow.stages.map((s) => s.key).join(', ')})`,
          },
        ]);
      }
      const held = await this.stages.hold(tx, id, locale, workflow.id, workflow.stages[0].key);
      const before = await this.reader.read(tx, found.entry, locale, held);
      const from = before.stage!;
      const transition = workflow.transitions.find((t) => t.from === from.key && t.to === to);
      if (!transition) {
        const allowed = workflow.transitions.filter((t) => t.from === from.key).map((t) => t.to);
        throw new TransitionUndefinedError(from.key, to, allowed);
      }
      const role = (await this.members.roleOf(tx, actorId)) ?? '';
      if (!transition.roles.includes(role)) throw new TransitionForbiddenError(from.key, to, role, transition.roles);
      if (isForward(workflow, from.key, to)) {
        const approvers = currentApprovers(before);
        const missingReviewers = from.requireAssignedReviewers
          ? before.assignment.reviewerIds.filter((reviewer) => !approvers.includes(reviewer))
          : [];
        if (approvers.length < from.requiredApprovals || missingReviewers.length > 0) {
          throw new ApprovalsMissingError(from.key, from.requiredApprovals, approvers.length, missingReviewers);
        }
      }
      await this.stages.move(tx, held.id, to, found.entry.revision);
      await this.events.publish(tx, 'content.entry.stage-changed', {
        entryId: id,
        contentType: found.type.apiId,
        locale,
        workflowId: workflow.id,
        from: from.key,
        to,
      });
      return this.render(tx, found, locale, await this.reader.read(tx, found.entry, locale));
    });
  }

  async approve(ctx: RequestContext, id: string, locale: string, input: ApproveInput): Promise<EntryWorkflowResponse> {
    const actorId = memberOf(ctx);
    return this.db.transaction(ctx, async (tx) => {
      const found = await this.localeOf(tx, id, locale, 'approve', true);
      const workflow = await this.workflowOf(tx, found);
      const held = await this.stages.hold(tx, id, locale, workflow.id, workflow.stages[0].key);
      const view = await this.reader.read(tx, found.entry, locale, held);
      const stage = view.stage!;
      const role = (await this.members.roleOf(tx, actorId)) ?? '';
      if (stage.approverRoles !== null && !stage.approverRoles.includes(role)) {
        throw new ApprovalForbiddenError(stage.key, role, stage.approverRoles);
      }
      if (input.revision !== undefined) {
        if (input.revision > found.entry.revision) {
          throw new ValidationFailedError([
            {
              path: 'revision',
              message: `the entry has no revision ${input.revision} (latest: ${found.entry.revision})`,
            },
          ]);
        }
        if (input.revision < view.contentRevision)
          throw new ApprovalOutdatedError(input.revision, view.contentRevision);
      }
      if (workflow.fourEyes && view.authors.includes(actorId)) throw new SelfApprovalError(locale);
      const own = view.approvals.find((approval) => approval.current && approval.approverId === actorId);
      if (own) throw new AlreadyApprovedError(stage.key, own.revision);
      const approval = await this.stages.insertApproval(tx, {
        entryId: id,
        locale,
        workflowId: workflow.id,
        stage: stage.key,
        visitId: held.visitId,
        revision: found.entry.revision,
        note: input.note ?? null,
      });
      await this.events.publish(tx, 'content.entry.approved', {
        entryId: id,
        contentType: found.type.apiId,
        locale,
        workflowId: workflow.id,
        stage: stage.key,
        revision: approval.revision,
        approverId: actorId,
      });
      return this.render(tx, found, locale, await this.reader.read(tx, found.entry, locale, held));
    });
  }

  /**
   * Replaces the assignee and reviewers. Each must be a member of the workspace (400 naming the field otherwise);
   * the assignee one who may edit the entry, each reviewer one who may approve it.
   */
  async assign(
    ctx: RequestContext,
    id: string,
    locale: string,
    input: Partial<Assignment>,
  ): Promise<EntryWorkflowResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const found = await this.localeOf(tx, id, locale, 'assign', true);
      const next = await this.assignable(tx, found, input);
      await this.assignments.replace(tx, id, locale, next);
      await this.events.publish(tx, 'content.entry.assignment-changed', {
        entryId: id,
        contentType: found.type.apiId,
        locale,
        assigneeId: next.assigneeId,
        reviewerIds: next.reviewerIds,
      });
      return this.render(tx, found, locale, await this.reader.read(tx, found.entry, locale));
    });
  }

  /** Every publish of the locale, latest first, with the evidence kept with it. */
  async publications(ctx: RequestContext, id: string, locale: string): Promise<PublicationListResponse> {
    const { entry } = await this.access.entry(ctx, id, 'read');
    assertEnabled(locale, await this.locales.enabledLocales(ctx));
    const rows: Array<{
      id: string;
      revision: number;
      published_by: string | null;
      actor_type: string;
      actor_id: string | null;
      published_at: Date;
      evidence: Record<string, unknown>;
    }> = await this.db.manager(ctx).query(
      `SELECT id, revision, published_by, actor_type, actor_id, published_at, evidence FROM content_publications
        WHERE entry_id = $1 AND locale = $2 AND workspace_id = $3
        ORDER BY published_at DESC, id DESC
        LIMIT 500`,
      [entry.id, locale, ctx.workspaceId],
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        revision: row.revision,
        publishedBy: row.published_by,
        actor: { type: row.actor_type, id: row.actor_id },
        publishedAt: row.published_at.toISOString(),
        evidence: row.evidence,
      })),
    };
  }

  /** The assignment normalized (lower-case ids), or a 400 naming every member who may not take their part. */
  private async assignable(
    tx: RequestContext,
    found: AccessibleEntry,
    input: Partial<Assignment>,
  ): Promise<Assignment> {
    const next: Assignment = {
      assigneeId: input.assigneeId?.toLowerCase() ?? null,
      reviewerIds: (input.reviewerIds ?? []).map((id) => id.toLowerCase()),
    };
    const people = [
      ...(next.assigneeId ? [{ path: 'assigneeId', userId: next.assigneeId, action: 'update', does: 'edit' }] : []),
      ...next.reviewerIds.map((userId, i) => ({
        path: `reviewerIds.${i}`,
        userId,
        action: 'approve',
        does: 'approve',
      })),
    ];
    const roles = await this.members.roles(
      tx,
      people.map((p) => p.userId),
    );
    const record = subject(ENTRY_SUBJECT, { contentType: found.type.apiId, createdById: found.entry.createdBy });
    const problems: FieldProblem[] = [];
    const reviewers = new Set<string>();
    for (const person of people) {
      const reviewer = person.path !== 'assigneeId';
      const role = roles.get(person.userId);
      if (reviewer && reviewers.has(person.userId)) problems.push({ path: person.path, message: 'duplicate reviewer' });
      else if (role === undefined) {
        problems.push({ path: person.path, message: `${person.userId} is not a member of this workspace` });
      } else if (!(await this.members.abilityOf(tx, person.userId)).can(person.action, record)) {
        problems.push({ path: person.path, message: `the member (role "${role}") may not ${person.does} this entry` });
      }
      if (reviewer) reviewers.add(person.userId);
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return next;
  }

  /** The entry (with the caller's right to `action` it) and its locale: enabled (400) and present (404). */
  private async localeOf(
    ctx: RequestContext,
    id: string,
    locale: string,
    action: string,
    lock = false,
  ): Promise<AccessibleEntry> {
    const found = await this.access.entry(ctx, id, action, lock);
    assertEnabled(locale, await this.locales.enabledLocales(ctx));
    if (!(await this.store.locales(ctx, id)).some((row) => row.locale === locale)) {
      throw new EntryLocaleNotFoundError(id, locale);
    }
    return found;
  }

  private async workflowOf(ctx: RequestContext, found: AccessibleEntry): Promise<WorkflowRecord> {
    const workflow = await this.workflows.governing(ctx, found.entry.contentTypeId);
    if (!workflow) throw new WorkflowNotConfiguredError(found.type.apiId);
    return workflow;
  }

  private async render(
    ctx: RequestContext,
    found: AccessibleEntry,
    locale: string,
    view: LocaleWorkflow,
  ): Promise<EntryWorkflowResponse> {
    const workflow = view.workflow;
    const stage = view.stage;
    const role = ctx.actor.type === 'user' && ctx.actor.id ? await this.members.roleOf(ctx, ctx.actor.id) : null;
    const outdated = view.contentRevision > (view.state?.enteredRevision ?? 0);
    const gated = workflow?.publishStage ?? null;
    return {
      entryId: found.entry.id,
      locale,
      workflow: workflow
        ? { id: workflow.id, name: workflow.name, publishStage: workflow.publishStage, fourEyes: workflow.fourEyes }
        : null,
      stage: stage
        ? {
            key: stage.key,
            name: stage.name,
            color: stage.color,
            requiredApprovals: stage.requiredApprovals,
            enteredAt: view.state?.enteredAt.toISOString() ?? null,
            enteredBy: view.state?.enteredBy ?? null,
            enteredRevision: view.state?.enteredRevision ?? 0,
          }
        : null,
      contentRevision: view.contentRevision,
      lastPublishedRevision: view.lastPublishedRevision,
      authors: view.authors,
      approvals: view.approvals.map((approval) => ({
        id: approval.id,
        approverId: approval.approverId,
        stage: approval.stage,
        revision: approval.revision,
        note: approval.note,
        createdAt: approval.createdAt.toISOString(),
        fresh: approval.fresh,
        current: approval.current,
      })),
      currentApprovals: currentApprovers(view).length,
      assigneeId: view.assignment.assigneeId,
      reviewerIds: view.assignment.reviewerIds,
      transitions: (workflow?.transitions ?? [])
        .filter((t) => t.from === stage?.key)
        .map((t) => ({
          to: t.to,
          name: workflow!.stages.find((s) => s.key === t.to)?.name ?? t.to,
          roles: t.roles,
          allowed: role !== null && t.roles.includes(role),
        })),
      publishable: gated === null || (stage?.key === gated && !outdated),
    };
  }
}

/** The member taking a workflow decision: API keys and jobs do not move or approve entries. */
function memberOf(ctx: RequestContext): string {
  if (ctx.actor.type !== 'user' || !ctx.actor.id) throw new WorkflowMemberOnlyError();
  return ctx.actor.id;
}
