import { randomBytes } from 'node:crypto';
import { hashToken } from './token-hash';

/**
 * Crockford's base32: no i, l, o or u, so a code read off paper cannot be mistyped as another. 32 symbols make
 * each character exactly 5 random bits; 10 characters are 50 bits.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const CODE_LENGTH = 10;
/** Read as digits, per Crockford. */
const LOOKALIKES: Record<string, string> = { o: '0', i: '1', l: '1' };

/** Codes shown once, as `xxxx-xxxx-xx`, distinct within the set. Store only hashRecoveryCode() of each. */
export function generateRecoveryCodes(count = 10): string[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`generateRecoveryCodes needs a positive whole count, got ${count}`);
  }
  const codes = new Set<string>();
  while (codes.size < count) codes.add(format(randomCode()));
  return [...codes];
}

/** Case, spaces, dashes and Crockford lookalikes removed: what the user typed becomes the code as generated. */
export function normaliseRecoveryCode(input: string): string {
  return input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_]/g, '')
    .replace(/[oil]/g, (c) => LOOKALIKES[c]);
}

/**
 * SHA-256 of the normalised code. A fast, unsalted hash is enough: 50 random bits cannot be brute-forced
 * offline the way a human password can, the attempts online are rate-limited, and an unsalted hash lets the
 * code be found by lookup.
 */
export function hashRecoveryCode(code: string): string {
  return hashToken(normaliseRecoveryCode(code));
}

function randomCode(): string {
  // 256 is a multiple of 32: masking 5 bits of a random byte is uniform.
  return [...randomBytes(CODE_LENGTH)].map((byte) => ALPHABET[byte & 31]).join('');
}

function format(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}
