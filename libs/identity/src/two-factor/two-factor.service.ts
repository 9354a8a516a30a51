import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, type RequestContext } from '@quire/core';
import { toDataURL } from 'qrcode';
import { PasswordNotSetError, WrongPasswordError } from '../accounts/account.errors';
import { assertNotImpersonating, sessionActor } from '../auth/session-actor';
import { PasswordHasher } from '../credentials/password-hasher';
import { generateRecoveryCodes } from '../credentials/recovery-codes';
import { TotpService } from '../credentials/totp.service';
import { User } from '../entities/user.entity';
import { SessionService } from '../sessions/session.service';
import type { DisableTwoFactorDto, TwoFactorCodeDto } from './dto/two-factor.dto';
import type { RecoveryCodesResponse, TwoFactorSetupResponse, TwoFactorStatusResponse } from './dto/two-factor.response';
import { RecoveryCodeRepository } from './recovery-code.repository';
import { TotpFactor } from './totp-factor';
import {
  TwoFactorAlreadyEnabledError,
  TwoFactorNotEnabledError,
  TwoFactorNotSetUpError,
  WrongTwoFactorCodeError,
} from './two-factor.errors';
import type { TwoFactorConfirmation } from './two-factor.events';
import { TwoFactorNoticeMailer } from './two-factor-notice.mailer';

const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Quire';

/**
 * The signed-in user's TOTP two-factor authentication: set up (pending secret), confirm (on, recovery codes,
 * other sessions signed out), replace recovery codes, turn off. Every change runs in one transaction with the
 * account row locked, so two concurrent changes cannot interleave, and refuses impersonation sessions.
 */
