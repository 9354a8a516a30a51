import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, type QuireEvents, type RequestContext } from '@quire/core';
import type { User } from '../entities/user.entity';
import { SessionService } from '../sessions/session.service';
import {
  toAuthTokensResponse,
  type AuthTokensResponse,
  type TwoFactorRequiredResponse,
} from './dto/auth-tokens.response';
import type { SecondFactor, SignInMethod } from './sign-in.events';
import { TwoFactorChallengeRepository } from './two-factor-challenge.repository';

/**
 * The end every sign-in method shares once its first factor is accepted: tokens, or, for an account with 2FA,
 * a challenge to answer at POST /auth/two-factor (no tokens until then). Also records the outcome as an event.
 */
@Injectable()
export class SignInCompletion {
  constructor(
    private readonly db: TenantDataSource,
    private readonly sessions: SessionService,
    private readonly challenges: TwoFactorChallengeRepository,
    private readonly events: EventBus,
  ) {}

  async afterFirstFactor(
    ctx: RequestContext,
    user: User,
    method: SignInMethod,
  ): Promise<AuthTokensResponse | TwoFactorRequiredResponse> {
    if (!user.totpEnabledAt) return this.startSession(ctx, user.id, method, null);
    const challengeToken = await this.db.transaction(ctx, async (tx) => {
      const token = await this.challenges.issue(tx, user);
      await this.events.publish(tx, 'identity.sign-in.challenged', { userId: user.id, method });
      return token;
    });
    return { twoFactorRequired: true, challengeToken };
  }

  /** Starts the session of a completed sign-in and answers its tokens. */
  async startSession(
    ctx: RequestContext,
    userId: string,
    method: SignInMethod | 'two-factor',
    secondFactor: SecondFactor | null,
  ): Promise<AuthTokensResponse> {
    const issued = await this.db.transaction(ctx, async (tx) => {
      const session = await this.sessions.start(userId, {
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        manager: tx.manager ?? undefined,
      });
      await this.events.publish(tx, 'identity.sign-in.succeeded', {
        userId,
        sessionId: session.session.id,
        method,
        secondFactor,
      });
      return session;
    });
    return toAuthTokensResponse(issued);
  }

  /** Every failed attempt, known account or not, costs the same write: the audit trail, and no timing tell. */
  async failed(ctx: RequestContext, failure: QuireEvents['identity.sign-in.failed']): Promise<void> {
    await this.events.publish(ctx, 'identity.sign-in.failed', failure);
  }
}
