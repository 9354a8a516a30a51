import { isUuid } from '@quire/core';
import { renderRichTextHtml } from '../schema/rich-text';
import type { FieldDefinition } from '../schema/field-definition';
import { componentModelOf, deliveryModelOf, type DeliveryModel } from './delivery-model';
import type { TypeCatalog } from './delivery-state';
import type { PublishedRow } from './delivery.repository';
import type { PopulateTree } from './populate';

/** A delivered entry: its metadata, then its non-private fields. */
export type DeliveredEntry = Record<string, unknown> & {
  id: string;
  locale: string;
  publishedAt: string;
  firstPublishedAt: string | null;
};

/**
 * The published locales of one entry, in chain order, as one document: the first locale of the chain that has
 * the entry published, its empty localized fields filled from the next locales that have a value.
 */
export function mergeChain(
  rows: readonly PublishedRow[],
  chain: readonly string[],
  localized: readonly string[],
): PublishedRow | null {
  if (rows.length <= 1) return rows[0] ?? null;
  const ordered = [...rows].sort((a, b) => chain.indexOf(a.locale) - chain.indexOf(b.locale));
  const [base, ...fallbacks] = ordered;
  let data: Record<string, unknown> | null = null;
  for (const name of localized) {
    if (!isEmpty(base.published_data[name])) continue;
    const filler = fallbacks.find((row) => !isEmpty(row.published_data[name]));
    if (!filler) continue;
    data ??= { ...base.published_data };
    data[name] = filler.published_data[name];
  }
  return data ? { ...base, published_data: data } : base;
}

/** Whether a localized value counts as missing for fallback: absent, null, '' or []. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Groups rows by entry and merges each entry's locales along the chain. */
export function mergeByEntry(
  rows: readonly PublishedRow[],
  chain: readonly string[],
  localizedOf: (row: PublishedRow) => readonly string[],
): Map<string, PublishedRow> {
  const groups = new Map<string, PublishedRow[]>();
  for (const row of rows) {
    const group = groups.get(row.entry_id);
    if (group) group.push(row);
    else groups.set(row.entry_id, [row]);
  }
  const merged = new Map<string, PublishedRow>();
  for (const [id, group] of groups) {
    const row = mergeChain(group, chain, localizedOf(group[0]));
    if (row) merged.set(id, row);
  }
  return merged;
}

/** What shaping needs besides the document: the workspace's types and the populated entries loaded so far. */
export interface ShapeScope {
  catalog: TypeCatalog;
  /** Populated entries by id, already merged along the chain; only those the caller may read. */
  populated: ReadonlyMap<string, PublishedRow>;
}

/**
 * The response shape of an entry: metadata, then every visible field of its type (a missing value is null):
 * rich text as `{ json, html }`, relations and media as ids unless populated, components only when populated.
 * Only fields of the model come out, whatever `published_data` holds (defence in depth against private fields).
 */
export function shapeEntry(
  row: PublishedRow,
  model: DeliveryModel,
  tree: PopulateTree,
  scope: ShapeScope,
): DeliveredEntry {
  return {
    id: row.entry_id,
    locale: row.locale,
    publishedAt: toIso(row.published_at)!,
    firstPublishedAt: toIso(row.first_published_at),
    ...shapeFields(row.published_data, model, tree, scope),
  };
}

function shapeFields(
  data: Record<string, unknown>,
  model: DeliveryModel,
  tree: PopulateTree,
  scope: ShapeScope,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of model.fields) {
    const value = data[field.name];
    const child = tree.get(field.name);
    if (field.type === 'component') {
      if (child) out[field.name] = shapeComponent(field, value, child, scope);
      continue;
    }
    out[field.name] = child ? populateValue(field, value, child, scope) : plainValue(field, value);
  }
  return out;
}

function plainValue(field: FieldDefinition, value: unknown): unknown {
  if (value === undefined) return null;
  if (field.type === 'richText') return value === null ? null : { json: value, html: renderRichTextHtml(value) };
  return value;
}

function populateValue(field: FieldDefinition, value: unknown, tree: PopulateTree, scope: ShapeScope): unknown {
  if (field.type === 'media') {
    // Until the media plugin serves assets, a populated media reference is its id only.
    if (Array.isArray(value)) return value.filter(isString).map((id) => ({ id }));
    return isString(value) ? { id: value } : null;
  }
  if (field.type !== 'relation') return plainValue(field, value);
  const one = (id: unknown): DeliveredEntry | null => {
    const row = isString(id) ? scope.populated.get(id) : undefined;
    const type = row ? scope.catalog.byId.get(row.content_type_id) : undefined;
    return row && type ? shapeEntry(row, deliveryModelOf(type), tree, scope) : null;
  };
  // An unpublished, trashed or unreadable target: null for a single relation, left out of a list.
  if (Array.isArray(value)) return value.map(one).filter((entry) => entry !== null);
  return one(value);
}

function shapeComponent(field: FieldDefinition, value: unknown, tree: PopulateTree, scope: ShapeScope): unknown {
  if (field.type !== 'component') return null;
  const model = componentModelOf(field.component, scope.catalog.components);
  if (!model) return null;
  const one = (item: unknown) => (isRecord(item) ? shapeFields(item, model, tree, scope) : null);
  if (Array.isArray(value)) return value.map(one).filter((item) => item !== null);
  return one(value);
}

/**
 * The entry ids a populate tree reaches from one document in this round (relations, also inside components),
 * with what to populate below each, for the next round.
 */
export function collectRelations(
  data: Record<string, unknown>,
  model: DeliveryModel,
  tree: PopulateTree,
  catalog: TypeCatalog,
  into: Map<string, PopulateTree[]>,
): void {
  for (const [name, child] of tree) {
    const field = model.fieldsByName.get(name);
    const value = data[name];
    if (!field || value === undefined || value === null) continue;
    if (field.type === 'relation') {
      for (const id of Array.isArray(value) ? value : [value]) {
        if (!isUuid(id)) continue;
        const trees = into.get(id);
        if (trees) trees.push(child);
        else into.set(id, [child]);
      }
    } else if (field.type === 'component') {
      const component = componentModelOf(field.component, catalog.components);
      if (!component) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        if (isRecord(item)) collectRelations(item, component, child, catalog, into);
      }
    }
  }
}

/** Selects the top-level members `fields=` asked for; `id` and `locale` always stay. */
export function selectDelivered(entry: DeliveredEntry, fields: readonly string[] | null): Record<string, unknown> {
  if (!fields) return entry;
  const out: Record<string, unknown> = { id: entry.id, locale: entry.locale };
  for (const name of fields) if (name in entry) out[name] = entry[name];
  return out;
}

function toIso(value: Date | string | null): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
