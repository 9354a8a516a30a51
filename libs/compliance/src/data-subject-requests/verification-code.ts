import { randomInt } from 'node:crypto';
import { hashToken } from '@quire/identity';

/** A mailed code works this long, and this many wrong tries end it. */
export const CODE_MINUTES = 60;
export const CODE_ATTEMPTS = 5;

/** Six random digits, the way people read them from a mail. */
export function newVerificationCode(): { code: string; hash: string; expiresAt: Date } {
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  return { code, hash: hashToken(code), expiresAt: new Date(Date.now() + CODE_MINUTES * 60_000) };
}

export function codeMatches(code: string, hash: string | null): boolean {
  return hash !== null && /^\d{6}$/.test(code) && hashToken(code) === hash;
}

/** The right exercised, for the code mail: "A request was made for <…> of your account". */
export const REQUEST_IN_WORDS: Record<string, string> = {
  access: 'a copy of your data',
  portability: 'a portable copy of your data',
  rectification: 'the correction of your data',
  erasure: 'the erasure of your data and account',
  restriction: 'the restriction of processing of your data',
  objection: 'an objection to processing of your data',
};