@Injectable()
export class TwoFactorService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly totp: TotpService,
    private readonly totpFactor: TotpFactor,
    private readonly recoveryCodes: RecoveryCodeRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly notices: TwoFactorNoticeMailer,
    private readonly events: EventBus,
  ) {}

  async status(ctx: RequestContext): Promise<TwoFactorStatusResponse> {
    const { userId } = sessionActor(ctx);
    const user = await this.db.manager(ctx).getRepository(User).findOneByOrFail({ id: userId });
    return {
      enabled: user.totpEnabledAt !== null,
      enabledAt: user.totpEnabledAt?.toISOString() ?? null,
      recoveryCodesRemaining: user.totpEnabledAt ? await this.recoveryCodes.countUnused(ctx, userId) : 0,
    };
  }

  /** A new secret, pending until confirmed; a second setup before confirming replaces the first. */
  async setup(ctx: RequestContext): Promise<TwoFactorSetupResponse> {
    assertNotImpersonating(ctx, 'set up two-factor authentication');
    const { userId } = sessionActor(ctx);
    const secret = this.totp.generateSecret();
    const email = await this.db.transaction(ctx, async (tx) => {
      const user = await this.lockUser(tx, userId);
      if (user.totpEnabledAt) throw new TwoFactorAlreadyEnabledError();
      await this.users(tx).update(
        { id: userId },
        { totpSecret: this.totpFactor.seal(userId, secret), totpLastUsedStep: null },
      );
      await this.events.publish(tx, 'identity.two-factor.setup-started', { userId });
      return user.email;
    });
    const otpauthUri = this.totp.provisioningUri({ secret, accountName: email, issuer: ISSUER });
    return { secret, otpauthUri, qrCodeDataUrl: await toDataURL(otpauthUri, { errorCorrectionLevel: 'M' }) };
  }

  /** The first code from the app proves it holds the secret: 2FA goes on, with fresh recovery codes. */
  async confirm(ctx: RequestContext, dto: TwoFactorCodeDto): Promise<RecoveryCodesResponse> {
    assertNotImpersonating(ctx, 'turn on two-factor authentication');
    const { userId, sessionId } = sessionActor(ctx);
    return this.db.transaction(ctx, async (tx) => {
      const user = await this.lockUser(tx, userId);
      if (user.totpEnabledAt) throw new TwoFactorAlreadyEnabledError();
      if (!user.totpSecret) throw new TwoFactorNotSetUpError();
      if (!(await this.totpFactor.verifyAndSpend(tx, user, dto.code))) throw new WrongTwoFactorCodeError('code');

      await this.users(tx).update({ id: userId }, { totpEnabledAt: new Date() });
      const recoveryCodes = generateRecoveryCodes(RECOVERY_CODE_COUNT);
      await this.recoveryCodes.replace(tx, userId, recoveryCodes);
      const revoked = await this.revokeOtherSessions(tx, userId, sessionId);
      await this.notices.send(tx, user, 'twoFactorEnabled', {});
      await this.events.publish(tx, 'identity.two-factor.enabled', {
        userId,
        recoveryCodes: recoveryCodes.length,
        revokedSessions: revoked.length,
        changes: { twoFactorEnabled: { before: false, after: true } },
      });
      return { recoveryCodes };
    });
  }

  /** Replaces every recovery code (used or not); needs a current authenticator code. */
  async regenerateRecoveryCodes(ctx: RequestContext, dto: TwoFactorCodeDto): Promise<RecoveryCodesResponse> {
    assertNotImpersonating(ctx, 'replace the recovery codes');
    const { userId } = sessionActor(ctx);
    return this.db.transaction(ctx, async (tx) => {
      const user = await this.lockUser(tx, userId);
      if (!user.totpEnabledAt) throw new TwoFactorNotEnabledError();
      if (!(await this.totpFactor.verifyAndSpend(tx, user, dto.code))) throw new WrongTwoFactorCodeError('code');

      const recoveryCodes = generateRecoveryCodes(RECOVERY_CODE_COUNT);
      await this.recoveryCodes.replace(tx, userId, recoveryCodes);
      await this.notices.send(tx, user, 'recoveryCodesRegenerated', {});
      await this.events.publish(tx, 'identity.recovery-codes.regenerated', { userId, count: recoveryCodes.length });
      return { recoveryCodes };
    });
  }

  /** Turns 2FA off: the secret and recovery codes are deleted and every other session is signed out. */
  async disable(ctx: RequestContext, dto: DisableTwoFactorDto): Promise<void> {
    assertNotImpersonating(ctx, 'turn off two-factor authentication');
    const { userId, sessionId } = sessionActor(ctx);
    await this.db.transaction(ctx, async (tx) => {
      const user = await this.lockUser(tx, userId);
      if (!user.totpEnabledAt) throw new TwoFactorNotEnabledError();
      const confirmedWith = await this.checkProof(tx, user, dto);

      await this.users(tx).update({ id: userId }, { totpSecret: null, totpEnabledAt: null, totpLastUsedStep: null });
      await this.recoveryCodes.deleteAll(tx, userId);
      const revoked = await this.revokeOtherSessions(tx, userId, sessionId);
      await this.notices.send(tx, user, 'twoFactorDisabled', {});
      await this.events.publish(tx, 'identity.two-factor.disabled', {
        userId,
        confirmedWith,
        revokedSessions: revoked.length,
        changes: { twoFactorEnabled: { before: true, after: false } },
      });
    });
  }

  private async checkProof(tx: RequestContext, user: User, dto: DisableTwoFactorDto): Promise<TwoFactorConfirmation> {
    if (dto.code !== undefined) {
      if (!(await this.totpFactor.verifyAndSpend(tx, user, dto.code))) throw new WrongTwoFactorCodeError('code');
      return 'code';
    }
    if (dto.recoveryCode !== undefined) {
      if (!(await this.recoveryCodes.spend(tx, user.id, dto.recoveryCode))) {
        throw new WrongTwoFactorCodeError('recoveryCode');
      }
      return 'recovery-code';
    }
    if (!user.passwordHash) throw new PasswordNotSetError();
    if (!(await this.hasher.verify(user.passwordHash, dto.password ?? ''))) throw new WrongPasswordError('password');
    return 'password';
  }

  private revokeOtherSessions(tx: RequestContext, userId: string, currentSessionId: string | undefined) {
    return this.sessions.revokeAllForUser(userId, 'two-factor-changed', {
      manager: tx.manager ?? undefined,
      except: currentSessionId,
    });
  }

  /** The account row, locked until the transaction ends. The kernel only lets open accounts' sessions through. */
  private lockUser(tx: RequestContext, userId: string): Promise<User> {
    return this.users(tx).findOneOrFail({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
  }

  private users(ctx: RequestContext) {
    return this.db.manager(ctx).getRepository(User);
  }
}
