import { Injectable, Logger } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Actor, AuthenticationRequest } from '@quire/core';
import { Strategy as CustomStrategy } from 'passport-custom';
import { IMPERSONATION_EXPIRES_HEADER, IMPERSONATOR_HEADER } from '../impersonation/impersonation.headers';
import { extractAccessTokenCredential, first, requestCookie } from '../sessions/access-token.extractor';
import { AccessTokenService } from '../sessions/access-token.service';
import type { ActiveSession } from '../sessions/active-session';
import { ActiveSessionCache } from '../sessions/active-session-cache';
import { CsrfTokens } from '../sessions/csrf-tokens';
import { CsrfTokenInvalidError } from '../sessions/session.errors';
import { SessionService } from '../sessions/session.service';
import { CSRF_COOKIE, CSRF_HEADER } from '../sessions/token-cookies';
import { PassportAuthenticator } from './passport.authenticator';

export const SESSION_STRATEGY = 'quire-session';
/** Methods that change nothing: a cookie-authenticated request with any other method needs the CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates `Authorization: Bearer <access JWT>` or the `quire_access` cookie as the session's user.
 *
 * Revocation must take effect at once, on every instance, so a valid signature is not enough: the session is
 * looked up in PostgreSQL. Why this shape:
 * - PostgreSQL is the one source of truth every instance shares (Redis is optional; memory is per process).
 *   The lookup is one primary-key probe, cheaper than the rest of a request.
 * - A positive answer is reused for at most one second per instance (ActiveSessionCache), to absorb bursts.
 * - That second is not a revocation window: every revocation NOTIFYs `quire_session_revoked` in its own
 *   transaction and each instance LISTENs on a dedicated connection, evicting the entry on commit. If the
 *   channel is down the cache turns itself off, and the TTL still bounds any lost notice to one second.
 * - A revocation list in memory instead would have to be complete on every instance from boot (it cannot be
 *   with a lost notice), and one checked in the database is the same query as ours.
 * last_seen_at is not written here (a write per request); refresh updates it every access-token lifetime.
 *
 * A browser sends the cookie by itself, also on requests another page makes it send, so a cookie-authenticated
 * request that can change something (any method but GET, HEAD, OPTIONS) must also carry `X-CSRF-Token` equal to
 * the `quire_csrf` cookie and bound to this session (CsrfTokens); otherwise 403 identity.csrf-token-invalid, or,
 * on a public route, the cookie is ignored and the request goes on anonymously.
 * A bearer token is never sent by a browser on its own, so bearer requests need no CSRF token.
 *
 * An impersonation session's responses all carry `Quire-Impersonator` and `Quire-Impersonation-Expires`.
 */
@Injectable()
export class SessionStrategy extends PassportStrategy(CustomStrategy, SESSION_STRATEGY) {
  private readonly logger = new Logger(SessionStrategy.name);

  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly sessions: SessionService,
    private readonly cache: ActiveSessionCache,
    private readonly csrf: CsrfTokens,
    authenticator: PassportAuthenticator,
  ) {
    super();
    authenticator.use(SESSION_STRATEGY, this, 10);
  }

  async validate(request: AuthenticationRequest): Promise<Actor | null> {
    const credential = extractAccessTokenCredential(request);
    if (!credential) return null;
    const claims = await this.accessTokens.verify(credential.token);
    if (!claims) return null;
    const session = await this.activeSession(claims.sid);
    // The token must also agree with the row it names: same user, same impersonator. The end is checked here too,
    // so a session cached a moment ago is refused at its expiry to the millisecond (impersonations are short).
    if (
      !session ||
      session.userId !== claims.sub ||
      (session.impersonatorId ?? undefined) !== claims.imp ||
      session.expiresAt.getTime() <= Date.now()
    ) {
      this.logger.debug(`Access token of an inactive or mismatched session ${claims.sid} refused`);
      return null;
    }
    if (credential.source === 'cookie' && !SAFE_METHODS.has(request.method.toUpperCase())) {
      const header = first(request.headers[CSRF_HEADER]);
      if (!this.csrf.isValidFor(session.sessionId, header, requestCookie(request, CSRF_COOKIE))) {
        // A public route (sign-in, an SSO callback posted by the IdP) needs no actor: go on without the cookie
        // rather than refuse a browser that happens to hold one.
        if (request.routeIsPublic) return null;
        throw new CsrfTokenInvalidError();
      }
    }

    const actor: Actor = {
      type: 'user',
      id: claims.sub,
      // Acting as a user grants only that user's powers, never the platform administration.
      platformAdmin: session.platformAdmin && !session.impersonatorId,
      sessionId: claims.sid,
    };
    if (session.impersonatorId) {
      actor.impersonatorId = session.impersonatorId;
      request.setResponseHeader?.(IMPERSONATOR_HEADER, session.impersonatorId);
      request.setResponseHeader?.(IMPERSONATION_EXPIRES_HEADER, session.expiresAt.toISOString());
    }
    return actor;
  }

  private async activeSession(sessionId: string): Promise<ActiveSession | null> {
    const cached = this.cache.get(sessionId);
    if (cached) return cached;
    const generation = this.cache.generation;
    const found = await this.sessions.findActive(sessionId);
    if (found) this.cache.remember(sessionId, found, generation);
    return found;
  }
}
