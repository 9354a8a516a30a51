import { isUuid } from '@quire/core';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isLocalizedField, type ContentTypeDefinition, type FieldDefinition } from '../schema';

/** PostgreSQL truncates identifiers beyond 63 bytes; names are kept under it so they stay unique. */
const MAX_IDENTIFIER = 63;
/** Types the management list sorts and compares as one scalar (entry-list.ts `fieldColumn`). */
const SORTABLE_TYPES = new Set(['text', 'email', 'url', 'slug', 'date', 'enum', 'integer', 'decimal']);

/**
 * The prefix of every draft index of one type. Not `content_idx_`: those are the published-document indexes of
 * types/field-indexes.ts, which drops whatever starts with its prefix.
 */
export function draftIndexPrefix(contentTypeId: string): string {
  return `content_draft_${contentTypeId.replace(/-/g, '').toLowerCase()}_`;
}

/** A field's draft index name: lowercased when unambiguous and short enough, else shortened plus a hash. */
export function draftIndexName(contentTypeId: string, fieldName: string): string {
  const prefix = draftIndexPrefix(contentTypeId);
  const lower = fieldName.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (lower === fieldName && prefix.length + lower.length <= MAX_IDENTIFIER) return prefix + lower;
  const hash = createHash('sha256').update(fieldName).digest('hex').slice(0, 8);
  return `${prefix}${lower.slice(0, MAX_IDENTIFIER - prefix.length - hash.length - 1)}_${hash}`;
}

/** An `indexed` field the management list sorts or compares by range (private fields too: drafts hold them). */
export function needsDraftIndex(field: FieldDefinition): boolean {
  return field.indexed === true && SORTABLE_TYPES.has(field.type) && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(field.name);
}

/**
 * The CREATE INDEX of a field's draft values, with the very expression the list sorts by (or the index is not
 * used), after the equality columns of the list's statement so that one index range is in the field's order:
 * localized fields on the locale rows (workspace, locale, value, entry id), shared ones on the entry rows
 * (workspace, value, id). Partial on the type, so each index holds one type's entries.
 */
export function draftIndexStatement(contentTypeId: string, field: FieldDefinition): string {
  if (!isUuid(contentTypeId)) throw new Error(`Not a content type id: ${contentTypeId}`);
  if (!needsDraftIndex(field)) throw new Error(`Field "${field.name}" gets no draft index`);
  const name = quoteIdent(draftIndexName(contentTypeId, field.name));
  const numeric = field.type === 'integer' || field.type === 'decimal';
  const value = (column: string) => {
    const text = `(${column}->>${quoteLiteral(field.name)})`;
    return numeric ? `(${text}::numeric)` : text;
  };
  const type = quoteLiteral(contentTypeId.toLowerCase());
  return isLocalizedField(field)
    ? `CREATE INDEX ${name} ON content_entry_locales (workspace_id, locale, ${value('draft_data')}, entry_id)
         WHERE content_type_id = ${type} AND NOT in_trash`
    : `CREATE INDEX ${name} ON content_entries (workspace_id, ${value('shared_data')}, id)
         WHERE content_type_id = ${type}`;
}

/** Index name → field, for every top-level field of the definition that gets a draft index. */
export function wantedDraftIndexes(
  contentTypeId: string,
  definition: ContentTypeDefinition,
): Map<string, FieldDefinition> {
  const wanted = new Map<string, FieldDefinition>();
  if (definition.kind === 'component') return wanted;
  for (const field of definition.fields) {
    if (needsDraftIndex(field)) wanted.set(draftIndexName(contentTypeId, field.name), field);
  }
  return wanted;
}

/**
 * Makes a type's draft indexes match its definition (null: the type is gone): drops those of fields removed,
 * renamed, no longer indexed or whose localization changed (the index moves table), creates the missing ones.
 * Call it in the transaction of every change of a type's fields, next to `syncFieldIndexes` (DDL is
 * transactional: a refused change leaves the indexes as they were).
 */
export async function syncDraftIndexes(
  manager: EntityManager,
  contentTypeId: string,
  definition: ContentTypeDefinition | null,
): Promise<{ created: string[]; dropped: string[] }> {
  if (!isUuid(contentTypeId)) throw new Error(`Not a content type id: ${contentTypeId}`);
  const wanted = definition ? wantedDraftIndexes(contentTypeId, definition) : new Map<string, FieldDefinition>();
  const existing: Array<{ indexname: string; tablename: string; indexdef: string }> = await manager.query(
    `SELECT indexname, tablename, indexdef FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename IN ('content_entry_locales', 'content_entries')
        AND starts_with(indexname, $1)`,
    [draftIndexPrefix(contentTypeId)],
  );
  const dropped: string[] = [];
  const present = new Set<string>();
  for (const index of existing) {
    const field = wanted.get(index.indexname);
    const table = field && (isLocalizedField(field) ? 'content_entry_locales' : 'content_entries');
    // Same name, same table and the same cast: kept. A field that changed type or localization gets a new one.
    const numeric = field && (field.type === 'integer' || field.type === 'decimal');
    if (field && index.tablename === table && index.indexdef.includes('::numeric') === numeric) {
      present.add(index.indexname);
    } else {
      dropped.push(index.indexname);
    }
  }
  for (const name of dropped) await manager.query(`DROP INDEX IF EXISTS ${quoteIdent(name)}`);
  const created = [...wanted.keys()].filter((name) => !present.has(name));
  for (const name of created) await manager.query(draftIndexStatement(contentTypeId, wanted.get(name)!));
  return { created, dropped };
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;
