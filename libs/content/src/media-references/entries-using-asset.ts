/**
 * SQL (one column, `entry_id`) of the entries of workspace `ws` that use asset `asset`: their drafts link to it
 * (`content_references`, written on every save) or their published documents contain one of `probes` (a jsonb[]
 * from `publishedMediaProbes`), in the trash or not. Parameters are placeholders (`$1`, `:name`) chosen by the caller.
 */
export function entriesUsingAssetSql(ws: string, asset: string, probes: string): string {
  // The published part in two branches, so that the live one matches the partial GIN index on published_data
  // (NOT in_trash); trashed rows are few and read through the workspace index.
  return `SELECT r.source_entry_id AS entry_id FROM content_references r
           WHERE r.workspace_id = ${ws} AND r.target_kind = 'media' AND r.target_id = ${asset}::uuid
          UNION
          SELECT l.entry_id FROM content_entry_locales l
           WHERE l.workspace_id = ${ws} AND l.published_data IS NOT NULL AND NOT l.in_trash
             AND l.published_data @> ANY(${probes}::jsonb[])
          UNION
          SELECT l.entry_id FROM content_entry_locales l
           WHERE l.workspace_id = ${ws} AND l.in_trash AND l.published_data @> ANY(${probes}::jsonb[])`;
}
