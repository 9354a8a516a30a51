import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, ValidationFailedError, type FieldProblem, type RequestContext } from '@quire/core';
import type { WorkflowDto } from './dto/workflow.dto';
import { toWorkflowResponse, type WorkflowListResponse, type WorkflowResponse } from './dto/workflow.response';
import { WorkspaceMembers } from './members/workspace-members';
import { workflowProblems, type WorkflowDefinition } from './workflow-definition';
import {
  WorkflowDefaultExistsError,
  WorkflowNameTakenError,
  WorkflowNotFoundError,
  WorkflowTypeTakenError,
} from './workflow.errors';
import { WorkflowStore, type WorkflowRecord, type WorkflowWrite } from './workflow-store';

/**
 * Workflows of a workspace: create, replace and delete, each validated as a whole (every problem named in one 400,
 * then conflicts as 409s) and serialized per workspace. After each write, entry locales whose type changed workflow,
 * or whose stage is gone, are back in the first stage of their type's workflow.
 */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly store: WorkflowStore,
    private readonly members: WorkspaceMembers,
  ) {}

  async list(ctx: RequestContext): Promise<WorkflowListResponse> {
    return { items: (await this.store.list(ctx)).map(toWorkflowResponse) };
  }

  async get(ctx: RequestContext, id: string): Promise<WorkflowResponse> {
    return toWorkflowResponse(await this.found(ctx, id));
  }

  async create(ctx: RequestContext, dto: WorkflowDto): Promise<WorkflowResponse> {
    return this.db.transaction(ctx, async (tx) => {
      await this.store.lockWorkspace(tx);
      const write = await this.validated(tx, dto, null);
      const id = await this.store.insert(tx, write);
      const reset = await this.store.resetStaleStates(tx);
      const record = (await this.store.get(tx, id))!;
      await this.events.publish(tx, 'content.workflow.created', { ...this.summary(record), reset });
      return toWorkflowResponse(record);
    });
  }

  async replace(ctx: RequestContext, id: string, dto: WorkflowDto): Promise<WorkflowResponse> {
    return this.db.transaction(ctx, async (tx) => {
      await this.store.lockWorkspace(tx);
      await this.found(tx, id);
      const write = await this.validated(tx, dto, id);
      await this.store.update(tx, id, write);
      const reset = await this.store.resetStaleStates(tx);
      const record = (await this.store.get(tx, id))!;
      await this.events.publish(tx, 'content.workflow.updated', { ...this.summary(record), reset });
      return toWorkflowResponse(record);
    });
  }

  /** Entry locales of its types leave their stages (no stages without a workflow); approvals stay as evidence. */
  async delete(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      await this.store.lockWorkspace(tx);
      const record = await this.found(tx, id);
      await this.store.delete(tx, id);
      await this.store.resetStaleStates(tx);
      await this.events.publish(tx, 'content.workflow.deleted', { workflowId: id, name: record.name });
    });
  }

  private async found(ctx: RequestContext, id: string): Promise<WorkflowRecord> {
    const record = await this.store.get(ctx, id);
    if (!record) throw new WorkflowNotFoundError(id);
    return record;
  }

  /** The write the body stands for, or a 400 naming every invalid field, or the 409 of the first conflict. */
  private async validated(tx: RequestContext, dto: WorkflowDto, selfId: string | null): Promise<WorkflowWrite> {
    const definition: WorkflowDefinition = {
      name: dto.name.trim(),
      stages: dto.stages.map((stage) => ({
        key: stage.key,
        name: stage.name,
        color: stage.color ? stage.color.toLowerCase() : null,
        requiredApprovals: stage.requiredApprovals ?? 0,
        approverRoles: stage.approverRoles ?? null,
        requireAssignedReviewers: stage.requireAssignedReviewers ?? false,
      })),
      transitions: (dto.transitions ?? []).map((t) => ({ from: t.from, to: t.to, roles: t.roles })),
      publishStage: dto.publishStage ?? null,
      fourEyes: dto.fourEyes ?? false,
    };
    const problems = workflowProblems(definition, await this.members.knownRoles(tx));
    const types = await this.contentTypes(tx, dto.contentTypes ?? [], problems);
    if (definition.name.length === 0) problems.push({ path: 'name', message: 'name must not be blank' });
    if (problems.length > 0) throw new ValidationFailedError(problems);

    if (await this.store.nameTaken(tx, definition.name, selfId)) throw new WorkflowNameTakenError(definition.name);
    const owners = await this.store.typeOwners(
      tx,
      types.map((t) => t.id),
      selfId,
    );
    for (const type of types) {
      const owner = owners.get(type.id);
      if (owner) throw new WorkflowTypeTakenError(type.apiId, owner);
    }
    const isDefault = dto.isDefault ?? false;
    if (isDefault) {
      const existing = await this.store.defaultWorkflow(tx, selfId);
      if (existing) throw new WorkflowDefaultExistsError(existing);
    }
    return { ...definition, isDefault, contentTypeIds: types.map((t) => t.id) };
  }

  /** The types named, by API id: collections and singletons of this workspace, each once (400 naming the entry). */
  private async contentTypes(
    tx: RequestContext,
    apiIds: string[],
    problems: FieldProblem[],
  ): Promise<Array<{ id: string; apiId: string }>> {
    const rows: Array<{ id: string; api_id: string; kind: string }> = await this.db
      .manager(tx)
      .query(`SELECT id, api_id, kind FROM content_types WHERE workspace_id = $1 AND api_id = ANY($2::text[])`, [
        tx.workspaceId,
        apiIds,
      ]);
    const byApiId = new Map(rows.map((row) => [row.api_id, row]));
    const seen = new Set<string>();
    const types: Array<{ id: string; apiId: string }> = [];
    apiIds.forEach((apiId, i) => {
      const row = byApiId.get(apiId);
      if (seen.has(apiId)) problems.push({ path: `contentTypes.${i}`, message: `duplicate content type "${apiId}"` });
      else if (!row) problems.push({ path: `contentTypes.${i}`, message: `unknown content type "${apiId}"` });
      else if (row.kind === 'component') {
        problems.push({
          path: `contentTypes.${i}`,
          message: `"${apiId}" is a component: it has no entries of its own`,
        });
      } else types.push({ id: row.id, apiId });
      seen.add(apiId);
    });
    return types;
  }

  private summary(record: WorkflowRecord) {
    return {
      workflowId: record.id,
      name: record.name,
      contentTypes: record.contentTypes.map((t) => t.apiId),
      isDefault: record.isDefault,
    };
  }
}
