import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';

/**
 * What the change history says about one entry locale: the last revision that changed its values (its own or the
 * shared ones), the revision it was last published at, and who changed it since. Read from content_change_authors,
 * which a trigger on content_revisions keeps, and from the publication history.
 */
@Injectable()
export class ChangeHistory {
  constructor(private readonly db: TenantDataSource) {}

  /** The last revision that changed the locale's values (0: none recorded). Approvals of earlier ones are stale. */
  async contentRevision(ctx: RequestContext, entryId: string, locale: string): Promise<number> {
    const [row]: Array<{ revision: number | null }> = await this.db.manager(ctx).query(
      `SELECT max(last_revision) AS revision FROM content_change_authors
        WHERE entry_id = $1 AND workspace_id = $2 AND locale IN ($3, '')`,
      [entryId, ctx.workspaceId, locale],
    );
    return row?.revision ?? 0;
  }

  /**
   * The revision the locale was last published at: the latest publication recorded, else (published before the
   * workflow existed) the locale's published revision, else 0.
   */
  async lastPublishedRevision(ctx: RequestContext, entryId: string, locale: string): Promise<number> {
    const [row]: Array<{ revision: number | null }> = await this.db.manager(ctx).query(
      `SELECT coalesce(
                (SELECT max(revision) FROM content_publications WHERE entry_id = $1 AND workspace_id = $2 AND locale = $3),
                (SELECT published_revision FROM content_entry_locales WHERE entry_id = $1 AND workspace_id = $2 AND locale = $3),
                0) AS revision`,
      [entryId, ctx.workspaceId, locale],
    );
    return row?.revision ?? 0;
  }

  /** The members who changed the locale's values (or the shared ones) after `afterRevision`, by user id. */
  async authorsSince(ctx: RequestContext, entryId: string, locale: string, afterRevision: number): Promise<string[]> {
    const rows: Array<{ actor_id: string }> = await this.db.manager(ctx).query(
      `SELECT DISTINCT actor_id FROM content_change_authors
        WHERE entry_id = $1 AND workspace_id = $2 AND locale IN ($3, '') AND actor_type = 'user'
          AND actor_id <> '' AND last_revision > $4
        ORDER BY actor_id`,
      [entryId, ctx.workspaceId, locale, afterRevision],
    );
    return rows.map((row) => row.actor_id);
  }
}
