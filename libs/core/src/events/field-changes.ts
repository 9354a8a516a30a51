/** One changed field of an audited update: its value before and after. */
export interface FieldChange<T = unknown> {
  before: T;
  after: T;
}

/**
 * The field-level diff an update event carries in its payload's `changes` (the audit log stores it, with secrets and
 * declared sensitive fields redacted): only the fields that changed.
 */
export type Changes = Record<string, FieldChange>;

/**
 * The fields whose values differ between `before` and `after` (deep equality for JSON values: objects by keys,
 * arrays by position, dates by time), each with its two values. `fields` limits the comparison to those names
 * (default: every key of either side); a field missing on one side is `null` there. Never pass a secret's value:
 * the audit log redacts secret-like names, but the event's other consumers see the payload as is.
 */
export function fieldChanges<T extends object>(
  before: Partial<T> | null | undefined,
  after: Partial<T> | null | undefined,
  fields?: ReadonlyArray<Extract<keyof T, string>>,
): Changes {
  const from = (before ?? {}) as Record<string, unknown>;
  const to = (after ?? {}) as Record<string, unknown>;
  const names = fields ?? [...new Set([...Object.keys(from), ...Object.keys(to)])];
  const changes: Changes = {};
  for (const name of names) {
    const a = normalise(from[name]);
    const b = normalise(to[name]);
    if (!jsonEqual(a, b)) changes[name] = { before: a, after: b };
  }
  return changes;
}

/** True when `changes` holds at least one field. */
export function hasChanges(changes: Changes): boolean {
  return Object.keys(changes).length > 0;
}

/** As it would be serialised into the event: undefined is absent (null), a date its ISO time. */
function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return normalise(a) === normalise(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => jsonEqual(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  // Keys whose value is undefined are not in the JSON: compare what would be serialised.
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) {
    const x = left[key];
    const y = right[key];
    if (x === undefined && y === undefined) continue;
    if (x === undefined || y === undefined || !jsonEqual(x, y)) return false;
  }
  return true;
}
