import { Injectable } from '@nestjs/common';
import { SecretCipher, TenantDataSource, type RequestContext } from '@quire/core';
import { TotpService } from '../credentials/totp.service';
import type { User } from '../entities/user.entity';

/** What a TOTP check needs of the account row. */
export type TotpAccount = Pick<User, 'id' | 'totpSecret' | 'totpLastUsedStep'>;

/**
 * The user's TOTP secret, sealed at rest with SecretCipher and bound to the account (associated data), and the
 * check of a code that also spends its time step: the same step is never accepted twice, even by two requests
 * racing, because the step is recorded by a conditional UPDATE that only one of them can win.
 */
@Injectable()
export class TotpFactor {
  constructor(
    private readonly db: TenantDataSource,
    private readonly cipher: SecretCipher,
    private readonly totp: TotpService,
  ) {}

  seal(userId: string, secret: string): string {
    return this.cipher.encrypt(secret, associatedData(userId));
  }

  /** True when `code` is valid now (±1 step), newer than the last used step, and its step is now spent. */
  async verifyAndSpend(ctx: RequestContext, account: TotpAccount, code: string): Promise<boolean> {
    if (!account.totpSecret) return false;
    const secret = this.cipher.decrypt(account.totpSecret, associatedData(account.id));
    const lastUsedStep = account.totpLastUsedStep === null ? undefined : Number(account.totpLastUsedStep);
    const step = await this.totp.verify(secret, code, { lastUsedStep });
    if (step === null) return false;
    const spent = (await this.db.manager(ctx).query(
      `UPDATE identity_users SET totp_last_used_step = $2
        WHERE id = $1 AND (totp_last_used_step IS NULL OR totp_last_used_step < $2)
        RETURNING id`,
      [account.id, step],
    )) as [unknown[], number];
    return spent[0].length > 0;
  }
}

/** A sealed secret copied onto another account's row does not decrypt there. */
function associatedData(userId: string): string {
  return `identity.totp:${userId}`;
}
