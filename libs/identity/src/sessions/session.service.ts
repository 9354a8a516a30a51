import { Injectable, Logger } from '@nestjs/common';
import { InjectPluginOptions, uuidv7 } from '@quire/core';
import { DataSource, IsNull, MoreThan, type EntityManager } from 'typeorm';
import { hashToken, randomToken } from '../credentials/token-hash';
import { Session, type SessionRevocationReason } from '../entities/session.entity';
import type { IdentityOptions } from '../identity.options';
import { AccessTokenService } from './access-token.service';
import { SESSION_REVOKED_CHANNEL, type ActiveSession } from './active-session';
import { ActiveSessionCache } from './active-session-cache';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Refresh tokens we issue are 43 characters; anything much longer is not worth hashing. */
const MAX_REFRESH_TOKEN_LENGTH = 256;
/** Client-supplied strings stored per session are clipped: a 1 MB User-Agent must not land in the table. */
const MAX_CLIENT_TEXT = 512;

/** Where a session is used from; recorded at sign-in and at every refresh. */
export interface SessionClient {
  ip: string | null;
  userAgent: string | null;
}

export interface StartSessionOptions extends SessionClient {
  /** The platform administrator starting an impersonation session as this user. */
  impersonatorId?: string | null;
  /**
   * A fixed end (impersonation): the session is refused from then on and refreshing never extends it. Without
   * it, the session slides: each refresh grants a full refresh-token lifetime.
   */
  expiresAt?: Date;
  /** Insert within the caller's transaction (e.g. with the event that records the start). */
  manager?: EntityManager;
}

export interface IssuedSession {
  session: Session;
  accessToken: string;
  accessTokenExpiresAt: Date;
  /** Shown to the client once; only its SHA-256 is stored. */
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/**
 * `rotated`: new tokens. `reused`: a rotated token came back, every session of its family is now revoked (answer
 * RefreshTokenReusedError). `invalid`: unknown, expired or revoked (answer RefreshTokenInvalidError). Results,
 * not exceptions: the family revocation must commit, which a throw inside the transaction would undo.
 */
export type RefreshResult =
  | ({ outcome: 'rotated' } & IssuedSession)
  | { outcome: 'reused'; familyId: string; revokedSessionIds: string[] }
  | { outcome: 'invalid' };

export interface RevokeOptions {
  /** Run inside the caller's transaction (e.g. a password change); the NOTIFY is then sent at its commit. */
  manager?: EntityManager;
}

const INVALID = { outcome: 'invalid' } as const;

/** Where a session works: the ids its user last switched to (PUT /me/active-workspace), or null. */
export interface ActiveWorkspaceIds {
  workspaceId: string | null;
  teamId: string | null;
}

/**
 * Sessions of signed-in users (installation-wide, not tenant-owned). A session is one sign-in on one device: a
 * short-lived access token (JWT) for requests and a refresh token that rotates on every use. Every revocation
 * sends `NOTIFY quire_session_revoked, '<id>'` in its own transaction, so that every API instance drops the
 * session from its cache when (and only when) the revocation is visible.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly accessTokens: AccessTokenService,
    private readonly cache: ActiveSessionCache,
    @InjectPluginOptions('identity') private readonly options: IdentityOptions,
  ) {}

  /** Signs a user in on a device: a new session in a new refresh-token family. */
  async start(userId: string, options: StartSessionOptions): Promise<IssuedSession> {
    const now = new Date();
    const refreshToken = randomToken();
    const repository = (options.manager ?? this.dataSource.manager).getRepository(Session);
    const session = repository.create({
      id: uuidv7(),
      userId,
      familyId: uuidv7(),
      refreshTokenHash: hashToken(refreshToken),
      ip: clip(options.ip),
      userAgent: clip(options.userAgent),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: options.expiresAt ?? this.refreshExpiry(now),
      revokedAt: null,
      revokedReason: null,
      activeWorkspaceId: null,
      activeTeamId: null,
      impersonatorId: options.impersonatorId ?? null,
    });
    await repository.insert(session);
    return this.issue(session, refreshToken, now);
  }

