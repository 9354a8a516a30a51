import { ValidationFailedError } from '@quire/core';

export interface RefreshTokenSource {
  token: string;
  /** `cookie`: a browser's refresh; it needs the CSRF token, and its answer goes back as cookies. */
  source: 'body' | 'cookie';
}

/**
 * Where a refresh request's token is: in the body (API clients) or in the quire_refresh cookie (browsers), exactly
 * one of the two. Both or neither is a 400 naming `refreshToken`, so a client never has one silently ignored.
 */
export function refreshTokenSource(bodyToken: string | undefined, cookieToken: string | null): RefreshTokenSource {
  const inCookie = cookieToken !== null && cookieToken !== '';
  if (bodyToken !== undefined && inCookie) {
    throw new ValidationFailedError([
      {
        path: 'refreshToken',
        message: 'send the refresh token either in the body or as the quire_refresh cookie, not both',
      },
    ]);
  }
  if (bodyToken !== undefined) return { token: bodyToken, source: 'body' };
  if (inCookie) return { token: cookieToken, source: 'cookie' };
  throw new ValidationFailedError([
    { path: 'refreshToken', message: 'refreshToken is required (in the body, or as the quire_refresh cookie)' },
  ]);
}
