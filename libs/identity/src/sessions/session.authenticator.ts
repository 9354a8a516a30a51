import { Logger } from '@nestjs/common';
import { QuireAuthenticator, type Actor, type AuthenticationRequest, type Authenticator } from '@quire/core';
import { extractAccessToken } from './access-token.extractor';
import { AccessTokenService } from './access-token.service';
import type { ActiveSession } from './active-session';
import { ActiveSessionCache } from './active-session-cache';
import { SessionService } from './session.service';

/**
 * Authenticates `Authorization: Bearer <access JWT>` or the `quire_access` cookie.
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
 */
@QuireAuthenticator(10)
export class SessionAuthenticator implements Authenticator {
  private readonly logger = new Logger(SessionAuthenticator.name);

  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly sessions: SessionService,
    private readonly cache: ActiveSessionCache,
  ) {}

  async authenticate(request: AuthenticationRequest): Promise<Actor | null> {
    const token = extractAccessToken(request);
    if (!token) return null;
    const claims = await this.accessTokens.verify(token);
    if (!claims) return null;
    const session = await this.activeSession(claims.sid);
    // The token must also agree with the row it names: same user, same impersonator.
    if (!session || session.userId !== claims.sub || (session.impersonatorId ?? undefined) !== claims.imp) {
      this.logger.debug(`Access token of an inactive or mismatched session ${claims.sid} refused`);
      return null;
    }
    const actor: Actor = {
      type: 'user',
      id: claims.sub,
      platformAdmin: session.platformAdmin,
      sessionId: claims.sid,
    };
    if (claims.imp) actor.impersonatorId = claims.imp;
    return actor;
  }

  private async activeSession(sessionId: string): Promise<ActiveSession | null> {
    const cached = this.cache.get(sessionId);
    if (cached) return cached;
    const generation = this.cache.generation;
    const found = await this.sessions.findActive(sessionId);
    if (found) this.cache.remember(found, generation);
    return found;
  }
}
