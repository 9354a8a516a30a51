import type { Response } from 'express';
import { ACCESS_TOKEN_COOKIE } from './access-token.extractor';

/** The httpOnly cookie carrying the refresh token; sent only to the auth endpoints. */
export const REFRESH_TOKEN_COOKIE = 'quire_refresh';
/** Readable by the console's script: it echoes the value in the CSRF header (double-submit cookie). */
export const CSRF_COOKIE = 'quire_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** Where the refresh cookie is sent: refresh and sign-out only, never to content routes. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

export interface TokenCookieSettings {
  /** `Secure` attribute: on in production (HTTPS), off on plain-HTTP loopback development. */
  secure: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}

export interface CookieTokens {
  accessToken: string;
  refreshToken: string;
  /** The session's CSRF token (CsrfTokens.issue), echoed by the console in `X-CSRF-Token`. */
  csrfToken: string;
}

/**
 * Hands a browser its tokens as cookies: access and refresh tokens httpOnly (no script can read them), SameSite
 * so other sites' pages do not send them, Secure in production. The CSRF token goes with them in a cookie the
 * console can read; requests authenticated by cookie must echo it in `X-CSRF-Token`.
 */
export function writeTokenCookies(response: Response, tokens: CookieTokens, settings: TokenCookieSettings): void {
  const refreshMaxAge = settings.refreshTokenTtlDays * 86_400_000;
  response.cookie(ACCESS_TOKEN_COOKIE, tokens.accessToken, {
    httpOnly: true,
    secure: settings.secure,
    sameSite: 'lax',
    path: '/',
    maxAge: settings.accessTokenTtlSeconds * 1000,
  });
  response.cookie(REFRESH_TOKEN_COOKIE, tokens.refreshToken, {
    httpOnly: true,
    secure: settings.secure,
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    maxAge: refreshMaxAge,
  });
  response.cookie(CSRF_COOKIE, tokens.csrfToken, {
    httpOnly: false,
    secure: settings.secure,
    sameSite: 'strict',
    path: '/',
    maxAge: refreshMaxAge,
  });
}

/** Removes the three cookies (sign-out, a refused refresh). */
export function clearTokenCookies(response: Response, settings: Pick<TokenCookieSettings, 'secure'>): void {
  const base = { secure: settings.secure, httpOnly: true } as const;
  response.clearCookie(ACCESS_TOKEN_COOKIE, { ...base, sameSite: 'lax', path: '/' });
  response.clearCookie(REFRESH_TOKEN_COOKIE, { ...base, sameSite: 'strict', path: REFRESH_COOKIE_PATH });
  response.clearCookie(CSRF_COOKIE, { secure: settings.secure, sameSite: 'strict', path: '/' });
}
