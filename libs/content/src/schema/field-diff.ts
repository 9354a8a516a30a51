import type { EntrySnapshot, FieldChange } from '../entities/content-revision.entity';
import { jsonEqual } from './deep-equal';
import { hasOwn } from './plain-data';

/** Ascending by UTF-16 code units: the same order on every machine (no locale collation). */
function sortedKeys(...records: Record<string, unknown>[]): string[] {
  return [...new Set(records.flatMap((r) => Object.keys(r)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function changesOf(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  locale: string | null,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of sortedKeys(before, after)) {
    const had = hasOwn(before, key) && before[key] !== undefined;
    const has = hasOwn(after, key) && after[key] !== undefined;
    if (had && has && jsonEqual(before[key], after[key])) continue;
    if (!had && !has) continue;
    const change: FieldChange = { path: key, locale };
    if (had) change.before = before[key];
    if (has) change.after = after[key];
    changes.push(change);
  }
  return changes;
}

/**
 * The field-level changes between two draft states: one change per top-level field whose value differs (a
 * component or list counts as one value), shared fields with `locale: null` first, then each locale in order.
 * A locale that appears or disappears yields one change per field it holds. `before` / `after` are left out
 * where the field had / has no value.
 */
export function diffSnapshots(before: EntrySnapshot, after: EntrySnapshot): FieldChange[] {
  const beforeLocales = before.locales ?? {};
  const afterLocales = after.locales ?? {};
  const changes = changesOf(before.shared ?? {}, after.shared ?? {}, null);
  for (const locale of sortedKeys(beforeLocales, afterLocales)) {
    changes.push(...changesOf(beforeLocales[locale] ?? {}, afterLocales[locale] ?? {}, locale));
  }
  return changes;
}
