import type { EntityManager } from 'typeorm';
import type { ContentTypeDefinition } from '../schema/field-definition';
import { searchText } from '../schema/search-text';
import { textSearchConfig } from '../schema/text-search-config';
import type { AffectedEntry, SchemaChangeReport } from './content-types.errors';
import type { BulkRewrite } from './schema-change-plan';

/** Published locale rows whose search vector is recomputed per statement. */
const SEARCH_BATCH_SIZE = 1000;

/** `data` with the renamed keys moved (a renamed value wins over one already under the new name) and `$5` keys gone. */
const rewritten = (data: string) =>
  `((${data} - $5::text[]) || (SELECT coalesce(jsonb_object_agg(m.to_name, ${data} -> m.from_name), '{}'::jsonb)
       FROM unnest($3::text[], $4::text[]) AS m(from_name, to_name) WHERE ${data} ? m.from_name))`;

/** A value a removal loses: present and not JSON null. */
const present = (data: string, key: string) => `coalesce(${data} -> ${key}, 'null'::jsonb) <> 'null'::jsonb`;

/**
 * Entries holding a value of a removed field: per entry, locale (null: shared values) and state, the fields. One
 * pass over the type's rows; `cap` bounds the listed items, `total` counts every entry.
 */
export async function findOrphanedValues(
  manager: EntityManager,
  workspaceId: string,
  contentTypeId: string,
  removed: string[],
  cap: number,
): Promise<SchemaChangeReport> {
  if (removed.length === 0) return { entries: [], total: 0 };
  const [row]: Array<{
    total: number;
    items: Array<{ entry_id: string; locale: string | null; state: string; fields: string[] }>;
  }> = await manager.query(
    `WITH hits AS (
         SELECT e.id AS entry_id, NULL::text AS locale, 'draft' AS state, f AS field
           FROM content_entries e CROSS JOIN unnest($3::text[]) AS f
          WHERE e.workspace_id = $1 AND e.content_type_id = $2 AND e.shared_data ?| $3::text[]
            AND ${present('e.shared_data', 'f')}
         UNION ALL
         SELECT l.entry_id, l.locale, 'draft', f
           FROM content_entry_locales l CROSS JOIN unnest($3::text[]) AS f
          WHERE l.workspace_id = $1 AND l.content_type_id = $2 AND l.draft_data ?| $3::text[]
            AND ${present('l.draft_data', 'f')}
         UNION ALL
         SELECT l.entry_id, l.locale, 'published', f
           FROM content_entry_locales l CROSS JOIN unnest($3::text[]) AS f
          WHERE l.workspace_id = $1 AND l.content_type_id = $2 AND l.published_data ?| $3::text[]
            AND ${present('l.published_data', 'f')})
       SELECT (SELECT count(DISTINCT entry_id) FROM hits)::int AS total,
              (SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM (
                 SELECT entry_id, locale, state, array_agg(field ORDER BY field) AS fields FROM hits
                  GROUP BY entry_id, locale, state ORDER BY entry_id, locale NULLS FIRST, state LIMIT $4) x) AS items`,
    [workspaceId, contentTypeId, removed, cap],
  );
  const entries: AffectedEntry[] = row.items.map((item) => ({
    entryId: item.entry_id,
    locale: item.locale,
    state: item.state as AffectedEntry['state'],
    fields: item.fields.map((path) => ({ path, message: 'field removed' })),
  }));
  return { entries, total: row.total };
}

export interface BulkRewriteResult {
  /** Entries whose stored values changed. */
  migrated: number;
  /** Their ids, when asked for (a per-entry walk follows and must not count them twice). */
  entryIds: Set<string> | null;
}

/**
 * Applies renames, removals and privacy to every entry of the type — trash included — with one statement over
 * `content_entries` and `content_entry_locales` (only rows holding a concerned key are written), moves or deletes
 * the matching `content_references` (nested paths by prefix: `blocks[0].image` follows `blocks`), and recomputes
 * the search vector of the published documents that lost searchable text. No revision per entry: the type's
 * version history records the change, and older revisions keep the old values.
 */
