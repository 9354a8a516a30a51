import { isUuid } from '@quire/core';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { syncDraftIndexes } from '../entries/draft-indexes';
import type { ContentTypeDefinition, FieldDefinition } from '../schema/field-definition';

/** PostgreSQL truncates identifiers beyond 63 bytes; names are kept under it so they stay unique. */
const MAX_IDENTIFIER = 63;
/** Types whose published value is one short scalar a btree can index (long and rich text, JSON and links are not). */
const INDEXABLE_TYPES = new Set([
  'text',
  'integer',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'enum',
  'email',
  'url',
  'slug',
]);

/** The prefix of every expression index of one type: `content_idx_<type id without dashes>_`. */
export function indexPrefix(contentTypeId: string): string {
  return `content_idx_${contentTypeId.replace(/-/g, '').toLowerCase()}_`;
}

/**
 * The name of a field's expression index. Lowercased when that is unambiguous and short enough; otherwise a
 * shortened name plus a hash of the real field name (two fields differing only by case get different names).
 */
export function indexName(contentTypeId: string, fieldName: string): string {
  const prefix = indexPrefix(contentTypeId);
  const lower = fieldName.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (lower === fieldName && prefix.length + lower.length <= MAX_IDENTIFIER) return prefix + lower;
  const hash = createHash('sha256').update(fieldName).digest('hex').slice(0, 8);
  return `${prefix}${lower.slice(0, MAX_IDENTIFIER - prefix.length - hash.length - 1)}_${hash}`;
}

/** A field that delivery filters or sorts on, or whose uniqueness is checked: indexed, unique or a slug. */
export function needsIndex(field: FieldDefinition): boolean {
  if (field.private) return false;
  if (!INDEXABLE_TYPES.has(field.type)) return false;
  return Boolean(field.indexed || field.unique || field.type === 'slug');
}

/**
 * The indexed expression: the one the delivery API filters and sorts by (delivery-model.ts), or the index is not
 * used. Numbers sort as numeric; everything else as the `->>` text (ISO dates sort correctly as text; casts to
 * dates and times are not immutable, so PostgreSQL cannot index them).
 */
function indexedExpression(field: { name: string; type: string }): string {
  const text = `(published_data->>${quoteLiteral(field.name)})`;
  return field.type === 'integer' || field.type === 'decimal' ? `(${text}::numeric)` : text;
}

/** Index name → field name, for every top-level field of the definition that needs an expression index. */
export function wantedIndexes(contentTypeId: string, definition: ContentTypeDefinition): Map<string, FieldDefinition> {
  const wanted = new Map<string, FieldDefinition>();
  if (definition.kind === 'component') return wanted;
  for (const field of definition.fields) if (needsIndex(field)) wanted.set(indexName(contentTypeId, field.name), field);
  return wanted;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Makes the type's expression indexes match its definition: drops those of fields removed, renamed or made
 * private, creates those of new indexed/unique/slug fields — on published documents (returned) and, for the
 * management list, on drafts (`syncDraftIndexes`). Runs in the caller's transaction (DDL is transactional in
 * PostgreSQL), so a refused change leaves the indexes as they were.
 */
export async function syncFieldIndexes(
  manager: EntityManager,
  contentTypeId: string,
  definition: ContentTypeDefinition | null,
): Promise<{ created: string[]; dropped: string[] }> {
  // The id goes into DDL as a literal (DDL takes no parameters): only a real uuid gets there.
  if (!isUuid(contentTypeId)) throw new Error(`Not a content type id: ${contentTypeId}`);
  const wanted = definition ? wantedIndexes(contentTypeId, definition) : new Map<string, FieldDefinition>();
  const existing: Array<{ indexname: string }> = await manager.query(
    `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'content_entry_locales'
       AND starts_with(indexname, $1)`,
    [indexPrefix(contentTypeId)],
  );
  const present = new Set(existing.map((row) => row.indexname));
  const dropped = [...present].filter((name) => !wanted.has(name));
  const created = [...wanted.keys()].filter((name) => !present.has(name));
  for (const name of dropped) await manager.query(`DROP INDEX IF EXISTS ${quoteIdent(name)}`);
  for (const name of created) {
    const field = wanted.get(name)!;
    await manager.query(
      `CREATE INDEX ${quoteIdent(name)} ON content_entry_locales (${indexedExpression(field)})
         WHERE content_type_id = ${quoteLiteral(contentTypeId)}`,
    );
  }
  await syncDraftIndexes(manager, contentTypeId, definition);
  return { created, dropped };
}
