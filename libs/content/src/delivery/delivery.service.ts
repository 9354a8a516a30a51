import { Injectable } from '@nestjs/common';
import {
  InjectPluginOptions,
  parseListQuery,
  ValidationFailedError,
  type FieldProblem,
  type ParsedListQuery,
  type RequestContext,
} from '@quire/core';
import type { ContentOptions } from '../content.options';
import { PUBLISHED_ENTRY_SUBJECT } from '../content.permissions';
import { assertEnabled, fallbackChain } from '../entries/locale-chain';
import { etagOf, matchesIfNoneMatch, responseKey, DeliveryResponseCache, type AccessClass } from './delivery-cache';
import {
  collectRelations,
  isEmpty,
  mergeByEntry,
  selectDelivered,
  shapeEntry,
  type DeliveredEntry,
  type ShapeScope,
} from './delivery-document';
import { componentModelOf, deliveryModelOf, type DeliveryModel } from './delivery-model';
import { DeliveryStateReader, type CatalogType, type DeliveryState, type TypeCatalog } from './delivery-state';
import { DeliveryNotFoundError } from './delivery.errors';
import { PreviewReader } from '../preview/preview-reader';
import { DeliveryRepository, type DeliveryRowSource, type PublishedRow } from './delivery.repository';
import { parsePopulate, type PopulateTree } from './populate';

/** What a delivery route asks for. */
export type DeliveryTarget = { kind: 'collection' } | { kind: 'id'; id: string } | { kind: 'slug'; slug: string };

export interface DeliveryRequest {
  typeApiId: string;
  target: DeliveryTarget;
  query: Record<string, unknown>;
  /** The path after the workspace with its query sorted: part of the ETag and the cache key. */
  normalizedUrl: string;
  ifNoneMatch: string | undefined;
  /** The request said `Cache-Control: no-cache`: render anew rather than answer from the response cache. */
  renderAnew: boolean;
  /** The `Quire-Preview` header: drafts instead of published content (docs/content/preview.md). */
  previewToken?: string;
}

export interface DeliveryResponse {
  status: 200 | 304;
  /** JSON text (200 only). */
  body: string | null;
  headers: Record<string, string>;
  /** `bypass`: a preview, never cached. */
  cache: 'hit' | 'miss' | 'revalidated' | 'bypass';
}

/** Query parameters of the single-document routes (an entry by id or slug, a singleton). */
const SINGLE_PARAMS = new Set(['locale', 'populate', 'fields']);
const MAX_Q_LENGTH = 200;
/** The content plugin's name, under which its options are registered (content.plugin.ts imports this module). */
const CONTENT = 'content';

interface Prepared {
  state: DeliveryState;
  catalog: TypeCatalog;
  type: CatalogType;
  model: DeliveryModel;
  locale: string;
  chain: string[];
  populate: PopulateTree;
  /** Whether the caller holds read:PublishedEntry or a preview token (every type), else only public types. */
  readsEverything: boolean;
  /** Published locales, or drafts for a preview token. */
  rows: DeliveryRowSource;
}

/** List parameters a preview refuses: they work on published columns and indexes, which drafts lack. */
const NOT_IN_PREVIEW = ['filter', 'sort', 'q'];

