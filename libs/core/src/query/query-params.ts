/** Helpers for reading an already-parsed query string whose shape the client controls. */

export type QueryRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is QueryRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property only: `constructor` or `__proto__` in a query must never reach Object.prototype. */
export function own(record: QueryRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export type ScalarResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * A single value. Strings come from qs; numbers and booleans are accepted for programmatic callers.
 * Anything else (a repeated parameter, `x[]=`, `x[y]=`) is the client's mistake, not a crash.
 */
export function readScalar(value: unknown): ScalarResult {
  if (typeof value === 'string') return { ok: true, value };
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean')
    return { ok: true, value: String(value) };
  const got = Array.isArray(value)
    ? 'an array (is the parameter repeated?)'
    : value === null
      ? 'null'
      : `${typeof value === 'object' ? 'an object' : typeof value}`;
  return { ok: false, message: `expected a single value, got ${got}` };
}

const BRACKETED = /^([^[\]]+)((?:\[[^[\]]*\])+)$/;

/**
 * Accepts both an extended-parsed query (`{ filter: { title: { eq: 'x' } } }`, Express with qs) and a
 * flat one (`{ 'filter[title][eq]': 'x' }`, Express 5's and Fastify's default parsers), so the language
 * does not depend on how the platform was configured. A key given twice becomes an array, which the
 * parser then rejects as "expected a single value".
 */
export function normalizeQueryParams(raw: unknown): QueryRecord {
  if (!isRecord(raw)) return {};
  const keys = Object.keys(raw);
  if (!keys.some((k) => BRACKETED.test(k))) return raw;
  const result: QueryRecord = Object.create(null) as QueryRecord;
  for (const key of keys) {
    const match = BRACKETED.exec(key);
    const path = match ? [match[1], ...match[2].slice(1, -1).split('][')] : [key];
    insert(result, path, raw[key]);
  }
  return result;
}

function insert(target: QueryRecord, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  const existing = own(target, head);
  const pushed = rest.length === 1 && rest[0] === '';
  if (rest.length === 0 || pushed) {
    // `x[]=` or a second value for the same key: keep both so the parser reports the repetition.
    if (existing === undefined) target[head] = pushed ? [value] : value;
    else target[head] = [...(Array.isArray(existing) ? existing : [existing]), value];
    return;
  }
  let child = existing;
  if (child === undefined) {
    child = Object.create(null) as QueryRecord;
    target[head] = child;
  }
  if (isRecord(child)) insert(child, rest, value);
  else target[head] = [child, value];
}
