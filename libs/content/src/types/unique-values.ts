import type { EntityManager } from 'typeorm';
import { isLocalizedField, type FieldDefinition } from '../schema/field-definition';
import type { AffectedEntry, SchemaChangeReport } from './content-types.errors';

/** A value held by more than one entry of the type (in one locale for a localized field). */
export interface DuplicateValue {
  field: string;
  /** null: a shared field (its values are compared across all locales). */
  locale: string | null;
  value: unknown;
  /** How many entries hold it; `entryIds` lists at most `DUPLICATE_IDS_LISTED` of them. */
  count: number;
  entryIds: string[];
}

const DUPLICATE_IDS_LISTED = 10;

/**
 * Values of fields that are unique from now on that several entries already hold, as entry saves would see them:
 * among entries out of the trash, drafts and published documents alike; a shared field's values across entries, a
 * localized field's per locale. Empty values and objects never collide (saves skip them too). One grouped query per
 * field over the type's rows; `cap` bounds the listed values and report items, `total` counts every entry involved.
 */
export async function findDuplicateValues(
  manager: EntityManager,
  workspaceId: string,
  contentTypeId: string,
  fields: FieldDefinition[],
  cap: number,
): Promise<{ duplicates: DuplicateValue[]; report: SchemaChangeReport }> {
  const duplicates: DuplicateValue[] = [];
  const items: AffectedEntry[] = [];
  const involved = new Set<string>();
  let total = 0;
  for (const field of fields) {
    const localized = isLocalizedField(field);
    const values = localized
      ? `SELECT l.entry_id, l.locale, s.state, s.value
           FROM content_entry_locales l
           CROSS JOIN LATERAL (VALUES ('draft', l.draft_data -> $3::text), ('published', l.published_data -> $3::text)) AS s(state, value)
          WHERE l.workspace_id = $1 AND l.content_type_id = $2 AND NOT l.in_trash`
      : `SELECT e.id AS entry_id, NULL::text AS locale, 'draft' AS state, e.shared_data -> $3::text AS value
           FROM content_entries e
          WHERE e.workspace_id = $1 AND e.content_type_id = $2 AND e.deleted_at IS NULL
         UNION ALL
         SELECT l.entry_id, l.locale, 'published', l.published_data -> $3::text
           FROM content_entry_locales l
          WHERE l.workspace_id = $1 AND l.content_type_id = $2 AND NOT l.in_trash AND l.published_data ? $3::text`;
    // For a shared field the locale plays no part in the grouping.
    const group = localized ? 'locale' : `NULL::text`;
    const rows: Array<{
      locale: string | null;
      value: unknown;
      count: number;
      entries: Array<{ entry_id: string; locale: string | null; state: string }>;
      total: number;
    }> = await manager.query(
      `WITH v AS (
         SELECT * FROM (${values}) AS raw
          WHERE jsonb_typeof(value) IN ('string', 'number', 'boolean') AND value <> '""'::jsonb),
       dup AS (
         SELECT ${group} AS locale, value, count(DISTINCT entry_id)::int AS count FROM v
          GROUP BY 1, 2 HAVING count(DISTINCT entry_id) > 1)
       SELECT d.locale, d.value, d.count,
              (SELECT jsonb_agg(x) FROM (
                 SELECT DISTINCT v.entry_id, v.locale, v.state FROM v
                  WHERE v.value = d.value AND (d.locale IS NULL OR v.locale = d.locale)
                  ORDER BY v.entry_id, v.locale, v.state) x) AS entries,
              (SELECT count(DISTINCT v.entry_id)::int FROM v JOIN dup USING (value)
                WHERE dup.locale IS NULL OR v.locale = dup.locale) AS total
         FROM dup AS d ORDER BY d.locale NULLS FIRST, d.value LIMIT $4`,
      [workspaceId, contentTypeId, field.name, cap],
    );
    if (rows.length === 0) continue;
    total += rows[0].total;
    for (const row of rows) {
      const ids = [...new Set(row.entries.map((e) => e.entry_id))];
      duplicates.push({
        field: field.name,
        locale: row.locale,
        value: row.value,
        count: row.count,
        entryIds: ids.slice(0, DUPLICATE_IDS_LISTED),
      });
      for (const entry of row.entries) {
        involved.add(entry.entry_id);
        if (items.length >= cap) continue;
        const message = `${JSON.stringify(row.value)} is held by ${row.count} entries: must be unique`;
        const existing = items.find(
          (i) => i.entryId === entry.entry_id && i.locale === entry.locale && i.state === entry.state,
        );
        if (existing) existing.fields.push({ path: field.name, message });
        else
          items.push({
            entryId: entry.entry_id,
            locale: entry.locale,
            state: entry.state as AffectedEntry['state'],
            fields: [{ path: field.name, message }],
          });
      }
    }
  }
  return { duplicates, report: { entries: items, total: Math.max(total, involved.size) } };
}
