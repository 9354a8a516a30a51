import { Injectable } from '@nestjs/common';
import {
  applyAbilityToQuery,
  fetchRawPage,
  parseListQuery,
  TenantDataSource,
  type ListFieldSpec,
  type ListQuerySpec,
  type RequestContext,
} from '@quire/core';
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

/** A scalar field's value in the list's row as SQL of the list-language type; null for fields lists skip. */
function fieldColumn(field: FieldDefinition): ListFieldSpec | null {
  if (!LISTABLE_NAME.test(field.name)) return null;
  const data = isLocalizedField(field) ? 'draft_data' : 'shared_data';
  const text = `{alias}.${data}->>'${field.name}'`;
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

/** The list language of one type's entries: meta columns plus the type's scalar fields over the locale's draft. */
export function entryListSpec(type: LoadedContentType): ListQuerySpec {
  const fields: Record<string, ListFieldSpec> = { ...META_FIELDS };
  for (const field of effectiveFields(type.definition)) {
    if (Object.hasOwn(fields, field.name)) continue;
    const column = fieldColumn(field);
    if (column) fields[field.name] = column;
  }
  return {
    fields,
    defaultSort: '-updatedAt',
    tieBreaker: 'id',
    defaultPageSize: 20,
    maxPageSize: 100,
    extraParams: ['locale'],
  };
}

/** Specs are compiled once per object: keep one per type version. */
const specs = new Map<string, ListQuerySpec>();

function cachedSpec(type: LoadedContentType): ListQuerySpec {
  const key = `${type.id}@${type.version}`;
  let spec = specs.get(key);
  if (!spec) {
    if (specs.size >= 500) specs.delete(specs.keys().next().value!);
    specs.set(key, (spec = entryListSpec(type)));
  }
  return spec;
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

/**
 * Lists a type's entries in one locale (entries with a version in it), filtered and sorted by the list language
 * over that locale's draft, limited in SQL to what the caller may read. Reads explicit columns, shapes rows itself.
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
    const spec = cachedSpec(type);
    const query = parseListQuery(rawQuery, spec);
    const locale = await this.locales.resolve(ctx, query.extra.locale);

    const rows = this.db
      .repository(ctx, ContentEntry)
      .createQueryBuilder('e')
      .select([
        'e.id AS id',
        'l.locale AS locale',
        'e.shared_data AS shared_data',
        'l.draft_data AS draft_data',
        `${LOCALE_STATUS_SQL('l')} AS status`,
        'l.published_at AS published_at',
        'e.created_at AS created_at',
        'l.updated_at AS updated_at',
        'e.created_by AS created_by',
        'e.updated_by AS updated_by',
      ])
      .innerJoin(ContentEntryLocale, 'l', 'l.entry_id = e.id AND l.locale = :listLocale', { listLocale: locale })
      .andWhere('e.content_type_id = :listTypeId AND e.deleted_at IS NULL', { listTypeId: type.id });
    const qb = this.db
      .manager(ctx)
      .createQueryBuilder()
      .select(`${ALIAS}.*`)
      .from(`(${rows.getQuery()})`, ALIAS)
      .setParameters(rows.getParameters());
    applyAbilityToQuery(qb, ALIAS, ctx.ability, 'read', ENTRY_SUBJECT, {
      // Every row is of this type: its API id as a constant (kebab-case, checked above).
      contentType: `(CASE WHEN {alias}.id IS NOT NULL THEN '${type.apiId}'::text END)`,
      createdById: 'created_by',
    });
    const page = await fetchRawPage<ListRow>(qb, ALIAS, query, spec);
    const selected = query.fields;
    return {
      data: page.data.map((row) => select(toItem(row), selected)),
      meta: page.meta,
    };
  }
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
