import { Injectable } from '@nestjs/common';
import { TenantDataSource, uuidv7, type RequestContext } from '@quire/core';
import { hashRecoveryCode, normaliseRecoveryCode } from '../credentials/recovery-codes';
import { RecoveryCode } from '../entities/recovery-code.entity';

/** Generated codes are 10 symbols of Crockford's base32 once normalised; anything else cannot match. */
const CANONICAL = /^[0-9a-hjkmnp-tv-z]{10}$/;

/** A user's 2FA recovery codes: only their hashes are stored; each one works once. */
@Injectable()
export class RecoveryCodeRepository {
  constructor(private readonly db: TenantDataSource) {}

  /** Replaces every code of the user (used or not) by `codes`. */
  async replace(ctx: RequestContext, userId: string, codes: string[]): Promise<void> {
    const repository = this.db.manager(ctx).getRepository(RecoveryCode);
    await repository.delete({ userId });
    await repository.insert(
      codes.map((code) => repository.create({ id: uuidv7(), userId, codeHash: hashRecoveryCode(code), usedAt: null })),
    );
  }

  async deleteAll(ctx: RequestContext, userId: string): Promise<void> {
    await this.db.manager(ctx).getRepository(RecoveryCode).delete({ userId });
  }

  /** Spends the code if it is one of the user's unused codes; one statement, so it is spent at most once. */
  async spend(ctx: RequestContext, userId: string, input: string): Promise<boolean> {
    if (typeof input !== 'string' || !CANONICAL.test(normaliseRecoveryCode(input))) return false;
    const spent = (await this.db.manager(ctx).query(
      `UPDATE identity_recovery_codes SET used_at = now()
        WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL
        RETURNING id`,
      [userId, hashRecoveryCode(input)],
    )) as [unknown[], number];
    return spent[0].length > 0;
  }

  async countUnused(ctx: RequestContext, userId: string): Promise<number> {
    const [row] = (await this.db
      .manager(ctx)
      .query(`SELECT count(*)::int AS count FROM identity_recovery_codes WHERE user_id = $1 AND used_at IS NULL`, [
        userId,
      ])) as Array<{ count: number }>;
    return row.count;
  }
}
