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
    const [recorded] = await this.recordMany(ctx, kind, [{ entryId, locale, restoredFrom }]);
    return recorded;
  }

  /**
   * One revision of `kind` for each entry listed (each entry at most once), with a fixed number of statements
   * whatever their count: for changes written to many entries at once. `extraDiff` is appended to the entry's diff,
   * for changes the draft snapshot does not show (a published document edited in place). Answers in items' order.
   */
  async recordMany(
    ctx: RequestContext,
    kind: RevisionKind,
    items: ReadonlyArray<{ entryId: string; locale: string | null; restoredFrom?: number; extraDiff?: FieldChange[] }>,
  ): Promise<RecordedRevision[]> {
    if (items.length === 0) return [];
    const manager = this.db.manager(ctx);
    const ids = items.map((item) => item.entryId);
    const bumped: Array<{ id: string; revision: number; shared_data: Record<string, unknown> }> = updatedRows(
      await manager.query(
        `UPDATE content_entries SET revision = revision + 1 WHERE workspace_id = $1 AND id = ANY($2::uuid[])
         RETURNING id, revision, shared_data`,
        [ctx.workspaceId, ids],
      ),
    );
    const entries = new Map(bumped.map((row) => [row.id, row]));
    const missing = ids.find((id) => !entries.has(id));
    if (missing) throw new Error(`RevisionRecorder.record: no entry ${missing} in workspace ${ctx.workspaceId}`);
    const locales: Array<{ entry_id: string; locale: string; draft_data: Record<string, unknown> }> =
      await manager.query(
        `SELECT entry_id, locale, draft_data FROM content_entry_locales
          WHERE workspace_id = $1 AND entry_id = ANY($2::uuid[]) ORDER BY entry_id, locale`,
        [ctx.workspaceId, ids],
      );
    const previous: Array<{ entry_id: string; snapshot: EntrySnapshot }> = await manager.query(
      `SELECT DISTINCT ON (entry_id) entry_id, snapshot FROM content_revisions
        WHERE workspace_id = $1 AND entry_id = ANY($2::uuid[]) ORDER BY entry_id, number DESC`,
      [ctx.workspaceId, ids],
    );
    const previousOf = new Map(previous.map((row) => [row.entry_id, row.snapshot]));
    const snapshots = new Map(ids.map((id): [string, EntrySnapshot] => [id, { shared: {}, locales: {} }]));
    for (const row of locales) snapshots.get(row.entry_id)!.locales[row.locale] = row.draft_data ?? {};
    const recorded = items.map((item) => {
      const entry = entries.get(item.entryId)!;
      const snapshot: EntrySnapshot = { ...snapshots.get(item.entryId)!, shared: entry.shared_data ?? {} };
      const diff = [
        ...diffSnapshots(previousOf.get(item.entryId) ?? { shared: {}, locales: {} }, snapshot),
        ...(item.extraDiff ?? []),
      ];
      return { item, number: entry.revision, snapshot, diff };
    });
    await manager.query(
      `INSERT INTO content_revisions
         (id, workspace_id, entry_id, number, kind, locale, snapshot, diff, restored_from, actor_type, actor_id)
       SELECT r.id, $1::uuid, r.entry_id, r.number, $2::text, r.locale, r.snapshot, r.diff, r.restored_from,
              $3::text, $4::text
         FROM jsonb_to_recordset($5::jsonb)
           AS r(id uuid, entry_id uuid, number integer, locale text, snapshot jsonb, diff jsonb, restored_from integer)`,
      [
        ctx.workspaceId,
        kind,
        ctx.actor.type,
        ctx.actor.id,
        JSON.stringify(
          recorded.map(({ item, number, snapshot, diff }) => ({
            id: uuidv7(),
            entry_id: item.entryId,
            number,
            locale: item.locale,
            snapshot,
            diff,
            restored_from: item.restoredFrom ?? null,
          })),
        ),
      ],
    );
    // The oldest revisions beyond each entry's cap (its type's `options.revisionCap`, else the default).
    await manager.query(
      `DELETE FROM content_revisions r
        USING content_entries e JOIN content_types t ON t.id = e.content_type_id
        WHERE e.workspace_id = $1 AND e.id = ANY($2::uuid[]) AND r.entry_id = e.id AND r.workspace_id = $1
          AND r.number <= e.revision - GREATEST(COALESCE((t.definition->'options'->>'revisionCap')::int, $3), 1)`,
      [ctx.workspaceId, ids, DEFAULT_REVISION_CAP],
    );
    return recorded.map(({ number, diff }) => ({ number, diff }));
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

/** TypeORM answers UPDATE … RETURNING with [rows, count] on PostgreSQL. */
function updatedRows<R>(result: R[] | [R[], number]): R[] {
  return Array.isArray(result[0]) ? (result[0] as R[]) : (result as R[]);
}