  /**
   * Exchanges a refresh token for new tokens, rotating it. In one transaction, the session row locked
   * (`FOR UPDATE`), so two concurrent uses of one token cannot both rotate: the second waits, then finds the
   * token rotated, which is reuse. No token at all is `invalid`.
   */
  async refresh(refreshToken: string | undefined, client: SessionClient): Promise<RefreshResult> {
    if (!refreshToken || refreshToken.length > MAX_REFRESH_TOKEN_LENGTH) return INVALID;
    const tokenHash = hashToken(refreshToken);
    const now = new Date();
    const next = randomToken();

    type Locked = Exclude<RefreshResult, { outcome: 'rotated' }> | { outcome: 'live'; session: Session };
    const result = await this.dataSource.transaction(async (db): Promise<Locked> => {
      const [current] = (await db.query(
        `SELECT s.id, s.impersonator_id, (s.revoked_at IS NULL AND s.expires_at > now() AND u.closed_at IS NULL) AS live
           FROM identity_sessions s JOIN identity_users u ON u.id = s.user_id
          WHERE s.refresh_token_hash = $1
          FOR UPDATE OF s`,
        [tokenHash],
      )) as Array<{ id: string; impersonator_id: string | null; live: boolean }>;
      if (current) {
        if (!current.live) return INVALID;
        await db.query(`INSERT INTO identity_rotated_refresh_tokens (token_hash, session_id) VALUES ($1, $2)`, [
          tokenHash,
          current.id,
        ]);
        // An impersonation keeps the end it was started with: refreshing rotates its tokens, never extends it.
        const expiresAt = current.impersonator_id ? null : this.refreshExpiry(now);
        await db.query(
          `UPDATE identity_sessions
              SET refresh_token_hash = $2, last_seen_at = $3, expires_at = coalesce($4, expires_at), ip = $5,
                  user_agent = $6
            WHERE id = $1`,
          [current.id, hashToken(next), now, expiresAt, clip(client.ip), clip(client.userAgent)],
        );
        return { outcome: 'live', session: await db.getRepository(Session).findOneByOrFail({ id: current.id }) };
      }

      const [rotated] = (await db.query(
        `SELECT s.family_id FROM identity_rotated_refresh_tokens r JOIN identity_sessions s ON s.id = r.session_id
          WHERE r.token_hash = $1`,
        [tokenHash],
      )) as Array<{ family_id: string }>;
      if (!rotated) return INVALID;
      const revokedSessionIds = await this.revokeWhere(db, 'family_id = $1', [rotated.family_id], 'refresh-reuse');
      return { outcome: 'reused', familyId: rotated.family_id, revokedSessionIds };
    });

    switch (result.outcome) {
      case 'live':
        return { outcome: 'rotated', ...(await this.issue(result.session, next, now)) };
      case 'reused':
        this.evictLocally(result.revokedSessionIds);
        this.logger.warn(
          `Refresh token reuse in family ${result.familyId}: revoked ${result.revokedSessionIds.length} session(s)`,
        );
        return result;
      case 'invalid':
        return result;
    }
  }

  /** Ends one session; its access tokens are refused from now on. False when it was not active. */
  async revoke(sessionId: string, reason: SessionRevocationReason, options: RevokeOptions = {}): Promise<boolean> {
    if (!UUID.test(sessionId)) return false;
    const revoked = await this.revokeWhere(options.manager ?? this.dataSource.manager, 'id = $1', [sessionId], reason);
    this.evictLocally(revoked);
    return revoked.length > 0;
  }

  /** Ends every session of a user (password or 2FA change, account closure), optionally but the current one. */
  async revokeAllForUser(
    userId: string,
    reason: SessionRevocationReason,
    options: RevokeOptions & { except?: string } = {},
  ): Promise<string[]> {
    const db = options.manager ?? this.dataSource.manager;
    const revoked = options.except
      ? await this.revokeWhere(db, 'user_id = $1 AND id <> $2', [userId, options.except], reason)
      : await this.revokeWhere(db, 'user_id = $1', [userId], reason);
    this.evictLocally(revoked);
    return revoked;
  }

  /** The user's live sessions (for "where am I signed in"), most recently used first. */
  listForUser(userId: string): Promise<Session[]> {
    return this.dataSource.getRepository(Session).find({
      where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { lastSeenAt: 'DESC' },
    });
  }

  async isActive(sessionId: string): Promise<boolean> {
    return (await this.findActive(sessionId)) !== null;
  }

