import { Injectable } from '@nestjs/common';
import { TenantDataSource, type ParsedListQuery, type RequestContext } from '@quire/core';
import { textSearchConfig } from '../schema/text-search-config';
import { DeliveryCountMemo } from './delivery-count-memo';
import type { DeliveryModel } from './delivery-model';
import { filterConditions, orderBy, publishedRows, SqlParams, withAlias } from './delivery-sql';

/** One published locale of an entry, as delivery reads it: explicit columns, no entity hydration. */
export interface PublishedRow {
  entry_id: string;
  content_type_id: string;
  locale: string;
  published_data: Record<string, unknown>;
  published_at: Date;
  first_published_at: Date | null;
}

/**
 * Where delivery reads its rows from: published locales (this repository), or drafts for a preview token
 * (preview/preview-draft-rows.ts).
 */
export interface DeliveryRowSource {
  page(
    ctx: RequestContext,
    generation: string,
    typeId: string,
    locale: string,
    model: DeliveryModel,
    query: ParsedListQuery,
    search: { q: string; explicitSort: boolean } | null,
  ): Promise<{ rows: PublishedRow[]; total: number }>;
  entry(ctx: RequestContext, typeId: string, entryId: string, chain: readonly string[]): Promise<PublishedRow[]>;
  singleton(ctx: RequestContext, typeId: string, chain: readonly string[]): Promise<PublishedRow[]>;
  bySlug(
    ctx: RequestContext,
    typeId: string,
    slugField: string,
    slug: string,
    chain: readonly string[],
  ): Promise<PublishedRow[]>;
  many(ctx: RequestContext, entryIds: readonly string[], locales: readonly string[]): Promise<PublishedRow[]>;
}

const COLUMNS = `{alias}.entry_id, {alias}.content_type_id, {alias}.locale, {alias}.published_data, {alias}.published_at,
  {alias}.first_published_at`;
const PUBLISHED = `{alias}.published_data IS NOT NULL AND NOT {alias}.in_trash`;

/**
 * The delivery read path: parameterised SQL on `content_entry_locales` alone, the workspace id of the context as
 * $1 in every statement, rows shaped by the caller.
 */
@Injectable()
export class DeliveryRepository implements DeliveryRowSource {
  constructor(
    private readonly db: TenantDataSource,
    private readonly counts: DeliveryCountMemo,
  ) {}

  /**
   * A page of a type's entries published in `locale`, and the total, in ONE statement: the count is an
   * uncorrelated sub-select (evaluated once, with its own plan: the page keeps its index scan and early stop),
   * left out when the memo knows the total for this generation. `q` adds a full-text match in the locale's
   * language, ranked when the request names no `sort`.
   */
  async page(
    ctx: RequestContext,
    generation: string,
    typeId: string,
    locale: string,
    model: DeliveryModel,
    query: ParsedListQuery,
    search: { q: string; explicitSort: boolean } | null,
  ): Promise<{ rows: PublishedRow[]; total: number }> {
    const params = new SqlParams(ctx.workspaceId);
    const conditions = [
      ...publishedRows('{alias}', params, typeId, locale),
      ...filterConditions(model, query.filters, params),
    ];
    let rank: string | null = null;
    if (search) {
      const tsquery = `websearch_to_tsquery(${params.add(textSearchConfig(locale))}::regconfig, ${params.add(search.q)})`;
      conditions.push(`{alias}.search_vector @@ ${tsquery}`);
      rank = `ts_rank({alias}.search_vector, ${tsquery})`;
    }
    const where = conditions.join(' AND ');
    const order = orderBy(model, query, rank, search?.explicitSort ?? true).join(', ');
    const countKey = DeliveryCountMemo.key(ctx.workspaceId, generation, where, params.values);
    const known = this.counts.get(countKey);
    const limit = params.add(query.pageSize);
    const offset = params.add((query.page - 1) * query.pageSize);
    const total =
      known === undefined
        ? `(SELECT count(*) FROM content_entry_locales c WHERE ${withAlias(where, 'c')})::int`
        : `NULL::int`;
    const sql = `SELECT ${withAlias(COLUMNS, 'l')}, ${total} AS total
       FROM content_entry_locales l WHERE ${withAlias(where, 'l')}
      ORDER BY ${withAlias(order, 'l')} LIMIT ${limit} OFFSET ${offset}`;
    const rows = await this.db.manager(ctx).query<Array<PublishedRow & { total: number | null }>>(sql, params.values);
    if (known !== undefined) return { rows, total: known };
    if (rows.length > 0 || query.page === 1) {
      const counted = rows[0]?.total ?? 0;
      this.counts.set(countKey, counted);
      return { rows, total: counted };
    }
    // Past the last page: no row carried the total.
    const count = await this.db
      .manager(ctx)
      .query<Array<{ total: number }>>(
        `SELECT count(*)::int AS total FROM content_entry_locales c WHERE ${withAlias(where, 'c')}`,
        params.values.slice(0, -2),
      );
    const counted = count[0]?.total ?? 0;
    this.counts.set(countKey, counted);
    return { rows, total: counted };
  }

