import { Injectable } from '@nestjs/common';
import { TenantDataSource, uuidv7, type RequestContext } from '@quire/core';
import { actorUserId } from '../../entries/entry-store';

/** An entry locale's stored stage. */
export interface StageState {
  id: string;
  workflowId: string;
  stage: string;
  visitId: string;
  enteredAt: Date;
  enteredBy: string | null;
  enteredRevision: number;
}

/** An approval as stored. */
export interface StoredApproval {
  id: string;
  workflowId: string | null;
  stage: string;
  visitId: string;
  revision: number;
  approverId: string | null;
  note: string | null;
  createdAt: Date;
}

const STATE_COLUMNS = `id, workflow_id AS "workflowId", stage, visit_id AS "visitId", entered_at AS "enteredAt",
  entered_by AS "enteredBy", entered_revision AS "enteredRevision"`;
const APPROVAL_COLUMNS = `id, workflow_id AS "workflowId", stage, visit_id AS "visitId", revision,
  approver_id AS "approverId", note, created_at AS "createdAt"`;

/** Entry locales' stages and approvals, with explicit SQL in the context's workspace and transaction. */
@Injectable()
export class StageStore {
  constructor(private readonly db: TenantDataSource) {}

  /** The stored stage of the locale under `workflowId`; null when it is (implicitly) in the first stage. */
  async state(ctx: RequestContext, entryId: string, locale: string, workflowId: string): Promise<StageState | null> {
    const [row]: StageState[] = await this.db.manager(ctx).query(
      `SELECT ${STATE_COLUMNS} FROM content_workflow_states
          WHERE entry_id = $1 AND locale = $2 AND workspace_id = $3 AND workflow_id = $4`,
      [entryId, locale, ctx.workspaceId, workflowId],
    );
    return row ?? null;
  }

  /**
   * The locale's state row under the workflow, written now in `firstStage` if it had none (a state of another
   * workflow is replaced), and held for the rest of the transaction: moves and approvals of one locale serialize.
   */
  async hold(
    tx: RequestContext,
    entryId: string,
    locale: string,
    workflowId: string,
    firstStage: string,
  ): Promise<StageState> {
    const manager = this.db.manager(tx);
    await manager.query(
      `INSERT INTO content_workflow_states (id, workspace_id, entry_id, locale, workflow_id, stage, visit_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (entry_id, locale) DO UPDATE
          SET workflow_id = EXCLUDED.workflow_id, stage = EXCLUDED.stage, visit_id = EXCLUDED.visit_id,
              entered_at = now(), entered_by = NULL, entered_revision = 0
        WHERE content_workflow_states.workflow_id <> EXCLUDED.workflow_id`,
      [uuidv7(), tx.workspaceId, entryId, locale, workflowId, firstStage, uuidv7()],
    );
    const [row]: StageState[] = await manager.query(
      `SELECT ${STATE_COLUMNS} FROM content_workflow_states
        WHERE entry_id = $1 AND locale = $2 AND workspace_id = $3 FOR UPDATE`,
      [entryId, locale, tx.workspaceId],
    );
    return row;
  }

  /** Enters `stage`: a new visit, at the entry's current revision, by the acting member. */
  async move(tx: RequestContext, stateId: string, stage: string, revision: number): Promise<void> {
    await this.db.manager(tx).query(
      `UPDATE content_workflow_states
          SET stage = $3, visit_id = $4, entered_at = now(), entered_by = $5, entered_revision = $6
        WHERE id = $1 AND workspace_id = $2`,
      [stateId, tx.workspaceId, stage, uuidv7(), actorUserId(tx), revision],
    );
  }

  /** The locale's approvals given at `fromRevision` (its last publish) or later, oldest first. */
  async approvalsSince(
    ctx: RequestContext,
    entryId: string,
    locale: string,
    fromRevision: number,
  ): Promise<StoredApproval[]> {
    return this.db.manager(ctx).query(
      `SELECT ${APPROVAL_COLUMNS} FROM content_workflow_approvals
        WHERE entry_id = $1 AND locale = $2 AND workspace_id = $3 AND revision >= $4
        ORDER BY created_at, id`,
      [entryId, locale, ctx.workspaceId, fromRevision],
    );
  }

  async insertApproval(
    tx: RequestContext,
    approval: {
      entryId: string;
      locale: string;
      workflowId: string;
      stage: string;
      visitId: string;
      revision: number;
      note: string | null;
    },
  ): Promise<StoredApproval> {
    const [row]: StoredApproval[] = await this.db.manager(tx).query(
      `INSERT INTO content_workflow_approvals
         (id, workspace_id, entry_id, locale, workflow_id, stage, visit_id, revision, approver_id, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING ${APPROVAL_COLUMNS}`,
      [
        uuidv7(),
        tx.workspaceId,
        approval.entryId,
        approval.locale,
        approval.workflowId,
        approval.stage,
        approval.visitId,
        approval.revision,
        actorUserId(tx),
        approval.note,
      ],
    );
    return row;
  }
}
