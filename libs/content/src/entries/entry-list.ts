import { Injectable } from '@nestjs/common';
import {
  applyAbilityToQuery,
  applyListQuery,
  isUuid,
  parseListQuery,
  TenantDataSource,
  ValidationFailedError,
  type ListFieldSpec,
  type ListQuerySpec,
  type ParsedListQuery,
  type RequestContext,
} from '@quire/core';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ENTRY_SUBJECT } from '../content.permissions';
import { ContentEntryLocale } from '../entities/content-entry-locale.entity';
import { ContentEntry } from '../entities/content-entry.entity';
import { effectiveFields, isLocalizedField, type FieldDefinition } from '../schema';
import type { LoadedContentType } from '../shared/content-type-lookup';
import { ENTRY_STATUSES, type EntryListItem, type EntryListResponse, type EntryStatus } from './dto/entry.response';
import { EntryAccess } from './entry-access';
import { LOCALE_STATUS_SQL } from './entry-store';
import { iso } from './entry-reader';
import { LocaleChain } from './locale-chain';

const ALIAS = 'entry';
/** Field names the list language accepts, and safe to write into SQL as a JSON key. */
const LISTABLE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Kebab-case API ids (the content_types CHECK), safe in an SQL string literal. */
const API_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The columns of an entry every list offers, whatever its type. */
const META_FIELDS: Record<string, ListFieldSpec> = {
  id: { type: 'uuid', column: 'id', filterable: true, sortable: true, selectable: true },
  status: {
    type: 'enum',
    column: 'status',
    enumValues: ENTRY_STATUSES,
    filterable: true,
    sortable: true,
    selectable: true,
  },
  createdAt: { type: 'datetime', column: 'created_at', filterable: true, sortable: true, selectable: true },
  updatedAt: { type: 'datetime', column: 'updated_at', filterable: true, sortable: true, selectable: true },
  publishedAt: { type: 'datetime', column: 'published_at', filterable: true, sortable: true, selectable: true },
  createdById: { type: 'uuid', column: 'created_by', filterable: true, selectable: true },
  updatedById: { type: 'uuid', column: 'updated_by', selectable: true },
};
/** Meta fields read from the entry row (the others are the locale row's own). */
const ENTRY_META_FIELDS = new Set(['createdAt', 'createdById', 'updatedById']);

/** Field types whose `eq` filter is JSONB containment, served by the GIN indexes on draft_data and shared_data. */
const CONTAINMENT_TYPES = new Set([
  'text',
  'longText',
  'email',
  'url',
  'slug',
  'date',
  'enum',
  'integer',
  'decimal',
  'boolean',
  'relation',
]);

/** A scalar field's value in the list's row as SQL of the list-language type; null for fields lists skip. */
function fieldColumn(field: FieldDefinition): ListFieldSpec | null {
  if (!LISTABLE_NAME.test(field.name)) return null;
  const text = `{alias}.${draftColumn(field)}->>'${field.name}'`;
  const spec = (type: ListFieldSpec['type'], column: string, extra: Partial<ListFieldSpec> = {}): ListFieldSpec => ({
    type,
    column: `(${column})`,
    filterable: true,
    sortable: true,
    selectable: true,
    ...extra,
  });
  switch (field.type) {
    case 'text':
    case 'longText':
    case 'email':
    case 'url':
    case 'slug':
      return spec('text', text);
    case 'date':
      // ISO dates (YYYY-MM-DD) order and compare as text.
      return spec('string', text);
    case 'enum':
      return spec('enum', text, { enumValues: field.values });
    case 'integer':
      return spec('integer', `(${text})::numeric`);
    case 'decimal':
      return spec('number', `(${text})::numeric`);
    case 'boolean':
      return spec('boolean', `(${text})::boolean`);
    case 'datetime':
      return spec('datetime', `(${text})::timestamptz`);
    case 'relation':
      return field.multiple
        ? { type: 'uuid', column: `(${text})`, selectable: true }
        : spec('uuid', `(${text})::uuid`, { sortable: false });
    default:
      // Rich text, JSON, media and components: returned, not filtered or sorted.
      return { type: 'string', column: `(${text})`, selectable: true };
  }
}

