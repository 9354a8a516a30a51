import { Injectable } from '@nestjs/common';
import { TenantDataSource, uuidv7, type RequestContext } from '@quire/core';
import type { EntryStatus } from './dto/entry.response';

/** The entry row as the services use it (no ORM hydration: explicit columns, shaped here). */
export interface StoredEntry {
  id: string;
  contentTypeId: string;
  sharedData: Record<string, unknown>;
  revision: number;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

/** One locale row of an entry, with its status worked out in SQL (exact timestamps, no JS rounding). */
export interface StoredLocale {
  locale: string;
  draftData: Record<string, unknown>;
  publishedData: Record<string, unknown> | null;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
  updatedAt: Date;
  status: EntryStatus;
}

/**
 * Status of a locale row as SQL: a locale is `changed` when its draft was saved after it was published. Saves
 * (and shared-field changes) set `updated_at`; publishing sets `published_at` in the same statement, so a save and
 * a publish in one transaction read as `published`.
 */
export const LOCALE_STATUS_SQL = (alias: string): string =>
  `CASE WHEN ${alias}.published_at IS NULL THEN 'draft' WHEN ${alias}.updated_at > ${alias}.published_at THEN 'changed' ELSE 'published' END`;

/** Reads and writes of entry rows with explicit SQL, always inside the context's workspace and transaction. */
@Injectable()
export class EntryStore {
  constructor(private readonly db: TenantDataSource) {}

  private query<R>(ctx: RequestContext, sql: string, parameters: unknown[]): Promise<R[]> {
    return this.db.manager(ctx).query(sql, parameters);
  }

  /** The entry, trashed or not (callers decide); `lock` takes the row for the rest of the transaction. */
  async entry(ctx: RequestContext, id: string, lock = false): Promise<StoredEntry | null> {
    const rows = await this.query<Record<string, unknown>>(
      ctx,
      `SELECT id, content_type_id, shared_data, revision, created_by, updated_by, created_at, updated_at, deleted_at
         FROM content_entries WHERE id = $1 AND workspace_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [id, ctx.workspaceId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id as string,
      contentTypeId: row.content_type_id as string,
      sharedData: (row.shared_data ?? {}) as Record<string, unknown>,
      revision: row.revision as number,
      createdBy: (row.created_by as string | null) ?? null,
      updatedBy: (row.updated_by as string | null) ?? null,
      createdAt: row.created_at as Date,
      updatedAt: row.updated_at as Date,
      deletedAt: (row.deleted_at as Date | null) ?? null,
    };
  }

  /** Every locale row of the entry, by locale name. */
  async locales(ctx: RequestContext, entryId: string): Promise<StoredLocale[]> {
    const rows = await this.query<Record<string, unknown>>(
      ctx,
      `SELECT l.locale, l.draft_data, l.published_data, l.published_at, l.first_published_at, l.updated_at,
              ${LOCALE_STATUS_SQL('l')} AS status
         FROM content_entry_locales l WHERE l.entry_id = $1 AND l.workspace_id = $2 ORDER BY l.created_at, l.locale`,
      [entryId, ctx.workspaceId],
    );
    return rows.map((row) => ({
      locale: row.locale as string,
      draftData: (row.draft_data ?? {}) as Record<string, unknown>,
      publishedData: (row.published_data as Record<string, unknown> | null) ?? null,
      publishedAt: (row.published_at as Date | null) ?? null,
      firstPublishedAt: (row.first_published_at as Date | null) ?? null,
      updatedAt: row.updated_at as Date,
      status: row.status as EntryStatus,
    }));
  }

  async insertEntry(
    ctx: RequestContext,
    entry: { contentTypeId: string; sharedData: Record<string, unknown> },
  ): Promise<string> {
    const id = uuidv7();
    const actor = actorUserId(ctx);
    await this.query(
      ctx,
      `INSERT INTO content_entries (id, workspace_id, content_type_id, shared_data, revision, created_by, updated_by)
       VALUES ($1, $2, $3, $4, 0, $5, $5)`,
      [id, ctx.workspaceId, entry.contentTypeId, JSON.stringify(entry.sharedData), actor],
    );
    return id;
  }

  async insertLocale(
    ctx: RequestContext,
    row: { entryId: string; contentTypeId: string; locale: string; draftData: Record<string, unknown> },
  ): Promise<void> {
    await this.query(
      ctx,
      `INSERT INTO content_entry_locales (id, workspace_id, entry_id, content_type_id, locale, draft_data)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [uuidv7(), ctx.workspaceId, row.entryId, row.contentTypeId, row.locale, JSON.stringify(row.draftData)],
    );
  }

  /** Saves the shared values; every locale's draft changes with them, so each locale row counts as edited. */
  async saveShared(ctx: RequestContext, entryId: string, shared: Record<string, unknown>): Promise<void> {
    await this.query(ctx, `UPDATE content_entries SET shared_data = $3 WHERE id = $1 AND workspace_id = $2`, [
      entryId,
      ctx.workspaceId,
      JSON.stringify(shared),
    ]);
    await this.query(
      ctx,
      `UPDATE content_entry_locales SET updated_at = now() WHERE entry_id = $1 AND workspace_id = $2`,
      [entryId, ctx.workspaceId],
    );
  }

  async saveDraft(ctx: RequestContext, entryId: string, locale: string, draft: Record<string, unknown>): Promise<void> {
    await this.query(
      ctx,
      `UPDATE content_entry_locales SET draft_data = $4, updated_at = now()
        WHERE entry_id = $1 AND workspace_id = $2 AND locale = $3`,
      [entryId, ctx.workspaceId, locale, JSON.stringify(draft)],
    );
  }

  /** Who changed the entry last, and when. */
  async touch(ctx: RequestContext, entryId: string): Promise<void> {
    await this.query(
      ctx,
      `UPDATE content_entries SET updated_by = $3, updated_at = now() WHERE id = $1 AND workspace_id = $2`,
      [entryId, ctx.workspaceId, actorUserId(ctx)],
    );
  }

  async deleteLocale(ctx: RequestContext, entryId: string, locale: string): Promise<void> {
    await this.query(
      ctx,
      `DELETE FROM content_entry_locales WHERE entry_id = $1 AND workspace_id = $2 AND locale = $3`,
      [entryId, ctx.workspaceId, locale],
    );
    await this.query(
      ctx,
      `DELETE FROM content_references WHERE source_entry_id = $1 AND workspace_id = $2 AND locale = $3`,
      [entryId, ctx.workspaceId, locale],
    );
  }

  /** The id of the type's entry, for singletons (trashed ones count: restoring it would make two). */
  async anyEntryOfType(ctx: RequestContext, contentTypeId: string): Promise<string | null> {
    const rows = await this.query<{ id: string }>(
      ctx,
      `SELECT id FROM content_entries WHERE content_type_id = $1 AND workspace_id = $2 LIMIT 1`,
      [contentTypeId, ctx.workspaceId],
    );
    return rows[0]?.id ?? null;
  }
}

/** The member behind the request, for the uuid authorship columns (API keys and jobs leave them empty). */
export function actorUserId(ctx: RequestContext): string | null {
  return ctx.actor.type === 'user' ? ctx.actor.id : null;
}