  /** The session if it is live: not revoked, not expired, and its account not closed. One indexed lookup. */
  async findActive(sessionId: string): Promise<ActiveSession | null> {
    if (!UUID.test(sessionId)) return null;
    const [row] = (await this.dataSource.query(
      `SELECT s.user_id, s.impersonator_id, s.expires_at, u.platform_admin
         FROM identity_sessions s JOIN identity_users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.closed_at IS NULL`,
      [sessionId],
    )) as Array<{ user_id: string; impersonator_id: string | null; expires_at: Date; platform_admin: boolean }>;
    return row
      ? {
          sessionId,
          userId: row.user_id,
          impersonatorId: row.impersonator_id,
          platformAdmin: row.platform_admin,
          expiresAt: row.expires_at,
        }
      : null;
  }

  /** The workspace and team a session works in, as stored: whoever shows them re-checks the membership. */
  async activeWorkspaceOf(sessionId: string, userId: string): Promise<ActiveWorkspaceIds> {
    if (!UUID.test(sessionId)) return { workspaceId: null, teamId: null };
    const [row] = (await this.dataSource.query(
      `SELECT active_workspace_id, active_team_id FROM identity_sessions WHERE id = $1 AND user_id = $2`,
      [sessionId, userId],
    )) as Array<{ active_workspace_id: string | null; active_team_id: string | null }>;
    return { workspaceId: row?.active_workspace_id ?? null, teamId: row?.active_team_id ?? null };
  }

  /** Sets (or clears) the active workspace and team of one live session; the user's other sessions keep theirs. */
  async setActiveWorkspace(sessionId: string, userId: string, active: ActiveWorkspaceIds): Promise<boolean> {
    if (!UUID.test(sessionId)) return false;
    const [, updated] = (await this.dataSource.query(
      `UPDATE identity_sessions SET active_workspace_id = $3, active_team_id = $4
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [sessionId, userId, active.workspaceId, active.teamId],
    )) as [unknown, number];
    return updated > 0;
  }

  /**
   * Makes every instance forget what it cached about the user's live sessions, without ending them: after a
   * change the authenticator reads per request (platform administrator granted or revoked). Inside the caller's
   * transaction, so the notices go out when (and only if) the change commits.
   */
  async forgetCachedSessionsOf(userId: string, options: RevokeOptions = {}): Promise<void> {
    const rows = (await (options.manager ?? this.dataSource.manager).query(
      `SELECT id, pg_notify('${SESSION_REVOKED_CHANNEL}', id::text) FROM identity_sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [userId],
    )) as Array<{ id: string }>;
    this.evictLocally(rows.map((row) => row.id));
  }

  /**
   * Revokes the live sessions matching `condition` (a fixed SQL fragment of ours, values as parameters) and
   * announces each on the revocation channel, in one statement, hence one transaction: the NOTIFY is delivered
   * exactly when the revocation commits, and never for a revocation that rolls back.
   */
  private async revokeWhere(
    db: EntityManager,
    condition: string,
    parameters: unknown[],
    reason: SessionRevocationReason,
  ): Promise<string[]> {
    const reasonParameter = `$${parameters.length + 1}`;
    const rows = (await db.query(
      `WITH revoked AS (
         UPDATE identity_sessions SET revoked_at = now(), revoked_reason = ${reasonParameter}
          WHERE revoked_at IS NULL AND ${condition}
          RETURNING id
       )
       SELECT id, pg_notify('${SESSION_REVOKED_CHANNEL}', id::text) FROM revoked`,
      [...parameters, reason],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** This instance need not wait for its own notice; other instances get it through LISTEN. */
  private evictLocally(sessionIds: string[]): void {
    for (const id of sessionIds) this.cache.evict(id);
  }

  private async issue(session: Session, refreshToken: string, now: Date): Promise<IssuedSession> {
    const access = await this.accessTokens.sign(
      { userId: session.userId, sessionId: session.id, impersonatorId: session.impersonatorId },
      now,
      session.expiresAt,
    );
    return {
      session,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt: session.expiresAt,
    };
  }

  /** Sliding: each rotation grants a full refresh lifetime, so an active device stays signed in. */
  private refreshExpiry(now: Date): Date {
    return new Date(now.getTime() + this.options.refreshTokenTtlDays * 86_400_000);
  }
}

function clip(value: string | null | undefined): string | null {
  return value ? value.slice(0, MAX_CLIENT_TEXT) : null;
}
