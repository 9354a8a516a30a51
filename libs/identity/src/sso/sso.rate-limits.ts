import type { RateLimitOptions } from '@quire/core';

const MINUTE = 60;

/**
 * Limits of the public SSO routes, per client IP. States and request ids are 256-bit random and single use, so
 * guessing is hopeless: the limits keep one client from filling the state table (every start writes a row) or
 * making Quire call identity providers in a loop.
 */
export const SSO_RATE_LIMITS = {
  start: { name: 'sso-start', perIp: { limit: 30, windowSeconds: MINUTE } },
  // The sign-in page asks once per address typed; a higher rate would be someone mapping domains.
  discovery: { name: 'sso-discovery', perIp: { limit: 60, windowSeconds: MINUTE } },
  // The OIDC callback and the SAML ACS share one count.
  finish: { name: 'sso-finish', perIp: { limit: 30, windowSeconds: MINUTE } },
} as const satisfies Record<string, RateLimitOptions>;
