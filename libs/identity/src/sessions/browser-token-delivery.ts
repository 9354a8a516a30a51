import { Inject, Injectable } from '@nestjs/common';
import { InjectPluginOptions, QUIRE_CONFIG, ValidationFailedError, type QuireConfig } from '@quire/core';
import type { Request, Response } from 'express';
import { decodeJwt } from 'jose';
import type { IdentityOptions } from '../identity.options';
import { extractAccessTokenCredential, first, requestCookie } from './access-token.extractor';
import { CsrfTokens } from './csrf-tokens';
import { CsrfTokenInvalidError } from './session.errors';
import {
  clearTokenCookies,
  CSRF_COOKIE,
  CSRF_HEADER,
  REFRESH_TOKEN_COOKIE,
  writeTokenCookies,
  type TokenCookieSettings,
} from './token-cookies';

/** Request header by which a browser client asks for its tokens as cookies: `Quire-Token-Delivery: cookie`. */
export const TOKEN_DELIVERY_HEADER = 'quire-token-delivery';
export type TokenDelivery = 'cookie' | 'body';

/** Set on a request whose answer must be cookies whatever the header said (a refresh made with the cookie). */
const COOKIE_DELIVERY = Symbol('identity:cookie-delivery');

interface TokenBody {
  accessToken: string;
  refreshToken: string;
  [field: string]: unknown;
}

/**
 * Hands tokens to browsers as cookies (see token-cookies.ts) instead of in the body. API clients ask for nothing
 * and get the body; a browser asks with `Quire-Token-Delivery: cookie` on each token-issuing request, and then
 * never sees its access or refresh token (httpOnly): it gets `csrfToken` in the body instead. `Secure` is set when
 * NODE_ENV is production (HTTPS behind a proxy); off on plain-HTTP loopback development.
 */
@Injectable()
export class BrowserTokenDelivery {
  private readonly settings: TokenCookieSettings;

  constructor(
    @Inject(QUIRE_CONFIG) config: QuireConfig,
    @InjectPluginOptions('identity') options: IdentityOptions,
    private readonly csrf: CsrfTokens,
  ) {
    this.settings = {
      secure: config.NODE_ENV === 'production',
      accessTokenTtlSeconds: options.accessTokenTtlSeconds,
      refreshTokenTtlDays: options.refreshTokenTtlDays,
    };
  }

  /** The delivery the request asked for; a value other than `cookie` or `body` is a 400 naming the header. */
  requested(request: Pick<Request, 'headers'>): TokenDelivery {
    const value = first(request.headers[TOKEN_DELIVERY_HEADER]);
    if (value === undefined) return 'body';
    const normalised = value.trim().toLowerCase();
    if (normalised === 'cookie' || normalised === 'body') return normalised;
    throw new ValidationFailedError(
      [{ path: 'Quire-Token-Delivery', message: `must be "cookie" or "body", got ${JSON.stringify(value)}` }],
      'The Quire-Token-Delivery header is invalid.',
    );
  }

  /** Makes this request's tokens (and its refusal) go out as cookies: for a refresh made with the refresh cookie. */
  markCookieDelivery(request: Request): void {
    (request as Request & { [COOKIE_DELIVERY]?: true })[COOKIE_DELIVERY] = true;
  }

  wantsCookies(request: Request): boolean {
    return (
      (request as Request & { [COOKIE_DELIVERY]?: true })[COOKIE_DELIVERY] === true ||
      this.requested(request) === 'cookie'
    );
  }

  /** The request came with the session cookie, or asked for cookies: sign-out clears them then. */
  usesCookies(request: Request): boolean {
    return extractAccessTokenCredential(request)?.source === 'cookie' || this.wantsCookies(request);
  }

  /** The browser's refresh token, from the quire_refresh cookie (sent only to /api/v1/auth). */
  refreshCookie(request: Request): string | null {
    return requestCookie(request, REFRESH_TOKEN_COOKIE);
  }

  /**
   * A refresh made with the cookie must echo the CSRF cookie in `X-CSRF-Token` (plain double submit: the session is
   * known only once the refresh token is checked; a forged refresh would only rotate tokens into the victim's own
   * browser). Else 403 identity.csrf-token-invalid.
   */
  assertCsrfEchoed(request: Request): void {
    if (!this.csrf.matches(first(request.headers[CSRF_HEADER]), requestCookie(request, CSRF_COOKIE))) {
      throw new CsrfTokenInvalidError();
    }
  }

  /**
   * Writes the tokens of `body` as cookies and answers the body without them, plus `csrfToken` (the console needs
   * it for its headers and must not have to parse cookies). A body without tokens (a second sign-in step still
   * pending, `{ twoFactorRequired: true }`) passes unchanged.
   */
  deliver(response: Response, body: unknown): unknown {
    if (!hasTokens(body)) return body;
    const { accessToken, refreshToken, ...rest } = body;
    const sessionId = decodeJwt(accessToken).sid;
    if (typeof sessionId !== 'string') throw new Error('An access token issued here has no sid claim');
    const csrfToken = this.csrf.issue(sessionId);
    writeTokenCookies(response, { accessToken, refreshToken, csrfToken }, this.settings);
    return { ...rest, csrfToken };
  }

  /** Removes the token cookies (sign-out, a refused refresh). */
  clear(response: Response): void {
    clearTokenCookies(response, this.settings);
  }
}

function hasTokens(body: unknown): body is TokenBody {
  if (typeof body !== 'object' || body === null) return false;
  const { accessToken, refreshToken } = body as Record<string, unknown>;
  return typeof accessToken === 'string' && typeof refreshToken === 'string';
}