export async function applyBulkRewrite(
  manager: EntityManager,
  workspaceId: string,
  contentTypeId: string,
  rewrite: BulkRewrite,
  definition: ContentTypeDefinition,
  components: ReadonlyMap<string, ContentTypeDefinition>,
  collectIds: boolean,
): Promise<BulkRewriteResult> {
  const from = rewrite.renames.map((r) => r.from);
  const to = rewrite.renames.map((r) => r.to);
  const dropped = [...new Set([...rewrite.removed, ...from])];
  // A field made private may be renamed in the same change: published documents still hold its old name.
  const oldNameOf = new Map(rewrite.renames.map((r) => [r.to, r.from]));
  const privateOld = rewrite.madePrivate.map((name) => oldNameOf.get(name) ?? name);
  const publishedKeys = [...new Set([...dropped, ...privateOld])];

  // Rows to re-index, found before their documents lose the keys that say so.
  const searchRows: Array<{ id: string }> =
    rewrite.searchTextLost.length === 0
      ? []
      : await manager.query(
          `SELECT id FROM content_entry_locales
            WHERE workspace_id = $1 AND content_type_id = $2 AND published_data ?| $3::text[]`,
          [workspaceId, contentTypeId, rewrite.searchTextLost],
        );

  const touched: Array<{ migrated?: number; id?: string }> = await manager.query(
    `WITH e AS (
       UPDATE content_entries SET shared_data = ${rewritten('shared_data')}, updated_at = now()
        WHERE workspace_id = $1 AND content_type_id = $2 AND shared_data ?| $5::text[]
       RETURNING id),
     l AS (
       UPDATE content_entry_locales SET
              draft_data = CASE WHEN draft_data ?| $5::text[] THEN ${rewritten('draft_data')} ELSE draft_data END,
              published_data = CASE WHEN published_data ?| $6::text[]
                                    THEN ${rewritten('published_data')} - $7::text[] ELSE published_data END,
              updated_at = CASE WHEN draft_data ?| $5::text[] THEN now() ELSE updated_at END
        WHERE workspace_id = $1 AND content_type_id = $2 AND (draft_data ?| $5::text[] OR published_data ?| $6::text[])
       RETURNING entry_id AS id),
     touched AS (SELECT id FROM e UNION SELECT id FROM l)
     ${collectIds ? 'SELECT id FROM touched' : 'SELECT count(*)::int AS migrated FROM touched'}`,
    [workspaceId, contentTypeId, from, to, dropped, publishedKeys, rewrite.madePrivate],
  );

  await rewriteReferencePaths(manager, workspaceId, contentTypeId, rewrite);
  await recomputeSearchVectors(
    manager,
    workspaceId,
    searchRows.map((r) => r.id),
    definition,
    components,
  );
  if (!collectIds) return { migrated: touched[0]?.migrated ?? 0, entryIds: null };
  const entryIds = new Set(touched.map((r) => r.id!));
  return { migrated: entryIds.size, entryIds };
}

/** The references of the type's entries: paths under a renamed field follow it, those under a removed field go. */
async function rewriteReferencePaths(
  manager: EntityManager,
  workspaceId: string,
  contentTypeId: string,
  rewrite: BulkRewrite,
): Promise<void> {
  // `blocks[0].image` and `seo.ogImage` belong to the top-level fields `blocks` and `seo`.
  const top = `substring(r.field_path from '^[^.\\[]+')`;
  const ofType = `r.workspace_id = $1 AND e.id = r.source_entry_id AND e.workspace_id = $1 AND e.content_type_id = $2`;
  if (rewrite.removed.length > 0) {
    await manager.query(
      `DELETE FROM content_references r USING content_entries e WHERE ${ofType} AND ${top} = ANY($3::text[])`,
      [workspaceId, contentTypeId, rewrite.removed],
    );
  }
  if (rewrite.renames.length === 0) return;
  const from = rewrite.renames.map((r) => r.from);
  const to = rewrite.renames.map((r) => r.to);
  // A swap (a → b, b → a) would meet the unique link index halfway: paths go through a marked form first.
  const chained = to.some((name) => from.includes(name));
  const marker = chained ? `chr(1) || ` : '';
  await manager.query(
    `UPDATE content_references r SET field_path = ${marker}m.to_name || substr(r.field_path, length(m.from_name) + 1)
       FROM content_entries e, unnest($3::text[], $4::text[]) AS m(from_name, to_name)
      WHERE ${ofType} AND ${top} = m.from_name`,
    [workspaceId, contentTypeId, from, to],
  );
  if (chained) {
    await manager.query(
      `UPDATE content_references r SET field_path = substr(r.field_path, 2) FROM content_entries e
        WHERE ${ofType} AND starts_with(r.field_path, chr(1))`,
      [workspaceId, contentTypeId],
    );
  }
}

/**
 * The search vector of each given locale row from its published document as it is now (weights as publishing
 * writes them), a batch of rows per statement.
 */
async function recomputeSearchVectors(
  manager: EntityManager,
  workspaceId: string,
  rowIds: string[],
  definition: ContentTypeDefinition,
  components: ReadonlyMap<string, ContentTypeDefinition>,
): Promise<void> {
  for (let start = 0; start < rowIds.length; start += SEARCH_BATCH_SIZE) {
    const rows: Array<{ id: string; locale: string; published_data: Record<string, unknown> | null }> =
      await manager.query(
        `SELECT id, locale, published_data FROM content_entry_locales WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
        [workspaceId, rowIds.slice(start, start + SEARCH_BATCH_SIZE)],
      );
    const vectors = rows
      .filter((row) => row.published_data)
      .map((row) => {
        const text = searchText(definition, components, row.published_data!);
        return { id: row.id, config: textSearchConfig(row.locale), primary: text.primary, secondary: text.secondary };
      });
    if (vectors.length === 0) continue;
    await manager.query(
      `UPDATE content_entry_locales l
          SET search_vector = setweight(to_tsvector(v.config::regconfig, v.primary_text), 'A') ||
                              setweight(to_tsvector(v.config::regconfig, v.secondary_text), 'B')
         FROM jsonb_to_recordset($2::jsonb) AS v(id uuid, config text, primary_text text, secondary_text text)
        WHERE l.workspace_id = $1 AND l.id = v.id`,
      [
        workspaceId,
        JSON.stringify(
          vectors.map((v) => ({ id: v.id, config: v.config, primary_text: v.primary, secondary_text: v.secondary })),
        ),
      ],
    );
  }
}