/** Where a field's draft value lives: the locale row for localized fields, the entry row for shared ones. */
function draftColumn(field: FieldDefinition): 'draft_data' | 'shared_data' {
  return isLocalizedField(field) ? 'draft_data' : 'shared_data';
}

/** A type's list language, and what the list statement needs to know about its fields. */
export interface EntryListModel {
  spec: ListQuerySpec;
  /** Fields read from the entry row (shared fields, createdAt…): filtering or sorting on them joins it. */
  entryFields: ReadonlySet<string>;
  /** Fields whose `eq` filter is JSONB containment on the JSON column named. */
  containment: ReadonlyMap<string, 'draft_data' | 'shared_data'>;
}

/** The list language of one type's entries: meta columns plus the type's scalar fields over the locale's draft. */
export function entryListSpec(type: LoadedContentType): ListQuerySpec {
  return entryListModel(type).spec;
}

export function entryListModel(type: LoadedContentType): EntryListModel {
  const fields: Record<string, ListFieldSpec> = { ...META_FIELDS };
  const entryFields = new Set(ENTRY_META_FIELDS);
  const containment = new Map<string, 'draft_data' | 'shared_data'>();
  for (const field of effectiveFields(type.definition)) {
    if (Object.hasOwn(fields, field.name)) continue;
    const column = fieldColumn(field);
    if (!column) continue;
    fields[field.name] = column;
    if (draftColumn(field) === 'shared_data') entryFields.add(field.name);
    if (column.filterable && CONTAINMENT_TYPES.has(field.type)) containment.set(field.name, draftColumn(field));
  }
  return {
    spec: {
      fields,
      defaultSort: '-updatedAt',
      tieBreaker: 'id',
      defaultPageSize: 20,
      maxPageSize: 100,
      // `label=<id>[,<id>…]`: entries carrying every label named (docs/content/workflow.md).
      extraParams: ['locale', 'label'],
    },
    entryFields,
    containment,
  };
}

/** Specs are compiled once per object: keep one per type version. */
const models = new Map<string, EntryListModel>();

function cachedModel(type: LoadedContentType): EntryListModel {
  const key = `${type.id}@${type.version}`;
  let model = models.get(key);
  if (!model) {
    if (models.size >= 500) models.delete(models.keys().next().value!);
    models.set(key, (model = entryListModel(type)));
  }
  return model;
}

interface ListRow {
  id: string;
  locale: string;
  shared_data: Record<string, unknown>;
  draft_data: Record<string, unknown>;
  status: EntryStatus;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
  updated_by: string | null;
}

/** The columns of a listed row, for the page's few rows only. */
const ROW_COLUMNS = `l.entry_id AS id, l.locale, e.shared_data, l.draft_data, ${LOCALE_STATUS_SQL('l')} AS status,
  l.published_at, e.created_at, l.updated_at, e.created_by, e.updated_by`;

/**
 * Lists a type's entries in one locale (entries with a version in it), filtered and sorted by the list language
 * over that locale's draft, limited in SQL to what the caller may read. Reads explicit columns, shapes rows itself.
 *
 * Built to stay fast at 100,000+ entries of a type (docs/content/entries.md, "Scale"):
 * - the page's entry ids are chosen first, on `content_entry_locales` alone unless a filter, the sort or the
 *   caller's permission conditions need the entry row: the default order (`-updatedAt`) and `status` are then an
 *   index-only scan of `content_entry_locales_list`, however deep the page; the page's rows are read afterwards,
 *   in the same statement, for those ids only;
 * - trashed entries are left out by the locale row's `in_trash` (kept equal to the entry's trash state by the
 *   trash service, as delivery relies on too), so no join to the entry row is needed for it;
 * - `eq` on a field is JSONB containment, which the GIN indexes on drafts serve; sorting and ranges on `indexed`
 *   fields use the draft expression indexes of `syncDraftIndexes`;
 * - the total is counted (exactly) only when the page does not prove it.
 */
