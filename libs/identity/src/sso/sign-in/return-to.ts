import { ValidationFailedError } from '@quire/core';

const MAX_LENGTH = 2048;

/**
 * Where to send the browser after the sign-in: an absolute URL under the installation's public URL, built from
 * a path the client asked for (`/admin/content?x=1`). Anything else (another origin, `//host`, a scheme,
 * backslashes or control characters that browsers may read as another host) is a 400: never an open redirect.
 */
export function resolveReturnTo(requested: unknown, base: string, fallback: string): string {
  if (requested === undefined) return fallback;
  const refuse = (): never => {
    throw new ValidationFailedError([
      { path: 'returnTo', message: `returnTo must be a path on this installation, under ${base}/` },
    ]);
  };
  if (typeof requested !== 'string' || requested.length > MAX_LENGTH) return refuse();
  if (!requested.startsWith('/') || requested.startsWith('//') || hasUnsafeCharacter(requested)) return refuse();
  const target = new URL(requested, `${base}/`);
  if (target.origin !== new URL(base).origin || !target.href.startsWith(`${base}/`)) return refuse();
  return target.href;
}

/** Backslashes and control characters: browsers may read `/\evil.example` or `/\tevil` as another host. */
function hasUnsafeCharacter(path: string): boolean {
  for (const character of path) {
    const code = character.charCodeAt(0);
    if (character === '\\' || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