/**
 * The public delivery API: published content only, read with a key holding `read:PublishedEntry` or anonymously
 * for public types. Order of work: one read of the delivery state → access (404) → query validation (400) →
 * ETag (304) → response cache (hit) → content statements (page, locale fallback, one per populated level).
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly state: DeliveryStateReader,
    private readonly repository: DeliveryRepository,
    private readonly cache: DeliveryResponseCache,
    @InjectPluginOptions(CONTENT) private readonly options: ContentOptions,
    private readonly previews: PreviewReader,
  ) {}

  async deliver(ctx: RequestContext, request: DeliveryRequest): Promise<DeliveryResponse> {
    const state = await this.state.read(ctx);
    const catalog = await this.state.catalog(ctx, state.generation);
    const type = catalog.byApiId.get(request.typeApiId);
    const preview =
      request.previewToken === undefined ? null : await this.previews.open(ctx, request.previewToken, catalog);
    const readsEverything = preview !== null || ctx.ability.can('read', PUBLISHED_ENTRY_SUBJECT);
    if (!type || type.kind === 'component' || (!type.publicRead && !readsEverything)) {
      throw new DeliveryNotFoundError(request.typeApiId);
    }
    if (preview?.scope.contentTypeId && preview.scope.contentTypeId !== type.id) {
      throw new DeliveryNotFoundError(request.typeApiId);
    }
    if (preview) refuseInPreview(request.query);
    if (request.target.kind !== 'collection' && type.kind === 'singleton') {
      throw new DeliveryNotFoundError(request.normalizedUrl.split('?')[0]);
    }
    const model = deliveryModelOf(type);
    const single = request.target.kind !== 'collection' || type.kind === 'singleton';
    const { list, extra, fields } = single
      ? readSingleQuery(request.query, model)
      : readListQuery(request.query, model);
    const locale = extra.locale ?? state.locales.default;
    assertEnabled(locale, state.locales);
    const prepared: Prepared = {
      state,
      catalog,
      type,
      model,
      locale,
      chain: fallbackChain(locale, state.fallbacks, state.locales),
      populate: parsePopulate(extra.populate, model, modelSource(catalog), this.options.maxPopulateDepth),
      readsEverything,
      rows: preview?.rows ?? this.repository,
    };
    const q = readSearch(extra.q);
    const explicitSort = Object.hasOwn(request.query, 'sort');
    const render = async () =>
      JSON.stringify(
        list
          ? await this.page(ctx, prepared, list, q === null ? null : { q, explicitSort }, fields)
          : { data: await this.single(ctx, prepared, request.target, fields) },
      );
    if (preview) {
      // Drafts: no shared cache, no ETag (a tag could be replayed across tokens), nothing stored downstream.
      const headers = { 'Cache-Control': 'no-store', Vary: 'Authorization, Quire-Preview' };
      return { status: 200, body: await render(), headers, cache: 'bypass' };
    }

    const access: AccessClass = type.publicRead ? 'public' : 'key';
    const key = responseKey({
      workspaceId: ctx.workspaceId,
      generation: state.generation,
      localeFingerprint: state.localeFingerprint,
      access,
      url: request.normalizedUrl,
    });
    const etag = etagOf(key);
    const headers = {
      ETag: etag,
      'Cache-Control': `${access === 'public' ? 'public' : 'private'}, max-age=${this.options.deliveryMaxAgeSeconds}`,
      Vary: 'Authorization, Quire-Preview',
    };
    if (matchesIfNoneMatch(request.ifNoneMatch, etag)) {
      return { status: 304, body: null, headers, cache: 'revalidated' };
    }
    const cached = request.renderAnew ? undefined : this.cache.get(key);
    if (cached !== undefined) return { status: 200, body: cached, headers, cache: 'hit' };

    const body = await render();
    this.cache.set(key, body);
    return { status: 200, body, headers, cache: 'miss' };
  }

  private async page(
    ctx: RequestContext,
    p: Prepared,
    query: ParsedListQuery,
    search: { q: string; explicitSort: boolean } | null,
    fields: string[] | null,
  ): Promise<{ data: Record<string, unknown>[]; meta: Record<string, number> }> {
    const { rows, total } = await p.rows.page(ctx, p.state.generation, p.type.id, p.locale, p.model, query, search);
    const merged = await this.withFallback(ctx, p, rows);
    const data = await this.shape(ctx, p, merged, fields);
    return {
      data,
      meta: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize) },
    };
  }

  private async single(
    ctx: RequestContext,
    p: Prepared,
    target: DeliveryTarget,
    fields: string[] | null,
  ): Promise<Record<string, unknown>> {
    let rows: PublishedRow[];
    if (target.kind === 'id') rows = await p.rows.entry(ctx, p.type.id, target.id, p.chain);
    else if (target.kind === 'slug') {
      if (!p.model.slugField) throw new DeliveryNotFoundError(`${p.type.apiId}/slug/${target.slug}`);
      rows = await p.rows.bySlug(ctx, p.type.id, p.model.slugField, target.slug, p.chain);
    } else rows = await p.rows.singleton(ctx, p.type.id, p.chain);
    const merged = [...mergeByEntry(rows, p.chain, () => p.model.localized).values()];
    if (merged.length === 0) throw new DeliveryNotFoundError(p.type.apiId);
    const [entry] = await this.shape(ctx, p, merged.slice(0, 1), fields);
    return entry;
  }

  /**
   * Fills empty localized fields of a page from the rest of the chain: one statement, and only when the chain has
   * more than the locale asked for and some row of the page has an empty localized field.
   */
  private async withFallback(ctx: RequestContext, p: Prepared, rows: PublishedRow[]): Promise<PublishedRow[]> {
    const rest = p.chain.slice(1);
    const needsFallback =
      rest.length > 0 && rows.some((row) => p.model.localized.some((f) => isEmpty(row.published_data[f])));
    if (!needsFallback) return rows;
    const others = await p.rows.many(
      ctx,
      rows.map((row) => row.entry_id),
      rest,
    );
    const merged = mergeByEntry([...rows, ...others], p.chain, () => p.model.localized);
    return rows.map((row) => merged.get(row.entry_id) ?? row);
  }

  /** Shapes the rows, loading populated relations level by level: one statement per level for all rows. */
  private async shape(
    ctx: RequestContext,
    p: Prepared,
    rows: readonly PublishedRow[],
    fields: string[] | null,
  ): Promise<Record<string, unknown>[]> {
    const populated = new Map<string, PublishedRow>();
    let wanted = new Map<string, PopulateTree[]>();
    for (const row of rows) collectRelations(row.published_data, p.model, p.populate, p.catalog, wanted);
    for (let level = 0; wanted.size > 0 && level < this.options.maxPopulateDepth; level++) {
      const ids = [...wanted.keys()].filter((id) => !populated.has(id));
      const loaded = await p.rows.many(ctx, ids, p.chain);
      const readable = loaded.filter((row) => this.mayRead(p, row.content_type_id));
      const merged = mergeByEntry(readable, p.chain, (row) => this.modelOf(p, row).localized);
      const next = new Map<string, PopulateTree[]>();
      for (const [id, row] of merged) {
        populated.set(id, row);
        for (const tree of wanted.get(id) ?? []) {
          if (tree.size > 0) collectRelations(row.published_data, this.modelOf(p, row), tree, p.catalog, next);
        }
      }
      wanted = next;
    }
    const scope: ShapeScope = { catalog: p.catalog, populated };
    return rows.map((row) => selectDelivered(shapeEntry(row, p.model, p.populate, scope), fields));
  }

  private mayRead(p: Prepared, typeId: string): boolean {
    const type = p.catalog.byId.get(typeId);
    return !!type && type.kind !== 'component' && (type.publicRead || p.readsEverything);
  }

  private modelOf(p: Prepared, row: PublishedRow): DeliveryModel {
    return deliveryModelOf(p.catalog.byId.get(row.content_type_id)!);
  }
}

