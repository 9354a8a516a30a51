import type { ListFieldSpec, ListQuerySpec } from '@quire/core';
import { effectiveFields, resolveComponent } from '../schema/effective-fields';
import {
  isLocalizedField,
  type ContentTypeDefinition,
  type FieldDefinition,
  type FieldType,
} from '../schema/field-definition';

/** SQL type a list field's expression evaluates to: how `in` arrays and comparisons are cast. */
export type SqlType = 'text' | 'uuid' | 'numeric' | 'boolean' | 'timestamptz' | 'date';

/** One field of the delivery list language: the kernel's spec plus what the delivery SQL needs. */
export interface DeliveryListField {
  spec: ListFieldSpec;
  sqlType: SqlType;
  /** The key in `published_data`, for `eq` as JSONB containment (served by the GIN index); null for columns. */
  jsonKey: string | null;
}

/**
 * What the delivery API shows of a type (or a component): its non-private fields, and for a deliverable type
 * the list language built from them. A private field is absent here, so filtering, sorting, selecting or
 * populating it is the same 400 as for a field that does not exist.
 */
export interface DeliveryModel {
  /** Non-private fields, in definition order. */
  fields: readonly FieldDefinition[];
  fieldsByName: ReadonlyMap<string, FieldDefinition>;
  /** Names of the localized visible fields: the ones locale fallback fills. */
  localized: readonly string[];
  listFields: ReadonlyMap<string, DeliveryListField>;
  spec: ListQuerySpec;
  /** The first slug field, or null. */
  slugField: string | null;
}

/** Query parameters delivery reads besides the list language's own. */
export const DELIVERY_EXTRA_PARAMS = ['locale', 'populate', 'q'];

const SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

const BUILT_IN: Record<string, DeliveryListField> = {
  id: { spec: column('uuid', '{alias}.entry_id'), sqlType: 'uuid', jsonKey: null },
  publishedAt: { spec: column('datetime', '{alias}.published_at'), sqlType: 'timestamptz', jsonKey: null },
  firstPublishedAt: {
    spec: column('datetime', '{alias}.first_published_at'),
    sqlType: 'timestamptz',
    jsonKey: null,
  },
};

const cache = new Map<string, DeliveryModel>();
const CACHE_LIMIT = 500;

/** The model of a type, built once per (type id, version): a type change bumps the version. */
export function deliveryModelOf(type: {
  id: string;
  version: number;
  definition: ContentTypeDefinition;
}): DeliveryModel {
  const key = `${type.id}:${type.version}`;
  let model = cache.get(key);
  if (!model) {
    model = buildDeliveryModel(type.definition);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, model);
  }
  return model;
}

/** Components have no id or version of their own here: cached by identity of their definition object. */
const componentModels = new WeakMap<ContentTypeDefinition, DeliveryModel>();

export function componentModelOf(
  apiId: string,
  components: ReadonlyMap<string, ContentTypeDefinition>,
): DeliveryModel | null {
  const definition = resolveComponent(apiId, components);
  if (!definition) return null;
  let model = componentModels.get(definition);
  if (!model) {
    model = buildDeliveryModel(definition);
    componentModels.set(definition, model);
  }
  return model;
}

export function buildDeliveryModel(definition: ContentTypeDefinition): DeliveryModel {
  const fields = effectiveFields(definition).filter((f) => f.private !== true && SAFE_KEY.test(f.name));
  const listFields = new Map<string, DeliveryListField>(Object.entries(BUILT_IN));
  for (const field of fields) {
    if (listFields.has(field.name)) continue;
    listFields.set(field.name, listFieldOf(field));
  }
  const specFields: Record<string, ListFieldSpec> = {};
  for (const [name, field] of listFields) specFields[name] = field.spec;
  return {
    fields,
    fieldsByName: new Map(fields.map((f) => [f.name, f])),
    localized: fields.filter(isLocalizedField).map((f) => f.name),
    listFields,
    spec: {
      fields: specFields,
      defaultSort: '-publishedAt',
      tieBreaker: 'id',
      defaultPageSize: 20,
      maxPageSize: 100,
      extraParams: DELIVERY_EXTRA_PARAMS,
    },
    slugField: fields.find((f) => f.type === 'slug')?.name ?? null,
  };
}

/**
 * Top-level scalars filter and sort as expressions over `published_data` with the cast their type needs; text
 * stays `->>` text so that an expression index on `published_data->>'field'` serves it. Everything else (long
 * text, rich text, JSON, media, many relations, components) can only be selected with `fields=`.
 */
function listFieldOf(field: FieldDefinition): DeliveryListField {
  const text = `{alias}.published_data->>'${field.name}'`;
  const scalar = (
    type: ListFieldSpec['type'],
    sqlType: SqlType,
    expression: string,
    extra: Partial<ListFieldSpec> = {},
  ) => ({
    spec: { ...column(type, expression), ...extra },
    sqlType,
    jsonKey: field.name,
  });
  switch (field.type as FieldType) {
    case 'text':
    case 'slug':
    case 'email':
    case 'url':
      return scalar('text', 'text', text);
    case 'enum':
      return scalar('enum', 'text', text, { enumValues: field.type === 'enum' ? field.values : [] });
    case 'integer':
    case 'decimal':
      return scalar(field.type === 'integer' ? 'integer' : 'number', 'numeric', `(${text})::numeric`);
    case 'boolean':
      return scalar('boolean', 'boolean', `(${text})::boolean`);
    case 'date':
      return scalar('datetime', 'date', `(${text})::date`);
    case 'datetime':
      return scalar('datetime', 'timestamptz', `(${text})::timestamptz`);
    case 'relation':
      if (field.type === 'relation' && field.multiple !== true) return scalar('uuid', 'text', text);
      return selectOnly(field);
    default:
      return selectOnly(field);
  }
}

function selectOnly(field: FieldDefinition): DeliveryListField {
  return {
    spec: { type: 'text', column: `{alias}.published_data->'${field.name}'`, selectable: true },
    sqlType: 'text',
    jsonKey: null,
  };
}

function column(type: ListFieldSpec['type'], expression: string): ListFieldSpec {
  return { type, column: expression, filterable: true, sortable: true, selectable: true };
}
