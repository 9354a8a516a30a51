import { listOrNone, quote } from './list-query-messages';
import type { ParsedSort } from './list-query.types';

/**
 * Parses `-publishedAt,title` against the allowed names. Returns the problems as messages instead of
 * throwing, so the same rules serve the client's `sort` (a 400) and the spec's `defaultSort` (a boot bug).
 */
export function parseSortList(text: string, allowed: readonly string[]): { sort: ParsedSort[]; problems: string[] } {
  const sort: ParsedSort[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const rawKey of text.split(',')) {
    const key = rawKey.trim();
    const descending = key.startsWith('-');
    const field = descending ? key.slice(1) : key;
    if (field.length === 0) {
      problems.push('empty sort key; expected a comma-separated list like -publishedAt,title');
    } else if (!allowed.includes(field)) {
      problems.push(`unknown field ${quote(field)}; ${listOrNone('sortable fields', allowed)}`);
    } else if (seen.has(field)) {
      problems.push(`duplicate sort field ${quote(field)}`);
    } else {
      seen.add(field);
      sort.push({ field, direction: descending ? 'DESC' : 'ASC' });
    }
  }
  return { sort, problems };
}
