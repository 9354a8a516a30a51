import { readableValue, sameValue } from './field-value';

/** The draft state a revision recorded: shared values and each locale's localized values. */
export interface Snapshot {
  shared: Record<string, unknown>;
  locales: Record<string, Record<string, unknown>>;
}

/** One change the compare route reports: `path` may go into a component (`blocks[1].heading`). */
export interface FieldChange {
  path: string;
  locale: string | null;
  version?: 'published';
}

/** One field of the side-by-side view: its readable value in each revision and whether it changed. */
export interface DiffRow {
  field: string;
  /** null for a shared field (the same in every locale). */
  locale: string | null;
  before: string;
  after: string;
  changed: boolean;
  /** The changed paths inside the field, when they are deeper than the field itself. */
  innerPaths: string[];
}

const EMPTY: Snapshot = { shared: {}, locales: {} };

/**
 * Every field of either revision, the shared ones first, then each locale's, in the type's field order: the
 * values of the older revision on the left and the newer on the right, the fields the compare route names (or
 * whose values differ) marked changed.
 */
export function diffRows(
  before: Snapshot | null,
  after: Snapshot,
  changes: FieldChange[],
  fieldOrder: string[],
): DiffRow[] {
  const older = before ?? EMPTY;
  const draftChanges = changes.filter((change) => change.version !== 'published');
  const rank = (field: string) => {
    const index = fieldOrder.indexOf(field);
    return index === -1 ? fieldOrder.length : index;
  };
  const row = (field: string, locale: string | null, was: unknown, now: unknown): DiffRow => {
    const paths = draftChanges
      .filter((change) => change.locale === locale && rootOf(change.path) === field)
      .map((change) => change.path);
    return {
      field,
      locale,
      before: readableValue(was),
      after: readableValue(now),
      changed: paths.length > 0 || !sameValue(was, now),
      innerPaths: paths.filter((path) => path !== field),
    };
  };
  const fieldsOf = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => rank(x) - rank(y) || x.localeCompare(y));

  const rows = fieldsOf(older.shared, after.shared).map((field) =>
    row(field, null, older.shared[field], after.shared[field]),
  );
  const locales = [...new Set([...Object.keys(older.locales), ...Object.keys(after.locales)])].sort();
  for (const locale of locales) {
    const was = older.locales[locale] ?? {};
    const now = after.locales[locale] ?? {};
    for (const field of fieldsOf(was, now)) rows.push(row(field, locale, was[field], now[field]));
  }
  return rows;
}

/** `blocks[1].heading` → `blocks`. */
function rootOf(path: string): string {
  return path.split(/[.[]/, 1)[0];
}
