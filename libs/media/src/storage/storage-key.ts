/**
 * A storage key the drivers refuse. Keys are made by the plugin, never taken from a request, so this is a bug
 * (or an attack that got past the plugin): defence in depth, checked by every driver before any I/O.
 */
export class InvalidStorageKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid media storage key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidStorageKeyError';
  }
}

/** S3's limit on key length, in UTF-8 bytes; applied to every driver so that keys move between them. */
const MAX_KEY_BYTES = 1024;

/**
 * Keys are relative, `/`-separated paths: no leading `/`, no backslash, no control character (NUL included), no
 * empty segment, and no segment starting with a dot (which covers `.` and `..`, and keeps driver-internal names
 * such as the local driver's `.incoming/` out of reach).
 */
export function assertStorageKey(key: string): void {
  const reason = keyProblem(key, false);
  if (reason) throw new InvalidStorageKeyError(key, reason);
}

/** A prefix obeys the key rules, may end with `/`, and is never empty (that would mean every object). */
export function assertStoragePrefix(prefix: string): void {
  const reason = keyProblem(prefix, true);
  if (reason) throw new InvalidStorageKeyError(prefix, reason);
}

function keyProblem(key: string, isPrefix: boolean): string | null {
  if (typeof key !== 'string' || key.length === 0) return 'it is empty';
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return `it is longer than ${MAX_KEY_BYTES} bytes`;
  if (key.startsWith('/')) return 'it is absolute';
  if (key.includes('\\')) return 'it contains a backslash';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) return 'it contains a control character';
  const segments = (isPrefix && key.endsWith('/') ? key.slice(0, -1) : key).split('/');
  if (segments.some((segment) => segment === '')) return 'it has an empty segment';
  if (segments.some((segment) => segment.startsWith('.'))) return 'a segment starts with a dot';
  return null;
}
