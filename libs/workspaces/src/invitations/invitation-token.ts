import { hashToken, randomToken } from '@quire/identity';

/** How long an invitation (and each resent token) stays open. */
export const INVITATION_TTL_DAYS = 7;
const INVITATION_TTL_MS = INVITATION_TTL_DAYS * 24 * 3_600_000;

/** What randomToken() makes: 32 random bytes, base64url without padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedInvitationToken {
  /** Mailed once, never stored or logged. */
  token: string;
  tokenHash: string;
  expiresAt: Date;
}

/** A new single-use token (256 bits) and the end of its validity. */
export function issueInvitationToken(now = new Date()): IssuedInvitationToken {
  const token = randomToken();
  return { token, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) };
}

/** The hash to look a presented token up by; null when it cannot be one of ours (answered as an unknown token). */
export function invitationTokenHash(token: string): string | null {
  return TOKEN_SHAPE.test(token) ? hashToken(token) : null;
}
