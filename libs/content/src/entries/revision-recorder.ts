import { Injectable } from '@nestjs/common';
import { TenantDataSource, uuidv7, type RequestContext } from '@quire/core';
import type { EntrySnapshot, FieldChange } from '../entities/content-revision.entity';
import { diffSnapshots } from '../schema';

/** Kept revisions per entry when the type's `options.revisionCap` says nothing. */
export const DEFAULT_REVISION_CAP = 100;

/** What a change was, as the revision list shows it. */
export type RevisionKind =
  | 'create'
  | 'save'
  | 'publish'
  | 'unpublish'
  | 'translate'
  | 'restore'
  | 'trash'
  | 'untrash'
  | 'reference-removed'
  | 'schema-migration'
  | 'import';

export interface RecordedRevision {
  number: number;
  diff: FieldChange[];
}

/**
 * Writes an entry's revision after a change, inside the change's transaction: it reads the entry's current draft
 * state itself (shared values and every locale's draft), diffs it against the previous revision, bumps the entry's
 * revision counter (the UPDATE also serialises concurrent saves of one entry) and drops the oldest revisions beyond
 * the type's cap. Every part of the plugin that changes an entry calls it.
 */
@Injectable()
export class RevisionRecorder {
  constructor(private readonly db: TenantDataSource) {}

  async record(
    ctx: RequestContext,
    entryId: string,
    kind: RevisionKind,
    locale: string | null,
    restoredFrom?: number,
  ): Promise<RecordedRevision> {
    const manager = this.db.manager(ctx);
    const bumped: Array<{ revision: number; shared_data: Record<string, unknown>; content_type_id: string }> =
      await manager.query(
        `UPDATE content_entries SET revision = revision + 1 WHERE id = $1 AND workspace_id = $2
         RETURNING revision, shared_data, content_type_id`,
        [entryId, ctx.workspaceId],
      );
    // TypeORM returns [rows, count] for UPDATE … RETURNING on PostgreSQL.
    const row = (Array.isArray(bumped[0]) ? bumped[0][0] : bumped[0]) as (typeof bumped)[number] | undefined;
    if (!row) throw new Error(`RevisionRecorder.record: no entry ${entryId} in workspace ${ctx.workspaceId}`);
    const snapshot = await this.snapshot(ctx, entryId, row.shared_data ?? {});
    const previous: Array<{ snapshot: EntrySnapshot }> = await manager.query(
      `SELECT snapshot FROM content_revisions WHERE entry_id = $1 AND workspace_id = $2 ORDER BY number DESC LIMIT 1`,
      [entryId, ctx.workspaceId],
    );
    const diff = diffSnapshots(previous[0]?.snapshot ?? { shared: {}, locales: {} }, snapshot);
    await manager.query(
      `INSERT INTO content_revisions
         (id, workspace_id, entry_id, number, kind, locale, snapshot, diff, restored_from, actor_type, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        uuidv7(),
        ctx.workspaceId,
        entryId,
        row.revision,
        kind,
        locale,
        JSON.stringify(snapshot),
        JSON.stringify(diff),
        restoredFrom ?? null,
        ctx.actor.type,
        ctx.actor.id,
      ],
    );
    await manager.query(
      `DELETE FROM content_revisions r
        WHERE r.entry_id = $1 AND r.workspace_id = $2
          AND r.number <= $3 - (SELECT GREATEST(COALESCE((t.definition->'options'->>'revisionCap')::int, $4), 1)
                                  FROM content_types t WHERE t.id = $5)`,
      [entryId, ctx.workspaceId, row.revision, DEFAULT_REVISION_CAP, row.content_type_id],
    );
    return { number: row.revision, diff };
  }

  /** The whole draft state of the entry now: shared values and each locale's localized values. */
  async snapshot(ctx: RequestContext, entryId: string, shared: Record<string, unknown>): Promise<EntrySnapshot> {
    const rows: Array<{ locale: string; draft_data: Record<string, unknown> }> = await this.db
      .manager(ctx)
      .query(
        `SELECT locale, draft_data FROM content_entry_locales WHERE entry_id = $1 AND workspace_id = $2 ORDER BY locale`,
        [entryId, ctx.workspaceId],
      );
    const locales: Record<string, Record<string, unknown>> = {};
    for (const row of rows) locales[row.locale] = row.draft_data ?? {};
    return { shared, locales };
  }
}
