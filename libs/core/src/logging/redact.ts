/** Keys whose values never reach a log line: passwords, tokens, keys, codes, cookies. */
const SENSITIVE_KEY =
  /pass(word)?|secret|token|api[-_]?key|authorization|cookie|^code$|otp|totp|recovery|private[-_]?key|credential/i;
const REDACTED = '[REDACTED]';
const MAX_DEPTH = 6;
/** Credentials recognisable on their own, anywhere in a string: a bearer/basic value, an API key secret. */
const BEARER_VALUE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const API_KEY_SECRET = /\bqk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{20,}/g;

/** A deep copy of `value` with sensitive members replaced. Strings that carry bearer tokens or API keys are masked too. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.replace(BEARER_VALUE, `$1 ${REDACTED}`).replace(API_KEY_SECRET, REDACTED);
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Date) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    copy[key] = SENSITIVE_KEY.test(key) ? REDACTED : redact(member, depth + 1);
  }
  return copy;
}

/**
 * A request path for a log line, with the values of route parameters named like secrets masked (a mailed
 * invitation's `/invitations/:token`): paths are logged, and such a token is a credential.
 */
export function redactPath(path: string, params: Record<string, unknown> | undefined): string {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value !== 'string' || value === '' || !SENSITIVE_KEY.test(name)) continue;
    secrets.add(value).add(encodeURIComponent(value));
  }
  if (secrets.size === 0) return path;
  return path
    .split('/')
    .map((segment) => (secrets.has(segment) ? REDACTED : segment))
    .join('/');
}
