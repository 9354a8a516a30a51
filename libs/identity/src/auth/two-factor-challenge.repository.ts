import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';
import { emailLookupKey } from '../accounts/email';
import { OneTimeCodeRepository } from '../accounts/one-time-code.repository';
import { hashToken, randomToken } from '../credentials/token-hash';

const PURPOSE = 'two-factor-challenge';
/** Long enough to open the authenticator app and type a code; short enough that a leaked token is soon useless. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** Wrong second-factor codes one challenge survives; then it is dead and the first step must be done again. */
export const CHALLENGE_MAX_ATTEMPTS = 5;
/** Our tokens are 43 characters; anything much longer is not worth hashing. */
const MAX_TOKEN_LENGTH = 256;

export interface LiveChallenge {
  id: string;
  userId: string;
  attempts: number;
}

/**
 * The second step of a sign-in with 2FA (ADR 0011): a 256-bit random token handed to the client after the first
 * step, stored only as its SHA-256 in `identity_one_time_codes` (purpose `two-factor-challenge`), bound to the
 * user, single use, 5 minutes, and killed after 5 wrong codes.
 */
@Injectable()
export class TwoFactorChallengeRepository {
  constructor(
    private readonly db: TenantDataSource,
    private readonly codes: OneTimeCodeRepository,
  ) {}

  /** Issues a challenge for the user and returns its token (shown to the client once). */
  async issue(ctx: RequestContext, user: { id: string; email: string }): Promise<string> {
    const token = randomToken();
    await this.codes.insert(ctx, {
      email: emailLookupKey(user.email),
      userId: user.id,
      purpose: PURPOSE,
      secret: token,
      expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS),
    });
    return token;
  }

  /**
   * The live challenge the token names, locked until the transaction ends (`FOR UPDATE`): two requests with one
   * token are serialised, so its attempts are counted exactly and it is consumed once.
   */
  async lockLive(ctx: RequestContext, token: string): Promise<LiveChallenge | null> {
    if (!token || token.length > MAX_TOKEN_LENGTH) return null;
    const rows = (await this.db.manager(ctx).query(
      `SELECT id, user_id, attempts FROM identity_one_time_codes
        WHERE code_hash = $1 AND purpose = $2 AND consumed_at IS NULL AND expires_at > now()
          AND user_id IS NOT NULL AND attempts < $3
        FOR UPDATE`,
      [hashToken(token), PURPOSE, CHALLENGE_MAX_ATTEMPTS],
    )) as Array<{ id: string; user_id: string; attempts: number }>;
    const row = rows[0];
    return row ? { id: row.id, userId: row.user_id, attempts: row.attempts } : null;
  }

  /** Counts a wrong code; the last allowed one ends the challenge. Returns the attempts left. */
  async recordFailure(ctx: RequestContext, id: string): Promise<number> {
    const rows = (await this.db.manager(ctx).query(
      `UPDATE identity_one_time_codes
          SET attempts = attempts + 1,
              consumed_at = CASE WHEN attempts + 1 >= $2 THEN now() ELSE consumed_at END
        WHERE id = $1
        RETURNING attempts`,
      [id, CHALLENGE_MAX_ATTEMPTS],
    )) as [Array<{ attempts: number }>, number];
    const attempts = rows[0][0]?.attempts ?? CHALLENGE_MAX_ATTEMPTS;
    return Math.max(0, CHALLENGE_MAX_ATTEMPTS - attempts);
  }

  /** Ends the challenge: it was answered, or its account can no longer use it. */
  async consume(ctx: RequestContext, id: string): Promise<void> {
    await this.db
      .manager(ctx)
      .query(`UPDATE identity_one_time_codes SET consumed_at = now() WHERE id = $1 AND consumed_at IS NULL`, [id]);
  }
}