@Injectable()
export class EntryList {
  constructor(
    private readonly db: TenantDataSource,
    private readonly access: EntryAccess,
    private readonly locales: LocaleChain,
  ) {}

  async list(ctx: RequestContext, apiId: string, rawQuery: Record<string, unknown>): Promise<EntryListResponse> {
    const type = await this.access.type(ctx, apiId);
    if (!API_ID.test(type.apiId)) throw new Error(`Content type API id "${type.apiId}" is not kebab-case`);
    const model = cachedModel(type);
    const query = parseListQuery(rawQuery, model.spec);
    const locale = await this.locales.resolve(ctx, query.extra.locale);
    const labels = labelFilter(query.extra.label);
    const manager = this.db.manager(ctx);

    const ids = this.idsQuery(ctx, type, locale, model, query, labels);
    const [pageSql, pageParameters] = manager.connection.driver.escapeQueryWithParameters(
      `SELECT ${ROW_COLUMNS}
         FROM unnest(ARRAY(${ids.getQuery()})) WITH ORDINALITY AS page(entry_id, position)
         JOIN content_entry_locales l
           ON l.workspace_id = :listWorkspace AND l.entry_id = page.entry_id AND l.locale = :listLocale
         JOIN content_entries e ON e.id = l.entry_id AND e.workspace_id = l.workspace_id
        ORDER BY page.position`,
      ids.getParameters(),
    );
    const rows: ListRow[] = await manager.query(pageSql, pageParameters);
    const total = await this.total(ctx, ids, query, rows.length);
    const selected = query.fields;
    return {
      data: rows.map((row) => select(toItem(row), selected)),
      meta: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize) },
    };
  }

  /** The page's entry ids in order: filters, permission conditions, sort, offset and limit. */
  private idsQuery(
    ctx: RequestContext,
    type: LoadedContentType,
    locale: string,
    model: EntryListModel,
    query: ParsedListQuery,
    labels: string[],
  ): SelectQueryBuilder<ObjectLiteral> {
    const conditional = ctx.ability.rulesFor('read', ENTRY_SUBJECT).some((rule) => rule.conditions !== undefined);
    const withEntry =
      conditional ||
      query.filters.some((f) => model.entryFields.has(f.field)) ||
      query.sort.some((s) => model.entryFields.has(s.field));
    const columns = [
      'l.entry_id AS id',
      'l.draft_data AS draft_data',
      `${LOCALE_STATUS_SQL('l')} AS status`,
      'l.published_at AS published_at',
      'l.updated_at AS updated_at',
    ];
    if (withEntry) {
      columns.push('e.shared_data AS shared_data', 'e.created_at AS created_at', 'e.created_by AS created_by');
      columns.push('e.updated_by AS updated_by');
    }
    const rows = this.db
      .manager(ctx)
      .createQueryBuilder()
      .select(columns)
      .from(ContentEntryLocale, 'l')
      .where(
        'l.workspace_id = :listWorkspace AND l.content_type_id = :listTypeId AND l.locale = :listLocale AND NOT l.in_trash',
        { listWorkspace: ctx.workspaceId, listTypeId: type.id, listLocale: locale },
      );
    labels.forEach((label, i) => {
      rows.andWhere(
        `EXISTS (SELECT 1 FROM content_entry_labels el
                  WHERE el.entry_id = l.entry_id AND el.workspace_id = l.workspace_id AND el.label_id = :listLabel${i})`,
        { [`listLabel${i}`]: label },
      );
    });
    // The type on both sides: the planner then knows it for the entry row too (partial indexes of the type).
    if (withEntry) {
      rows.innerJoin(
        ContentEntry,
        'e',
        'e.id = l.entry_id AND e.workspace_id = l.workspace_id AND e.content_type_id = l.content_type_id',
      );
    }

    const qb = this.db
      .manager(ctx)
      .createQueryBuilder()
      .select(`${ALIAS}.id`, 'id')
      .from(`(${rows.getQuery()})`, ALIAS)
      .setParameters(rows.getParameters());
    applyAbilityToQuery(qb, ALIAS, ctx.ability, 'read', ENTRY_SUBJECT, {
      // Every row is of this type: its API id as a constant (kebab-case, checked above).
      contentType: `(CASE WHEN {alias}.id IS NOT NULL THEN '${type.apiId}'::text END)`,
      createdById: 'created_by',
    });
    // `eq` on a field as containment: the same rows as `->> = value` (or the cast's `=`), found by a GIN index.
    const filters = query.filters.filter((filter, i) => {
      const column = filter.op === 'eq' ? model.containment.get(filter.field) : undefined;
      if (!column || filter.value === null || Array.isArray(filter.value) || filter.value instanceof Date) return true;
      // Stored ids are lower case; the list language accepts either.
      const uuid = model.spec.fields[filter.field]?.type === 'uuid';
      const value = uuid ? String(filter.value).toLowerCase() : filter.value;
      qb.andWhere(`${ALIAS}.${column} @> :listContains${i}::jsonb`, {
        [`listContains${i}`]: JSON.stringify({ [filter.field]: value }),
      });
      return false;
    });
    return applyListQuery(qb, ALIAS, { ...query, filters }, model.spec);
  }

  /** The exact total; counted only when the page does not prove it (a last, partial page; page 1 empty). */
  private async total(
    ctx: RequestContext,
    ids: SelectQueryBuilder<ObjectLiteral>,
    query: ParsedListQuery,
    rows: number,
  ): Promise<number> {
    const offset = (query.page - 1) * query.pageSize;
    if (rows > 0 && rows < query.pageSize) return offset + rows;
    if (rows === 0 && query.page === 1) return 0;
    const unpaged = ids.clone().orderBy().offset(undefined).limit(undefined);
    const manager = this.db.manager(ctx);
    const [sql, parameters] = manager.connection.driver.escapeQueryWithParameters(
      `SELECT count(*)::int AS total FROM (${unpaged.getQuery()}) counted`,
      unpaged.getParameters(),
    );
    const [row] = await manager.query<Array<{ total: number }>>(sql, parameters);
    return row?.total ?? 0;
  }
}

