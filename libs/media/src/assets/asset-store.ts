import { Injectable } from '@nestjs/common';
import {
  applyAbilityToQuery,
  fetchPage,
  parseListQuery,
  TenantDataSource,
  ValidationFailedError,
  type Page,
  type ParsedFilter,
  type ParsedListQuery,
  type RequestContext,
} from '@quire/core';
import { In, type SelectQueryBuilder } from 'typeorm';
import { MediaAsset } from '../entities/media-asset.entity';
import { ASSET_SUBJECT, assetPermissionFields } from '../media.permissions';
import { assetListSpec, MAX_SEARCH_LENGTH } from './asset-list';
import { normalizeTag } from './dto/asset-fields';

/** Reads and writes media_assets, always inside the context's workspace (TenantDataSource). */
@Injectable()
export class AssetStore {
  constructor(private readonly db: TenantDataSource) {}

  /** The asset, optionally holding its row until the transaction ends. */
  findById(ctx: RequestContext, id: string, lock = false): Promise<MediaAsset | null> {
    return this.db
      .repository(ctx, MediaAsset)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** The assets among `ids` that exist in this workspace, rows held until the transaction ends. */
  findManyForUpdate(ctx: RequestContext, ids: string[]): Promise<MediaAsset[]> {
    return this.db
      .repository(ctx, MediaAsset)
      .find({ where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  findByChecksum(ctx: RequestContext, checksum: string): Promise<MediaAsset | null> {
    return this.db.repository(ctx, MediaAsset).findOneBy({ checksumSha256: checksum });
  }

  insert(ctx: RequestContext, asset: Partial<MediaAsset>): Promise<MediaAsset> {
    return this.db.repository(ctx, MediaAsset).save(asset);
  }

  async update(ctx: RequestContext, ids: string[], patch: Partial<MediaAsset>): Promise<void> {
    await this.db.repository(ctx, MediaAsset).update({ id: In(ids) }, patch);
  }

  /** Adds and removes tags of many assets in one statement (each tag once, order kept). */
  async retag(ctx: RequestContext, ids: string[], add: string[], remove: string[]): Promise<void> {
    await this.db.manager(ctx).query(
      `UPDATE media_assets
          SET tags = ARRAY(
                SELECT t FROM (
                  SELECT t, min(o) AS o FROM unnest(tags || $3::text[]) WITH ORDINALITY AS x(t, o)
                   WHERE NOT (t = ANY($4::text[]))
                   GROUP BY t
                ) kept ORDER BY o),
              updated_at = now()
        WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
      [ctx.workspaceId, ids, add, remove],
    );
  }

  async delete(ctx: RequestContext, ids: string[]): Promise<void> {
    await this.db.repository(ctx, MediaAsset).delete({ id: In(ids) });
  }

  findInFolders(ctx: RequestContext, folderIds: string[]): Promise<MediaAsset[]> {
    return this.db
      .repository(ctx, MediaAsset)
      .find({ where: { folderId: In(folderIds) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * A page of the library: the list query language (tags as an array, see assetListSpec), `q` over file name,
   * title, alt text and caption, and the member's read conditions as SQL.
   */
  async list(
    ctx: RequestContext,
    rawQuery: Record<string, unknown>,
  ): Promise<{ page: Page<MediaAsset>; query: ParsedListQuery }> {
    const parsed = parseListQuery(rawQuery, assetListSpec);
    const orderedOnTags = parsed.filters.filter((f) => f.field === 'tags' && !TAG_OPERATORS.includes(f.op));
    if (orderedOnTags.length > 0) {
      throw new ValidationFailedError(
        orderedOnTags.map((f) => ({
          path: `filter[tags][${f.op}]`,
          message: `operator "${f.op}" is not allowed for tags; allowed for tags: ${TAG_OPERATORS.join(', ')}`,
        })),
      );
    }
    const alias = 'asset';
    const qb = this.db.repository(ctx, MediaAsset).createQueryBuilder(alias);
    applyAbilityToQuery(qb, alias, ctx.ability, 'read', ASSET_SUBJECT, assetPermissionFields);
    parsed.filters.filter((f) => f.field === 'tags').forEach((filter, i) => applyTagFilter(qb, alias, filter, i));
    if (parsed.extra.q !== undefined) applySearch(qb, alias, parsed.extra.q);
    const rest: ParsedListQuery = { ...parsed, filters: parsed.filters.filter((f) => f.field !== 'tags') };
    return { page: await fetchPage(qb, alias, rest, assetListSpec), query: parsed };
  }
}

/** What a filter on the tag array can mean (see assetListSpec); ordering operators mean nothing for a set. */
const TAG_OPERATORS: readonly string[] = ['eq', 'ne', 'in', 'contains', 'null'];

/** `tags` filters as array operators: the query language has no arrays, so the store translates each operator. */
function applyTagFilter(qb: SelectQueryBuilder<MediaAsset>, alias: string, filter: ParsedFilter, i: number): void {
  const column = `${alias}.tags`;
  const name = `tagFilter${i}`;
  // Tags are stored normalised (trimmed, lower-case): the filter value is compared the same way.
  const value = Array.isArray(filter.value)
    ? filter.value.map((v) => normalizeTag(String(v)))
    : typeof filter.value === 'string'
      ? normalizeTag(filter.value)
      : filter.value;
  switch (filter.op) {
    case 'eq':
      qb.andWhere(`${column} @> ARRAY[:${name}]::text[]`, { [name]: String(value) });
      return;
    case 'ne':
      qb.andWhere(`NOT (${column} @> ARRAY[:${name}]::text[])`, { [name]: String(value) });
      return;
    case 'in':
      qb.andWhere(`${column} && :${name}::text[]`, { [name]: value });
      return;
    case 'contains':
      qb.andWhere(`EXISTS (SELECT 1 FROM unnest(${column}) AS tag WHERE tag ILIKE :${name} ESCAPE '\\')`, {
        [name]: `%${escapeLike(String(value))}%`,
      });
      return;
    case 'null':
      qb.andWhere(value === true ? `cardinality(${column}) = 0` : `cardinality(${column}) > 0`);
      return;
    default:
      // parseListQuery allows only the string operators above for `tags`.
      throw new Error(`Unsupported tags operator ${filter.op}`);
  }
}

function applySearch(qb: SelectQueryBuilder<MediaAsset>, alias: string, q: string): void {
  const text = q.trim();
  if (text.length === 0 || text.length > MAX_SEARCH_LENGTH) {
    throw new ValidationFailedError([{ path: 'q', message: `must be 1 to ${MAX_SEARCH_LENGTH} characters` }]);
  }
  qb.andWhere(
    `(${alias}.file_name ILIKE :search ESCAPE '\\' OR ${alias}.title ILIKE :search ESCAPE '\\' ` +
      `OR ${alias}.alt_text ILIKE :search ESCAPE '\\' OR ${alias}.caption ILIKE :search ESCAPE '\\')`,
    { search: `%${escapeLike(text)}%` },
  );
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
