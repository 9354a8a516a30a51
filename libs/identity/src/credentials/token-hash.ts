import { createHash, randomBytes } from 'node:crypto';

/**
 * SHA-256 (hex) of a high-entropy secret: refresh tokens, reset links, API keys.
 * A fast hash is enough here, unlike passwords: a 256-bit random token cannot be guessed offline, and the
 * lookup by hash needs to be deterministic (no salt) so the row can be found by its index.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A cryptographically random secret, base64url without padding (URL- and header-safe). 32 bytes = 256 bits. */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 1) {
    throw new RangeError(`randomToken needs a positive whole number of bytes, got ${bytes}`);
  }
  return randomBytes(bytes).toString('base64url');
}
