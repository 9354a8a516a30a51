import { Injectable } from '@nestjs/common';
import { TenantDataSource, uuidv7, type RequestContext } from '@quire/core';
import { actorUserId } from '../entries/entry-store';
import type { WorkflowDefinition, WorkflowStage, WorkflowTransition } from './workflow-definition';

/** A workflow as stored, with the content types it names. */
export interface WorkflowRecord extends WorkflowDefinition {
  id: string;
  isDefault: boolean;
  contentTypes: Array<{ id: string; apiId: string }>;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface WorkflowRow {
  id: string;
  name: string;
  stages: WorkflowStage[];
  transitions: WorkflowTransition[];
  publish_stage: string | null;
  four_eyes: boolean;
  is_default: boolean;
  created_by: string | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
  content_types: Array<{ id: string; apiId: string }> | null;
}

/** The workflow's row with its types (by API id, in name order), as one statement's columns. */
const WORKFLOW_SELECT = `
  SELECT w.id, w.name, w.stages, w.transitions, w.publish_stage, w.four_eyes, w.is_default, w.created_by,
         w.updated_by, w.created_at, w.updated_at,
         (SELECT coalesce(json_agg(json_build_object('id', t.id, 'apiId', t.api_id) ORDER BY t.api_id), '[]')
            FROM content_workflow_types wt JOIN content_types t ON t.id = wt.content_type_id
           WHERE wt.workflow_id = w.id) AS content_types
    FROM content_workflows w`;

export interface WorkflowWrite extends WorkflowDefinition {
  isDefault: boolean;
  contentTypeIds: string[];
}

/**
 * Reads and writes workflows with explicit SQL in the context's workspace and transaction, and keeps entry states
 * consistent with them: after every change, states of another workflow than the one governing their entry's type
 * now, or in a stage the workflow no longer has, are removed (the entry locale is back in the first stage).
 */
@Injectable()
export class WorkflowStore {
  constructor(private readonly db: TenantDataSource) {}

  async list(ctx: RequestContext): Promise<WorkflowRecord[]> {
    const rows: WorkflowRow[] = await this.db
      .manager(ctx)
      .query(`${WORKFLOW_SELECT} WHERE w.workspace_id = $1 ORDER BY lower(w.name), w.id`, [ctx.workspaceId]);
    return rows.map(toRecord);
  }

