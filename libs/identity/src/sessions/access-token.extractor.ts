import type { AuthenticationRequest } from '@quire/core';

/** The httpOnly cookie that carries the access token for browser clients. */
export const ACCESS_TOKEN_COOKIE = 'quire_access';

/** Compact JWS: three base64url segments (the last may be empty, as in `alg: none`, which verify then refuses). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const BEARER = /^Bearer +(\S+) *$/i;

/**
 * The access token of a request, or null when it carries none of ours. An Authorization header wins over the
 * cookie: a client that sends one chose that credential, so a bearer that is not a JWT (an API key) is left to
 * the other authenticators rather than replaced by a cookie the browser happened to send.
 */
export function extractAccessToken(request: Pick<AuthenticationRequest, 'headers' | 'cookies'>): string | null {
  return extractAccessTokenCredential(request)?.token ?? null;
}

/** How the access token came: the browser's cookie needs CSRF protection, a bearer header does not. */
export type AccessTokenSource = 'bearer' | 'cookie';

export interface AccessTokenCredential {
  token: string;
  source: AccessTokenSource;
}

/** The access token of a request and where it came from, by the rules of extractAccessToken. */
export function extractAccessTokenCredential(
  request: Pick<AuthenticationRequest, 'headers' | 'cookies'>,
): AccessTokenCredential | null {
  const authorization = first(request.headers.authorization);
  if (authorization !== undefined) {
    const token = BEARER.exec(authorization)?.[1];
    return token !== undefined && JWT_SHAPE.test(token) ? { token, source: 'bearer' } : null;
  }
  const cookie = requestCookie(request, ACCESS_TOKEN_COOKIE);
  return cookie !== null && JWT_SHAPE.test(cookie) ? { token: cookie, source: 'cookie' } : null;
}

/** One cookie of a request: parsed cookies when a cookie parser ran, else read from the Cookie header. */
export function requestCookie(
  request: Pick<AuthenticationRequest, 'headers' | 'cookies'>,
  name: string,
): string | null {
  const parsed = request.cookies && Object.hasOwn(request.cookies, name) ? request.cookies[name] : undefined;
  return parsed ?? readCookie(first(request.headers.cookie), name);
}

/** One cookie's value from a Cookie header (RFC 6265 `name=value; name=value`), or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    let value = pair.slice(separator + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return null;
}

/** The first value of a header that may repeat. */
export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