  /** The published locales (of `chain`) of one entry of a type. */
  entry(ctx: RequestContext, typeId: string, entryId: string, chain: readonly string[]): Promise<PublishedRow[]> {
    return this.db.manager(ctx).query<PublishedRow[]>(
      `SELECT ${withAlias(COLUMNS, 'l')} FROM content_entry_locales l
        WHERE l.workspace_id = $1 AND l.content_type_id = $2 AND l.entry_id = $3 AND l.locale = ANY($4::text[])
          AND ${withAlias(PUBLISHED, 'l')}`,
      [ctx.workspaceId, typeId, entryId, chain],
    );
  }

  /** The published locales (of `chain`) of a singleton's entry. */
  singleton(ctx: RequestContext, typeId: string, chain: readonly string[]): Promise<PublishedRow[]> {
    return this.db.manager(ctx).query<PublishedRow[]>(
      `SELECT ${withAlias(COLUMNS, 'l')} FROM content_entry_locales l
        WHERE l.workspace_id = $1 AND l.content_type_id = $2 AND l.locale = ANY($3::text[]) AND ${withAlias(PUBLISHED, 'l')}
        ORDER BY l.entry_id LIMIT 50`,
      [ctx.workspaceId, typeId, chain],
    );
  }

  /**
   * The entry whose published slug is `slug` in the first locale of `chain` that has one, with its published
   * locales of the chain: one statement. The slug match is JSONB containment (the GIN index serves it).
   */
  bySlug(
    ctx: RequestContext,
    typeId: string,
    slugField: string,
    slug: string,
    chain: readonly string[],
  ): Promise<PublishedRow[]> {
    return this.db.manager(ctx).query<PublishedRow[]>(
      `SELECT ${withAlias(COLUMNS, 'l')} FROM content_entry_locales l
        WHERE l.workspace_id = $1 AND l.content_type_id = $2 AND l.locale = ANY($3::text[]) AND ${withAlias(PUBLISHED, 'l')}
          AND l.entry_id = (
            SELECT s.entry_id FROM content_entry_locales s
             WHERE s.workspace_id = $1 AND s.content_type_id = $2 AND s.locale = ANY($3::text[])
               AND ${withAlias(PUBLISHED, 's')} AND s.published_data @> $4::jsonb
             ORDER BY array_position($3::text[], s.locale), s.entry_id LIMIT 1)`,
      [ctx.workspaceId, typeId, chain, JSON.stringify({ [slugField]: slug })],
    );
  }

  /**
   * The published locales (of `locales`) of many entries of any type: one statement for a whole page, used for
   * locale fallback and for each populated level.
   */
  many(ctx: RequestContext, entryIds: readonly string[], locales: readonly string[]): Promise<PublishedRow[]> {
    if (entryIds.length === 0 || locales.length === 0) return Promise.resolve([]);
    return this.db.manager(ctx).query<PublishedRow[]>(
      `SELECT ${withAlias(COLUMNS, 'l')} FROM content_entry_locales l
        WHERE l.workspace_id = $1 AND l.entry_id = ANY($2::uuid[]) AND l.locale = ANY($3::text[])
          AND ${withAlias(PUBLISHED, 'l')}`,
      [ctx.workspaceId, entryIds, locales],
    );
  }
}
