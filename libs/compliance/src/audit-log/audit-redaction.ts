/** What replaces a redacted value in a record's `changes`. */
export const REDACTED = '[redacted]';

/**
 * Keys whose values are secrets whatever plugin sends them: passwords and their hashes, secrets, tokens, keys and key
 * hashes, signing and encryption keys, one-time and recovery codes, cookies, authorization headers, salts and sealed
 * values. A key matches when it contains one of these words, in any case and with `-` or `_` between words
 * (`clientSecret`, `password_hash`, `keyHash`, `X-Api-Key`, `secretCiphertext`).
 */
const SECRET_KEY = new RegExp(
  [
    'secret',
    'password',
    'passphrase',
    'passwd',
    'token',
    'api[-_]?key',
    'private[-_]?key',
    'signing[-_]?key',
    'encryption[-_]?key',
    'key[-_]?hash',
    'credential',
    'recovery[-_]?code',
    'one[-_]?time[-_]?code',
    'verification[-_]?code',
    'totp',
    'cookie',
    'authorization',
    'salt',
    'ciphertext',
  ].join('|'),
  'i',
);

/** Whether a key names a secret-like value (see SECRET_KEY). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * A copy of `changes` with secrets and declared-sensitive fields replaced by `[redacted]`, at every depth: before and
 * after of `{ password: { before, after } }` both go. `sensitive` holds field names in camelCase and snake_case.
 */
export function redactChanges(changes: unknown, sensitive: ReadonlySet<string>): unknown {
  if (Array.isArray(changes)) return changes.map((item) => redactChanges(item, sensitive));
  if (changes === null || typeof changes !== 'object') return changes;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes as Record<string, unknown>)) {
    out[key] = isSecretKey(key) || sensitive.has(key) ? REDACTED : redactChanges(value, sensitive);
  }
  return out;
}
