import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, uuidv7, ValidationFailedError, type RequestContext } from '@quire/core';
import { EntryAccess } from '../../entries/entry-access';
import { actorUserId } from '../../entries/entry-store';
import {
  LABEL_COLUMNS,
  toLabelResponse,
  type LabelListResponse,
  type LabelResponse,
  type LabelRow,
} from './dto/label.response';
import { LabelNameTakenError, LabelNotFoundError } from './labels.errors';

export interface LabelInput {
  name?: string;
  color?: string | null;
}

/**
 * The workspace's labels and their attachment to entries. Label writes serialize per workspace (names are unique
 * whatever their case); attaching and detaching need the right to update the entry, and are idempotent.
 */
@Injectable()
export class LabelService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly access: EntryAccess,
  ) {}

  async list(ctx: RequestContext): Promise<LabelListResponse> {
    const rows: LabelRow[] = await this.db
      .manager(ctx)
      .query(`SELECT ${LABEL_COLUMNS} FROM content_labels WHERE workspace_id = $1 ORDER BY lower(name), id`, [
        ctx.workspaceId,
      ]);
    return { items: rows.map(toLabelResponse) };
  }

  async create(ctx: RequestContext, input: Required<Pick<LabelInput, 'name'>> & LabelInput): Promise<LabelResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const name = await this.freeName(tx, input.name, null);
      const [row]: LabelRow[] = await this.db.manager(tx).query(
        `INSERT INTO content_labels (id, workspace_id, name, color, created_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING ${LABEL_COLUMNS}`,
        [uuidv7(), tx.workspaceId, name, input.color?.toLowerCase() ?? null, actorUserId(tx)],
      );
      await this.events.publish(tx, 'content.label.created', { labelId: row.id, name: row.name });
      return toLabelResponse(row);
    });
  }

  async update(ctx: RequestContext, id: string, input: LabelInput): Promise<LabelResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const current = await this.label(tx, id);
      const name = input.name === undefined ? current.name : await this.freeName(tx, input.name, id);
      const color = input.color === undefined ? current.color : (input.color?.toLowerCase() ?? null);
      // TypeORM answers [rows, count] for UPDATE … RETURNING on PostgreSQL.
      const [[updated]]: [LabelRow[], number] = await this.db.manager(tx).query(
        `UPDATE content_labels SET name = $3, color = $4, updated_at = now() WHERE id = $1 AND workspace_id = $2
         RETURNING ${LABEL_COLUMNS}`,
        [id, tx.workspaceId, name, color],
      );
      await this.events.publish(tx, 'content.label.updated', { labelId: id, name: updated.name });
      return toLabelResponse(updated);
    });
  }

  /** Detaches it from every entry (foreign key). */
  async delete(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const current = await this.label(tx, id);
      await this.db
        .manager(tx)
        .query(`DELETE FROM content_labels WHERE id = $1 AND workspace_id = $2`, [id, tx.workspaceId]);
      await this.events.publish(tx, 'content.label.deleted', { labelId: id, name: current.name });
    });
  }

  async ofEntry(ctx: RequestContext, entryId: string): Promise<LabelListResponse> {
    await this.access.entry(ctx, entryId, 'read');
    return { items: (await this.entryLabels(ctx, entryId)).map(toLabelResponse) };
  }

  async attach(ctx: RequestContext, entryId: string, labelId: string): Promise<LabelListResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const { type } = await this.access.entry(tx, entryId, 'update', true);
      await this.label(tx, labelId);
      const inserted: unknown[] = await this.db.manager(tx).query(
        `INSERT INTO content_entry_labels (id, workspace_id, entry_id, label_id, added_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (entry_id, label_id) DO NOTHING RETURNING id`,
        [uuidv7(), tx.workspaceId, entryId, labelId, actorUserId(tx)],
      );
      if (inserted.length > 0) {
        await this.events.publish(tx, 'content.entry.labeled', { entryId, contentType: type.apiId, labelId });
      }
      return { items: (await this.entryLabels(tx, entryId)).map(toLabelResponse) };
    });
  }

  async detach(ctx: RequestContext, entryId: string, labelId: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const { type } = await this.access.entry(tx, entryId, 'update', true);
      await this.label(tx, labelId);
      const [, removed]: [unknown[], number] = await this.db
        .manager(tx)
        .query(`DELETE FROM content_entry_labels WHERE entry_id = $1 AND label_id = $2 AND workspace_id = $3`, [
          entryId,
          labelId,
          tx.workspaceId,
        ]);
      if (removed > 0) {
        await this.events.publish(tx, 'content.entry.unlabeled', { entryId, contentType: type.apiId, labelId });
      }
    });
  }

  private entryLabels(ctx: RequestContext, entryId: string): Promise<LabelRow[]> {
    return this.db.manager(ctx).query(
      `SELECT l.id, l.name, l.color, l.created_at, l.updated_at
         FROM content_entry_labels el JOIN content_labels l ON l.id = el.label_id
        WHERE el.entry_id = $1 AND el.workspace_id = $2
        ORDER BY lower(l.name), l.id`,
      [entryId, ctx.workspaceId],
    );
  }

  private async label(ctx: RequestContext, id: string): Promise<LabelRow> {
    const [row]: LabelRow[] = await this.db
      .manager(ctx)
      .query(`SELECT ${LABEL_COLUMNS} FROM content_labels WHERE id = $1 AND workspace_id = $2`, [id, ctx.workspaceId]);
    if (!row) throw new LabelNotFoundError(id);
    return row;
  }

  /** The trimmed name, if no other label of the workspace has it (label writes serialize per workspace). */
  private async freeName(tx: RequestContext, name: string, exceptId: string | null): Promise<string> {
    const trimmed = name.trim();
    if (trimmed.length === 0) throw new ValidationFailedError([{ path: 'name', message: 'name must not be blank' }]);
    await this.db
      .manager(tx)
      .query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`content-labels:${tx.workspaceId}`]);
    const taken: unknown[] = await this.db
      .manager(tx)
      .query(
        `SELECT 1 FROM content_labels WHERE workspace_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3`,
        [tx.workspaceId, trimmed, exceptId],
      );
    if (taken.length > 0) throw new LabelNameTakenError(trimmed);
    return trimmed;
  }
}
