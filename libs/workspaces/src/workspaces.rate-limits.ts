import type { RateLimitOptions } from '@quire/core';

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/**
 * Limits of the public invitation routes, whose credential is the mailed token. Tokens are 256-bit random and
 * single-use, so guessing is hopeless and keying on the token would let an attacker vary the key: per IP only,
 * to protect the database (like identity's `link-token`). Sign-up also hashes a password: per IP like identity's
 * sign-up. Reasons in docs/rate-limits.md.
 */
export const WORKSPACES_RATE_LIMITS = {
  invitationToken: { name: 'invitation-token', perIp: { limit: 20, windowSeconds: MINUTE } },
  invitationSignUp: { name: 'invitation-sign-up', perIp: { limit: 20, windowSeconds: HOUR } },
} as const satisfies Record<string, RateLimitOptions>;
