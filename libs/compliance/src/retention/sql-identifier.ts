/**
 * A table or column name as a quoted SQL identifier (`schema.table` quoted part by part). Retention SQL is built from
 * policy declarations only — names the plugin registry checked at boot against the plugins' entities — never from a
 * request; quoting keeps a name with capitals or an unusual character meaning exactly that column.
 */
export function quoteIdent(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.');
}