  /** `lock` holds the row for the rest of the transaction (concurrent edits of one workflow serialize). */
  async get(ctx: RequestContext, id: string, lock = false): Promise<WorkflowRecord | null> {
    const rows: WorkflowRow[] = await this.db
      .manager(ctx)
      .query(`${WORKFLOW_SELECT} WHERE w.id = $1 AND w.workspace_id = $2${lock ? ' FOR UPDATE OF w' : ''}`, [
        id,
        ctx.workspaceId,
      ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The workflow governing a content type: the one naming it, else the workspace's default, else none. */
  async governing(ctx: RequestContext, contentTypeId: string): Promise<WorkflowRecord | null> {
    const rows: WorkflowRow[] = await this.db.manager(ctx).query(
      `${WORKFLOW_SELECT}
        WHERE w.workspace_id = $1
          AND w.id = coalesce((SELECT workflow_id FROM content_workflow_types WHERE content_type_id = $2 AND workspace_id = $1),
                              (SELECT id FROM content_workflows WHERE workspace_id = $1 AND is_default))`,
      [ctx.workspaceId, contentTypeId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Serializes workflow writes of the workspace (name, default and type checks, then the write, cannot race) with a
   * transaction-scoped advisory lock.
   */
  async lockWorkspace(tx: RequestContext): Promise<void> {
    await this.db
      .manager(tx)
      .query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`content-workflows:${tx.workspaceId}`]);
  }

  async nameTaken(tx: RequestContext, name: string, exceptId: string | null): Promise<boolean> {
    const rows: unknown[] = await this.db
      .manager(tx)
      .query(
        `SELECT 1 FROM content_workflows WHERE workspace_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3`,
        [tx.workspaceId, name, exceptId],
      );
    return rows.length > 0;
  }

  async defaultWorkflow(tx: RequestContext, exceptId: string | null): Promise<{ id: string; name: string } | null> {
    const [row]: Array<{ id: string; name: string }> = await this.db
      .manager(tx)
      .query(
        `SELECT id, name FROM content_workflows WHERE workspace_id = $1 AND is_default AND id IS DISTINCT FROM $2`,
        [tx.workspaceId, exceptId],
      );
    return row ?? null;
  }

  /** Of the types given, those named by another workflow than `exceptId`, with that workflow. */
  async typeOwners(
    tx: RequestContext,
    contentTypeIds: string[],
    exceptId: string | null,
  ): Promise<Map<string, { id: string; name: string }>> {
    const rows: Array<{ content_type_id: string; id: string; name: string }> = await this.db.manager(tx).query(
      `SELECT wt.content_type_id, w.id, w.name
         FROM content_workflow_types wt JOIN content_workflows w ON w.id = wt.workflow_id
        WHERE wt.workspace_id = $1 AND wt.content_type_id = ANY($2::uuid[]) AND wt.workflow_id IS DISTINCT FROM $3`,
      [tx.workspaceId, contentTypeIds, exceptId],
    );
    return new Map(rows.map((row) => [row.content_type_id, { id: row.id, name: row.name }]));
  }

  async insert(tx: RequestContext, write: WorkflowWrite): Promise<string> {
    const id = uuidv7();
    const actor = actorUserId(tx);
    await this.db.manager(tx).query(
      `INSERT INTO content_workflows
         (id, workspace_id, name, stages, transitions, publish_stage, four_eyes, is_default, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      [
        id,
        tx.workspaceId,
        write.name,
        JSON.stringify(write.stages),
        JSON.stringify(write.transitions),
        write.publishStage,
        write.fourEyes,
        write.isDefault,
        actor,
      ],
    );
    await this.setTypes(tx, id, write.contentTypeIds);
    return id;
  }

  async update(tx: RequestContext, id: string, write: WorkflowWrite): Promise<void> {
    await this.db.manager(tx).query(
      `UPDATE content_workflows
          SET name = $3, stages = $4, transitions = $5, publish_stage = $6, four_eyes = $7, is_default = $8,
              updated_by = $9, updated_at = now()
        WHERE id = $1 AND workspace_id = $2`,
      [
        id,
        tx.workspaceId,
        write.name,
        JSON.stringify(write.stages),
        JSON.stringify(write.transitions),
        write.publishStage,
        write.fourEyes,
        write.isDefault,
        actorUserId(tx),
      ],
    );
    await this.setTypes(tx, id, write.contentTypeIds);
  }

  /** Its states and type links go with it (foreign keys); approvals stay as evidence, without the workflow. */
  async delete(tx: RequestContext, id: string): Promise<void> {
    await this.db
      .manager(tx)
      .query(`DELETE FROM content_workflows WHERE id = $1 AND workspace_id = $2`, [id, tx.workspaceId]);
  }

  /**
   * Removes the states that no longer hold: of a workflow that does not govern the entry's type any more, or in a
   * stage their workflow no longer has. Those entry locales are in the first stage of their type's workflow again.
   * Answers how many were reset.
   */
  async resetStaleStates(tx: RequestContext): Promise<number> {
    const result: [unknown[], number] = await this.db.manager(tx).query(
      `DELETE FROM content_workflow_states s
        USING content_entries e, content_workflows w
        WHERE s.workspace_id = $1 AND e.id = s.entry_id AND w.id = s.workflow_id
          AND (s.workflow_id IS DISTINCT FROM coalesce(
                 (SELECT workflow_id FROM content_workflow_types WHERE content_type_id = e.content_type_id),
                 (SELECT id FROM content_workflows WHERE workspace_id = $1 AND is_default))
               OR NOT EXISTS (SELECT 1 FROM jsonb_array_elements(w.stages) st WHERE st->>'key' = s.stage))`,
      [tx.workspaceId],
    );
    return result[1] ?? 0;
  }

  private async setTypes(tx: RequestContext, id: string, contentTypeIds: string[]): Promise<void> {
    const manager = this.db.manager(tx);
    await manager.query(
      `DELETE FROM content_workflow_types WHERE workflow_id = $1 AND workspace_id = $2 AND NOT (content_type_id = ANY($3::uuid[]))`,
      [id, tx.workspaceId, contentTypeIds],
    );
    for (const contentTypeId of contentTypeIds) {
      await manager.query(
        `INSERT INTO content_workflow_types (id, workspace_id, workflow_id, content_type_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (content_type_id) DO NOTHING`,
        [uuidv7(), tx.workspaceId, id, contentTypeId],
      );
    }
  }
}

function toRecord(row: WorkflowRow): WorkflowRecord {
  return {
    id: row.id,
    name: row.name,
    stages: row.stages,
    transitions: row.transitions,
    publishStage: row.publish_stage,
    fourEyes: row.four_eyes,
    isDefault: row.is_default,
    contentTypes: row.content_types ?? [],
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
