import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, type RequestContext } from '@quire/core';
import { User } from '../entities/user.entity';
import { RecoveryCodeRepository } from '../two-factor/recovery-code.repository';
import { TotpFactor } from '../two-factor/totp-factor';
import { TwoFactorNoticeMailer } from '../two-factor/two-factor-notice.mailer';
import type { AuthTokensResponse } from './dto/auth-tokens.response';
import type { TwoFactorSignInDto } from './dto/two-factor-sign-in.dto';
import { ChallengeInvalidError, TwoFactorCodeInvalidError } from './sign-in.errors';
import type { SecondFactor } from './sign-in.events';
import { SignInCompletion } from './sign-in-completion';
import { TwoFactorChallengeRepository } from './two-factor-challenge.repository';

/**
 * What the challenge check decided, committed before anything is thrown: a counted wrong code must stay
 * counted, which an exception inside the transaction would roll back.
 */
type ChallengeOutcome =
  | { outcome: 'accepted'; userId: string; secondFactor: SecondFactor }
  | { outcome: 'challenge-invalid' }
  | { outcome: 'wrong-code'; userId: string; attemptsRemaining: number };

/** The second step of a sign-in with 2FA: the challenge token and an authenticator or recovery code → tokens. */
@Injectable()
export class TwoFactorSignInService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly challenges: TwoFactorChallengeRepository,
    private readonly totp: TotpFactor,
    private readonly recoveryCodes: RecoveryCodeRepository,
    private readonly notices: TwoFactorNoticeMailer,
    private readonly completion: SignInCompletion,
    private readonly events: EventBus,
  ) {}

  async answer(ctx: RequestContext, dto: TwoFactorSignInDto): Promise<AuthTokensResponse> {
    const result = await this.db.transaction(ctx, (tx) => this.check(tx, dto));
    switch (result.outcome) {
      case 'challenge-invalid':
        throw new ChallengeInvalidError();
      case 'wrong-code':
        await this.completion.failed(ctx, {
          userId: result.userId,
          method: 'two-factor',
          reason: 'two-factor-code-invalid',
        });
        throw new TwoFactorCodeInvalidError(result.attemptsRemaining);
      case 'accepted':
        return this.completion.startSession(ctx, result.userId, 'two-factor', result.secondFactor);
    }
  }

  private async check(tx: RequestContext, dto: TwoFactorSignInDto): Promise<ChallengeOutcome> {
    const challenge = await this.challenges.lockLive(tx, dto.challengeToken);
    if (!challenge) return { outcome: 'challenge-invalid' };
    const user = await this.db
      .manager(tx)
      .getRepository(User)
      .findOne({ where: { id: challenge.userId }, lock: { mode: 'pessimistic_write' } });
    // Closed, or 2FA turned off since the first step: the challenge no longer means anything.
    if (!user || user.closedAt || !user.totpEnabledAt || !user.totpSecret) {
      await this.challenges.consume(tx, challenge.id);
      return { outcome: 'challenge-invalid' };
    }

    const secondFactor: SecondFactor = dto.code !== undefined ? 'totp' : 'recovery-code';
    const passed =
      secondFactor === 'totp'
        ? await this.totp.verifyAndSpend(tx, user, dto.code ?? '')
        : await this.recoveryCodes.spend(tx, user.id, dto.recoveryCode ?? '');
    if (!passed) {
      const attemptsRemaining = await this.challenges.recordFailure(tx, challenge.id);
      return { outcome: 'wrong-code', userId: user.id, attemptsRemaining };
    }

    await this.challenges.consume(tx, challenge.id);
    if (secondFactor === 'recovery-code') {
      const remaining = await this.recoveryCodes.countUnused(tx, user.id);
      await this.events.publish(tx, 'identity.recovery-code.used', { userId: user.id, remaining });
      await this.notices.send(tx, user, 'recoveryCodeUsed', { remaining });
    }
    return { outcome: 'accepted', userId: user.id, secondFactor };
  }
}
