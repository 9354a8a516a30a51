import type { EntityManager } from 'typeorm';
import type { RequestContext } from '@quire/core';
import type { TypeCatalog } from '../delivery/delivery-state';
import type { DeliveryRowSource, PublishedRow } from '../delivery/delivery.repository';
import { publishedDocument } from '../schema/published-document';
import { mergeLocalization } from '../schema/localization';
import type { PreviewScope } from './preview-token';

interface DraftRow {
  entry_id: string;
  content_type_id: string;
  locale: string;
  shared_data: Record<string, unknown>;
  draft_data: Record<string, unknown>;
  published_at: Date | null;
  first_published_at: Date | null;
}

const COLUMNS = `l.entry_id, l.content_type_id, l.locale, e.shared_data, l.draft_data, l.published_at, l.first_published_at`;
const FROM = `content_entry_locales l JOIN content_entries e ON e.id = l.entry_id AND e.workspace_id = $1`;
const LIVE = `l.workspace_id = $1 AND NOT l.in_trash AND e.deleted_at IS NULL`;

/**
 * Delivery's rows read from drafts, for a preview token: each locale's draft merged with the entry's shared
 * values, private fields removed, published or not, never trashed. The addressed documents are narrowed to the
 * token's type and entry; relations populated from them are read as drafts too. Filters, sort and search are not
 * offered here (the service refuses them): a page is ordered by last change, newest first.
 */
export class PreviewDraftRows implements DeliveryRowSource {
  constructor(
    private readonly manager: (ctx: RequestContext) => EntityManager,
    private readonly catalog: TypeCatalog,
    private readonly scope: PreviewScope,
  ) {}

  async page(
    ctx: RequestContext,
    _generation: string,
    typeId: string,
    locale: string,
    _model: unknown,
    query: { page: number; pageSize: number },
  ): Promise<{ rows: PublishedRow[]; total: number }> {
    const values: unknown[] = [ctx.workspaceId, typeId, locale, query.pageSize, (query.page - 1) * query.pageSize];
    const narrowed = this.scope.entryId ? `AND l.entry_id = $${values.push(this.scope.entryId)}` : '';
    const rows = await this.manager(ctx).query<Array<DraftRow & { total: number }>>(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM ${FROM}
        WHERE ${LIVE} AND l.content_type_id = $2 AND l.locale = $3 ${narrowed}
        ORDER BY l.updated_at DESC, l.id LIMIT $4 OFFSET $5`,
      values,
    );
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && query.page > 1) {
      // Past the last page: no row carried the total.
      const [count] = await this.manager(ctx).query<Array<{ total: number }>>(
        `SELECT count(*)::int AS total FROM ${FROM}
          WHERE ${LIVE} AND l.content_type_id = $2 AND l.locale = $3 ${this.scope.entryId ? 'AND l.entry_id = $4' : ''}`,
        this.scope.entryId ? [ctx.workspaceId, typeId, locale, this.scope.entryId] : [ctx.workspaceId, typeId, locale],
      );
      total = count?.total ?? 0;
    }
    return { rows: rows.map((row) => this.document(row)), total };
  }

  async entry(ctx: RequestContext, typeId: string, entryId: string, chain: readonly string[]): Promise<PublishedRow[]> {
    if (this.scope.entryId && this.scope.entryId !== entryId) return [];
    return this.read(ctx, `l.content_type_id = $2 AND l.entry_id = $3 AND l.locale = ANY($4::text[])`, [
      typeId,
      entryId,
      chain,
    ]);
  }

  async singleton(ctx: RequestContext, typeId: string, chain: readonly string[]): Promise<PublishedRow[]> {
    const rows = await this.read(ctx, `l.content_type_id = $2 AND l.locale = ANY($3::text[])`, [typeId, chain]);
    return rows.filter((row) => !this.scope.entryId || row.entry_id === this.scope.entryId);
  }

  /** The entry whose draft slug is `slug` in the first locale of the chain that has one, with its locales. */
  async bySlug(
    ctx: RequestContext,
    typeId: string,
    slugField: string,
    slug: string,
    chain: readonly string[],
  ): Promise<PublishedRow[]> {
    const rows = await this.read(
      ctx,
      `l.content_type_id = $2 AND l.locale = ANY($3::text[]) AND l.entry_id = (
         SELECT s.entry_id FROM content_entry_locales s JOIN content_entries se ON se.id = s.entry_id AND se.workspace_id = $1
          WHERE s.workspace_id = $1 AND NOT s.in_trash AND se.deleted_at IS NULL AND s.content_type_id = $2
            AND s.locale = ANY($3::text[]) AND (se.shared_data || s.draft_data) @> $4::jsonb
          ORDER BY array_position($3::text[], s.locale), s.entry_id LIMIT 1)`,
      [typeId, chain, JSON.stringify({ [slugField]: slug })],
    );
    return rows.filter((row) => !this.scope.entryId || row.entry_id === this.scope.entryId);
  }

  many(ctx: RequestContext, entryIds: readonly string[], locales: readonly string[]): Promise<PublishedRow[]> {
    if (entryIds.length === 0 || locales.length === 0) return Promise.resolve([]);
    return this.read(ctx, `l.entry_id = ANY($2::uuid[]) AND l.locale = ANY($3::text[])`, [entryIds, locales]);
  }

  private async read(ctx: RequestContext, where: string, values: unknown[]): Promise<PublishedRow[]> {
    const rows = await this.manager(ctx).query<DraftRow[]>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${LIVE} AND ${where}`,
      [ctx.workspaceId, ...values],
    );
    return rows.flatMap((row) => {
      const document = this.document(row);
      return this.catalog.byId.has(row.content_type_id) ? [document] : [];
    });
  }

  /** The draft as delivery would publish it: shared and localized values merged, private fields left out. */
  private document(row: DraftRow): PublishedRow {
    const type = this.catalog.byId.get(row.content_type_id);
    const merged = mergeLocalization(row.shared_data, row.draft_data);
    return {
      entry_id: row.entry_id,
      content_type_id: row.content_type_id,
      locale: row.locale,
      published_data: type ? publishedDocument(type.definition, this.catalog.components, merged) : {},
      // Null for a draft never published: the preview shows it all the same.
      published_at: row.published_at as Date,
      first_published_at: row.first_published_at,
    };
  }
}
