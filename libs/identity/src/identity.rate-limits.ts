import type { RateLimitOptions } from '@quire/core';

const MINUTE = 60;
const QUARTER_HOUR = 15 * MINUTE;
const HOUR = 60 * MINUTE;

/**
 * The limits of identity's public and credential-checking endpoints (`@RateLimit(IDENTITY_RATE_LIMITS.signIn)`), in one place so that the
 * documentation and the code cannot disagree. Every attempt counts, successful or not; the request past a limit
 * starts a lockout of one window. Per account: the email of the body, whatever IP it comes from; per IP: what
 * one client (or one NAT) may try across all accounts. Reasons in docs/rate-limits.md.
 */
export const IDENTITY_RATE_LIMITS = {
  signIn: {
    name: 'sign-in',
    perIp: { limit: 20, windowSeconds: MINUTE },
    perAccount: { limit: 10, windowSeconds: QUARTER_HOUR },
  },
  signUp: {
    name: 'sign-up',
    perIp: { limit: 20, windowSeconds: HOUR },
    perAccount: { limit: 3, windowSeconds: QUARTER_HOUR },
  },
  // Refresh tokens are 256-bit random: the limit only keeps one client from flooding the database.
  refresh: { name: 'refresh', perIp: { limit: 120, windowSeconds: MINUTE } },
  emailCodeRequest: {
    name: 'email-code-request',
    perIp: { limit: 10, windowSeconds: 10 * MINUTE },
    perAccount: { limit: 3, windowSeconds: QUARTER_HOUR },
  },
  emailCodeVerify: {
    name: 'email-code-verify',
    perIp: { limit: 20, windowSeconds: MINUTE },
    perAccount: { limit: 10, windowSeconds: QUARTER_HOUR },
  },
  // The challenge token allows 5 codes itself and is issued only after the password: per IP is enough here.
  twoFactorSignIn: { name: 'two-factor-sign-in', perIp: { limit: 20, windowSeconds: MINUTE } },
  passwordResetRequest: {
    name: 'password-reset-request',
    perIp: { limit: 10, windowSeconds: 10 * MINUTE },
    perAccount: { limit: 3, windowSeconds: QUARTER_HOUR },
  },
  // Signed-in routes that check a secret (current password, TOTP or recovery code): per user, so a stolen
  // session cannot guess at the IP limit's pace from many addresses.
  reauthentication: {
    name: 'reauthentication',
    perIp: { limit: 30, windowSeconds: MINUTE },
    perActor: { limit: 10, windowSeconds: QUARTER_HOUR },
  },
  // Each sends a mail to the account's own address: a few per user.
  verificationResend: { name: 'verification-resend', perActor: { limit: 3, windowSeconds: QUARTER_HOUR } },
  // Link tokens (reset, email verification) are 256-bit random and single-use: per IP only.
  linkToken: { name: 'link-token', perIp: { limit: 20, windowSeconds: MINUTE } },
} as const satisfies Record<string, RateLimitOptions>;
