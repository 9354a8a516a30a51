import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';
import { timingSafeEqual } from 'node:crypto';
import { hashToken } from '../credentials/token-hash';
import { OneTimeCode, type OneTimeCodePurpose } from '../entities/one-time-code.entity';
import { emailLookupKey } from './email';

export interface NewOneTimeCode {
  email: string;
  userId: string | null;
  purpose: OneTimeCodePurpose;
  /** The secret sent by mail; only its SHA-256 is stored. */
  secret: string;
  expiresAt: Date;
}

/** What a consumed code or token was issued for. */
export interface ConsumedCode {
  id: string;
  email: string;
  userId: string | null;
}

export type CodeCheck =
  | { outcome: 'accepted'; code: ConsumedCode }
  /** Wrong code, no live code, expired or already used: one answer, so nothing is confirmed to a guesser. */
  | { outcome: 'rejected' }
  /** The live code has used up its attempts: it is dead, a new one must be requested. */
  | { outcome: 'attempts-exhausted' };

/**
 * One-time secrets sent by mail. Two kinds:
 * - link tokens (256-bit, e.g. email verification, password reset): found by their hash, single use;
 * - short codes (6 digits, e.g. email sign-in): guessable, so only the newest live code of an address counts and
 *   every wrong try is counted before the comparison, in one atomic UPDATE, so that parallel guesses cannot
 *   exceed the attempt limit.
 */
@Injectable()
export class OneTimeCodeRepository {
  constructor(private readonly db: TenantDataSource) {}

  async insert(ctx: RequestContext, code: NewOneTimeCode): Promise<void> {
    const repository = this.db.manager(ctx).getRepository(OneTimeCode);
    await repository.insert(
      repository.create({
        email: emailLookupKey(code.email),
        userId: code.userId,
        purpose: code.purpose,
        codeHash: hashToken(code.secret),
        expiresAt: code.expiresAt,
        attempts: 0,
        consumedAt: null,
      }),
    );
  }

  /** Ends every live code of this address and purpose (a new one replaces them, or the purpose is done). */
  async invalidate(ctx: RequestContext, email: string, purpose: OneTimeCodePurpose): Promise<void> {
    await this.db.manager(ctx).query(
      `UPDATE identity_one_time_codes SET consumed_at = now()
          WHERE email = $1 AND purpose = $2 AND consumed_at IS NULL`,
      [emailLookupKey(email), purpose],
    );
  }

  /** Ends every live code and token, of every purpose, sent to this address or issued for this account (closure). */
  async invalidateAll(ctx: RequestContext, email: string, userId: string): Promise<void> {
    await this.db.manager(ctx).query(
      `UPDATE identity_one_time_codes SET consumed_at = now()
          WHERE (email = $1 OR user_id = $2) AND consumed_at IS NULL`,
      [emailLookupKey(email), userId],
    );
  }

  /** Consumes a link token: the row it names, if live and unused; marks it used in the same statement. */
  async consumeToken(ctx: RequestContext, purpose: OneTimeCodePurpose, secret: string): Promise<ConsumedCode | null> {
    const rows = (await this.db.manager(ctx).query(
      `UPDATE identity_one_time_codes SET consumed_at = now()
        WHERE code_hash = $1 AND purpose = $2 AND consumed_at IS NULL AND expires_at > now()
        RETURNING id, email, user_id`,
      [hashToken(secret), purpose],
    )) as [Array<{ id: string; email: string; user_id: string | null }>, number];
    const row = rows[0][0];
    return row ? { id: row.id, email: row.email, userId: row.user_id } : null;
  }

  /**
   * Checks a short code against the newest live code of the address. The attempt is counted first
   * (`attempts < maxAttempts` in the UPDATE), then the hash compared; a match consumes the code.
   */
  async consumeCode(
    ctx: RequestContext,
    email: string,
    purpose: OneTimeCodePurpose,
    code: string,
    maxAttempts: number,
  ): Promise<CodeCheck> {
    const manager = this.db.manager(ctx);
    const counted = (await manager.query(
      `UPDATE identity_one_time_codes SET attempts = attempts + 1
        WHERE id = (SELECT id FROM identity_one_time_codes
                     WHERE email = $1 AND purpose = $2 AND consumed_at IS NULL AND expires_at > now()
                     ORDER BY created_at DESC, id DESC LIMIT 1)
          AND attempts < $3
        RETURNING id, email, user_id, code_hash, attempts`,
      [emailLookupKey(email), purpose, maxAttempts],
    )) as [Array<{ id: string; email: string; user_id: string | null; code_hash: string; attempts: number }>, number];
    const row = counted[0][0];
    if (!row) {
      const live = (await manager.query(
        `SELECT 1 FROM identity_one_time_codes
          WHERE email = $1 AND purpose = $2 AND consumed_at IS NULL AND expires_at > now() AND attempts >= $3 LIMIT 1`,
        [emailLookupKey(email), purpose, maxAttempts],
      )) as unknown[];
      return live.length > 0 ? { outcome: 'attempts-exhausted' } : { outcome: 'rejected' };
    }
    if (!sameHash(row.code_hash, hashToken(code))) {
      return row.attempts >= maxAttempts ? { outcome: 'attempts-exhausted' } : { outcome: 'rejected' };
    }
    const consumed = (await manager.query(
      `UPDATE identity_one_time_codes SET consumed_at = now() WHERE id = $1 AND consumed_at IS NULL RETURNING id`,
      [row.id],
    )) as [unknown[], number];
    if (consumed[0].length === 0) return { outcome: 'rejected' };
    return { outcome: 'accepted', code: { id: row.id, email: row.email, userId: row.user_id } };
  }
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
