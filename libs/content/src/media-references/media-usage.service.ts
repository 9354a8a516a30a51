import { Injectable } from '@nestjs/common';
import {
  applyAbilityToQuery,
  fetchRawPage,
  parseListQuery,
  TenantDataSource,
  type ListQuerySpec,
  type RequestContext,
} from '@quire/core';
import { ENTRY_SUBJECT } from '../content.permissions';
import { ContentEntry } from '../entities/content-entry.entity';
import type { ContentTypeDefinition } from '../schema/field-definition';
import { titleOf } from '../trash/trash-list.service';
import type { MediaUsageItem, MediaUsageListResponse, MediaUsagePlace } from './dto/media-usage.response';
import { entriesUsingAssetSql } from './entries-using-asset';
import { MediaAssetCatalog } from './media-asset-catalog';
import { MediaAssetNotFoundError } from './media-references.errors';
import { publishedMediaProbes } from './media-probes';
import { isSharedPath, mediaReferencesTo } from './media-removal';
import { loadWorkspaceDefinitions } from './workspace-definitions';

/** The type's API id of a listed entry, as a column (filters, sorting and permission conditions use it). */
const CONTENT_TYPE_COLUMN = `(SELECT ct.api_id FROM content_types ct WHERE ct.id = {alias}.content_type_id)`;

/** What a client may filter and sort the usages of an asset on. */
export const mediaUsageListSpec: ListQuerySpec = {
  fields: {
    entryId: { type: 'uuid', column: 'id', filterable: true },
    contentType: { type: 'string', column: CONTENT_TYPE_COLUMN, filterable: true, sortable: true },
    updatedAt: { type: 'datetime', column: 'updatedAt', filterable: true, sortable: true },
  },
  defaultSort: '-updatedAt',
  tieBreaker: 'entryId',
  defaultPageSize: 20,
  maxPageSize: 100,
};

interface UsageRow {
  id: string;
  content_type_id: string;
  shared_data: Record<string, unknown>;
  deleted_at: Date | null;
  updated_at: Date;
}

interface LocaleRow {
  entry_id: string;
  locale: string;
  draft_data: Record<string, unknown>;
  published_data: Record<string, unknown> | null;
}

/**
 * "Used in" of the media library: the entries whose drafts or published versions hold an asset, limited in SQL to
 * those the caller may read, with where each holds it. The page is chosen from `content_references` and the GIN
 * index on published documents; only the page's entries are read and walked.
 */
@Injectable()
export class MediaUsageService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly catalog: MediaAssetCatalog,
  ) {}

  async list(ctx: RequestContext, assetId: string, rawQuery: Record<string, unknown>): Promise<MediaUsageListResponse> {
    const query = parseListQuery(rawQuery, mediaUsageListSpec);
    const id = assetId.toLowerCase();
    if (!(await this.catalog.exists(ctx, id))) throw new MediaAssetNotFoundError(assetId);
    const manager = this.db.manager(ctx);
    const definitions = await loadWorkspaceDefinitions(manager, ctx.workspaceId);
    const probes = publishedMediaProbes(
      [...definitions.byId.values()].map((type) => type.definition),
      definitions.components,
      id,
    );

    const alias = 'e';
    const qb = this.db
      .repository(ctx, ContentEntry)
      .createQueryBuilder(alias)
      .select([
        `${alias}.id AS id`,
        `${alias}.content_type_id AS content_type_id`,
        `${alias}.shared_data AS shared_data`,
        `${alias}.deleted_at AS deleted_at`,
        `${alias}.updated_at AS updated_at`,
      ])
      .andWhere(`${alias}.id IN (${entriesUsingAssetSql(':usageWorkspace', ':usageAsset', ':usageProbes')})`, {
        usageWorkspace: ctx.workspaceId,
        usageAsset: id,
        usageProbes: probes,
      });
    applyAbilityToQuery(qb, alias, ctx.ability, 'read', ENTRY_SUBJECT, {
      contentType: CONTENT_TYPE_COLUMN,
      createdById: 'createdBy',
    });
    const page = await fetchRawPage<UsageRow>(qb, alias, query, mediaUsageListSpec);

    const entryIds = page.data.map((row) => row.id);
    const [workspace]: Array<{ default_locale: string }> = await manager.query(
      `SELECT default_locale FROM workspaces WHERE id = $1`,
      [ctx.workspaceId],
    );
    const locales: LocaleRow[] =
      entryIds.length === 0
        ? []
        : await manager.query(
            `SELECT entry_id, locale, draft_data, published_data FROM content_entry_locales
              WHERE workspace_id = $1 AND entry_id = ANY($2::uuid[]) ORDER BY entry_id, locale`,
            [ctx.workspaceId, entryIds],
          );
    const data = page.data.map((row): MediaUsageItem => {
      const type = definitions.byId.get(row.content_type_id);
      const own = locales.filter((l) => l.entry_id === row.id);
      const main = own.find((l) => l.locale === workspace?.default_locale) ?? own[0];
      return {
        entryId: row.id,
        contentType: type?.apiId ?? '',
        title: type ? titleOf(type.definition, row.shared_data ?? {}, main?.draft_data ?? {}) : null,
        inTrash: row.deleted_at !== null,
        updatedAt: new Date(row.updated_at).toISOString(),
        places: type ? placesOf(type.definition, definitions.components, row.shared_data ?? {}, own, id) : [],
      };
    });
    return { data, meta: page.meta };
  }
}

/** Where an entry holds the asset: shared values and each locale's draft and published document, merged by place. */
function placesOf(
  definition: ContentTypeDefinition,
  components: ReadonlyMap<string, ContentTypeDefinition>,
  shared: Record<string, unknown>,
  locales: readonly LocaleRow[],
  assetId: string,
): MediaUsagePlace[] {
  const places = new Map<string, MediaUsagePlace>();
  const mark = (locale: string | null, fieldPath: string, version: 'draft' | 'published') => {
    const key = `${locale ?? ''}\u0000${fieldPath}`;
    const place = places.get(key) ?? { fieldPath, locale, draft: false, published: false };
    place[version] = true;
    places.set(key, place);
  };
  for (const reference of mediaReferencesTo(definition, components, shared, assetId)) {
    mark(null, reference.fieldPath, 'draft');
  }
  for (const row of locales) {
    for (const reference of mediaReferencesTo(definition, components, row.draft_data ?? {}, assetId)) {
      mark(row.locale, reference.fieldPath, 'draft');
    }
    if (!row.published_data) continue;
    // A published document holds shared values too: those count for the shared place, not for the locale.
    for (const reference of mediaReferencesTo(definition, components, row.published_data, assetId)) {
      const shared = isSharedPath(definition, reference.fieldPath);
      mark(shared ? null : row.locale, reference.fieldPath, 'published');
    }
  }
  return [...places.values()].sort(
    (a, b) => compare(a.locale ?? '', b.locale ?? '') || compare(a.fieldPath, b.fieldPath),
  );
}

/** By UTF-16 code units: the same order on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
