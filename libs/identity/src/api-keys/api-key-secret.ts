import { randomBytes } from 'node:crypto';
import { hashToken, randomToken } from '../credentials/token-hash';

/** Marks Quire API keys, so people, log redaction and secret scanners can recognise them. */
export const API_KEY_MARKER = 'qk_';
/** Lower-case letters and digits without look-alikes (0/o, 1/l): the prefix is read and typed by people. */
const PREFIX_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const PREFIX_RANDOM_LENGTH = 8;
/** `qk_<8 prefix characters>_<43 base64url characters = 256 random bits>`. */
const SECRET_SHAPE = /^qk_[a-km-np-z2-9]{8}_[A-Za-z0-9_-]{43}$/;

export interface ApiKeySecret {
  /** Shown once, to the creator; never stored. */
  secret: string;
  /** `qk_` + 8 characters: the visible, unique start of the secret. */
  prefix: string;
  /** What is stored and looked up. */
  hash: string;
}

/**
 * A new secret. Its 256 random bits make guessing hopeless, so a fast SHA-256 is the right hash: it lets a key
 * be found by an index on the hash alone, which also makes the lookup independent of how close a wrong guess
 * is (no string comparison of secrets). The prefix adds 40 bits, only to recognise the key.
 */
export function generateApiKeySecret(): ApiKeySecret {
  const bytes = randomBytes(PREFIX_RANDOM_LENGTH);
  let prefix = API_KEY_MARKER;
  // 256 is a multiple of the 32 letters, so taking the byte modulo 32 is unbiased.
  for (const byte of bytes) prefix += PREFIX_ALPHABET[byte % PREFIX_ALPHABET.length];
  const secret = `${prefix}_${randomToken()}`;
  return { secret, prefix, hash: hashToken(secret) };
}

/** True for strings shaped like our secrets; others are refused before any hashing or query. */
export function looksLikeApiKeySecret(value: string): boolean {
  return SECRET_SHAPE.test(value);
}
