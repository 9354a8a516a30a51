import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';
import type { ContentTypeDefinition, ContentTypeKind } from '../schema/field-definition';
import type { WorkspaceLocales } from '../entries/locale-chain';
import { CONTENT_PLUGIN_SETTINGS } from '../entries/content-settings-key';

/**
 * What every delivery request reads first, in one primary-key statement: the workspace's delivery generation
 * (bumped by every change delivery can see), its locales and its locale fallbacks. ETags, the response cache
 * and the type catalog all key on it, so a revalidation costs this one read.
 */
export interface DeliveryState {
  generation: string;
  locales: WorkspaceLocales;
  fallbacks: Record<string, string[]>;
  /** Changes whenever the locales or fallbacks change (they are not counted by the generation). */
  localeFingerprint: string;
}

export interface CatalogType {
  id: string;
  apiId: string;
  kind: ContentTypeKind;
  version: number;
  publicRead: boolean;
  definition: ContentTypeDefinition;
}

/** Every type of a workspace, as of one delivery generation (type changes bump it). */
export interface TypeCatalog {
  byApiId: ReadonlyMap<string, CatalogType>;
  byId: ReadonlyMap<string, CatalogType>;
  components: ReadonlyMap<string, ContentTypeDefinition>;
}

interface StateRow {
  generation: string;
  default_locale: string;
  enabled_locales: string[];
  fallbacks: unknown;
}

const CATALOG_LIMIT = 200;

@Injectable()
export class DeliveryStateReader {
  /** Most recently used last; keyed by workspace, holding the generation it was read at. */
  private readonly catalogs = new Map<string, { generation: string; catalog: TypeCatalog }>();

  constructor(private readonly db: TenantDataSource) {}

  async read(ctx: RequestContext): Promise<DeliveryState> {
    const [row] = await this.db.manager(ctx).query<StateRow[]>(
      `SELECT COALESCE(g.generation, 0)::text AS generation, w.default_locale, w.enabled_locales,
              w.settings -> $2::text -> 'localeFallbacks' AS fallbacks
         FROM workspaces w LEFT JOIN content_delivery_generations g ON g.workspace_id = w.id
        WHERE w.id = $1`,
      [ctx.workspaceId, CONTENT_PLUGIN_SETTINGS],
    );
    const defaultLocale = row?.default_locale ?? 'en';
    const enabledLocales = row?.enabled_locales ?? ['en'];
    const enabled = enabledLocales.includes(defaultLocale) ? enabledLocales : [defaultLocale, ...enabledLocales];
    const fallbacks = validFallbacks(row?.fallbacks);
    return {
      generation: row?.generation ?? '0',
      locales: { default: defaultLocale, enabled },
      fallbacks,
      localeFingerprint: JSON.stringify([defaultLocale, enabled, fallbacks]),
    };
  }

  /** The workspace's types at this generation: read once per generation per instance. */
  async catalog(ctx: RequestContext, generation: string): Promise<TypeCatalog> {
    const key = ctx.workspaceId;
    const cached = this.catalogs.get(key);
    if (cached && cached.generation === generation) {
      this.catalogs.delete(key);
      this.catalogs.set(key, cached);
      return cached.catalog;
    }
    const rows = await this.db.manager(ctx).query<
      Array<{
        id: string;
        api_id: string;
        kind: ContentTypeKind;
        version: number;
        public_read: boolean;
        definition: ContentTypeDefinition;
      }>
    >(`SELECT id, api_id, kind, version, public_read, definition FROM content_types WHERE workspace_id = $1`, [ctx.workspaceId]);
    const types = rows.map((r) => ({
      id: r.id,
      apiId: r.api_id,
      kind: r.kind,
      version: r.version,
      publicRead: r.public_read,
      definition: r.definition,
    }));
    const catalog: TypeCatalog = {
      byApiId: new Map(types.map((t) => [t.apiId, t])),
      byId: new Map(types.map((t) => [t.id, t])),
      components: new Map(types.filter((t) => t.kind === 'component').map((t) => [t.apiId, t.definition])),
    };
    // Only a catalog read at the newest generation seen is kept: an older one must never replace it.
    if (!cached || BigInt(generation) >= BigInt(cached.generation)) {
      this.catalogs.delete(key);
      if (this.catalogs.size >= CATALOG_LIMIT) this.catalogs.delete(this.catalogs.keys().next().value as string);
      this.catalogs.set(key, { generation, catalog });
    }
    return catalog;
  }
}

/** The stored `localeFallbacks`, or none: the settings API validated it, this only guards the shape. */
function validFallbacks(value: unknown): Record<string, string[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const result: Record<string, string[]> = {};
  for (const [locale, chain] of Object.entries(value)) {
    if (Array.isArray(chain)) result[locale] = chain.filter((l): l is string => typeof l === 'string');
  }
  return result;
}