type Extra = { locale?: string; populate?: string; q?: string };

function readListQuery(
  raw: Record<string, unknown>,
  model: DeliveryModel,
): { list: ParsedListQuery; extra: Extra; fields: string[] | null } {
  const list = parseListQuery(raw, model.spec);
  return { list, extra: list.extra as Extra, fields: list.fields };
}

function readSingleQuery(
  raw: Record<string, unknown>,
  model: DeliveryModel,
): { list: null; extra: Extra; fields: string[] | null } {
  const problems: FieldProblem[] = [];
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!SINGLE_PARAMS.has(name)) {
      problems.push({ path: name, message: `unknown query parameter "${name}"; allowed: locale, populate, fields` });
    } else if (typeof value !== 'string') {
      problems.push({ path: name, message: 'expected a single value' });
    } else extra[name] = value;
  }
  let fields: string[] | null = null;
  if (extra.fields !== undefined) {
    fields = extra.fields.split(',').map((f) => f.trim());
    const selectable = [...model.listFields.keys()];
    for (const name of fields) {
      if (!model.listFields.has(name)) {
        problems.push({
          path: 'fields',
          message: `unknown field "${name}"; selectable fields: ${selectable.join(', ')}`,
        });
      }
    }
  }
  if (problems.length > 0) throw new ValidationFailedError(problems, 'The query is invalid; see errors.');
  return { list: null, extra, fields };
}

function refuseInPreview(query: Record<string, unknown>): void {
  const problems = NOT_IN_PREVIEW.filter((name) => Object.hasOwn(query, name)).map((name) => ({
    path: name,
    message: `"${name}" is not available with a preview token; a preview page is ordered by last change`,
  }));
  if (problems.length > 0) throw new ValidationFailedError(problems, 'The query is invalid for a preview; see errors.');
}

function readSearch(q: string | undefined): string | null {
  if (q === undefined || q.trim() === '') return null;
  if (q.length > MAX_Q_LENGTH) {
    throw new ValidationFailedError([{ path: 'q', message: `q must be at most ${MAX_Q_LENGTH} characters` }]);
  }
  return q;
}

function modelSource(catalog: TypeCatalog) {
  return {
    relationTarget: (apiId: string) => {
      const type = catalog.byApiId.get(apiId);
      return type && type.kind !== 'component' ? deliveryModelOf(type) : null;
    },
    component: (apiId: string) => componentModelOf(apiId, catalog.components),
  };
}

export type { DeliveredEntry };
