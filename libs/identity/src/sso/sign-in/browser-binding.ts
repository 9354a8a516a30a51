import type { Request, Response } from 'express';
import { requestCookie } from '../../sessions/access-token.extractor';
import { randomToken } from '../../credentials/token-hash';

/**
 * A random value in an httpOnly cookie that ties a started sign-in to the browser that started it: the callback
 * is accepted only with the same cookie, so a response obtained by someone else (login CSRF) or replayed from
 * another browser is refused. One value per browser, reused by concurrent sign-ins in several tabs.
 */
export const SSO_BROWSER_COOKIE = 'quire_sso';
const COOKIE_PATH = '/api/v1/auth/sso';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function readBrowserToken(request: Request): string | null {
  const value = requestCookie(request, SSO_BROWSER_COOKIE);
  return value && TOKEN.test(value) ? value : null;
}

export function browserTokenOrNew(request: Request): string {
  return readBrowserToken(request) ?? randomToken();
}

/**
 * SAML responses arrive by a cross-site form POST, which browsers send SameSite=Lax cookies with only from the
 * same site: in production (HTTPS) the cookie is SameSite=None; Secure. Over plain HTTP (development) browsers
 * refuse SameSite=None without Secure, so it is Lax there: a SAML IdP must then be on the same site.
 */
export function writeBrowserCookie(response: Response, token: string, secure: boolean, maxAgeSeconds: number): void {
  response.cookie(SSO_BROWSER_COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite: secure ? 'none' : 'lax',
    path: COOKIE_PATH,
    maxAge: maxAgeSeconds * 1000,
  });
}