/** At most this many labels in one `label` filter. */
const MAX_LABEL_FILTER = 10;

/** `label=<id>[,<id>…]`: label ids (lower case), or a 400 naming `label`. */
function labelFilter(value: string | undefined): string[] {
  if (value === undefined) return [];
  const ids = value.split(',').map((id) => id.trim().toLowerCase());
  if (ids.length > MAX_LABEL_FILTER || !ids.every(isUuid)) {
    throw new ValidationFailedError([
      { path: 'label', message: `label must be up to ${MAX_LABEL_FILTER} comma-separated label ids` },
    ]);
  }
  return [...new Set(ids)];
}

function toItem(row: ListRow): EntryListItem {
  return {
    id: row.id,
    locale: row.locale,
    status: row.status,
    data: { ...(row.shared_data ?? {}), ...(row.draft_data ?? {}) },
    publishedAt: iso(row.published_at),
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
    createdById: row.created_by,
    updatedById: row.updated_by,
  };
}

/** `fields=title,status`: the item's id, the meta columns asked for, and `data` with the fields asked for. */
function select(item: EntryListItem, fields: string[] | null): Partial<EntryListItem> {
  if (!fields) return item;
  const result: Partial<EntryListItem> & Record<string, unknown> = { id: item.id };
  const data: Record<string, unknown> = {};
  let wantsData = false;
  for (const name of fields) {
    if (Object.hasOwn(META_FIELDS, name)) result[name] = item[name as keyof EntryListItem];
    else {
      wantsData = true;
      if (Object.hasOwn(item.data, name)) data[name] = item.data[name];
    }
  }
  if (wantsData) result.data = data;
  return result;
}
