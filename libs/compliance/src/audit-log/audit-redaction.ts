/** What replaces a redacted value in a record's `changes`. */
export const REDACTED = '[redacted]';

/** Keys whose values are secrets whatever plugin sends them. */
const SECRET_KEY =
  /(secret|password|passphrase|token|api[-_]?key|private[-_]?key|credential|recovery[-_]?code|totp|cookie)/i;

/**
 * A copy of `changes` with secrets and declared-sensitive fields replaced by `[redacted]`, at every depth: before and
 * after of `{ password: { before, after } }` both go. `sensitive` holds field names in camelCase and snake_case.
 */
export function redactChanges(changes: unknown, sensitive: ReadonlySet<string>): unknown {
  if (Array.isArray(changes)) return changes.map((item) => redactChanges(item, sensitive));
  if (changes === null || typeof changes !== 'object') return changes;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes as Record<string, unknown>)) {
    out[key] = SECRET_KEY.test(key) || sensitive.has(key) ? REDACTED : redactChanges(value, sensitive);
  }
  return out;
}
