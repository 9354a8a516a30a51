import { Injectable, Logger } from '@nestjs/common';
import { EventBus, TenantDataSource, type RequestContext } from '@quire/core';
import { UserRepository } from '../accounts/user.repository';
import { assertNotImpersonating } from '../auth/session-actor';
import { toAuthTokensResponse } from '../auth/dto/auth-tokens.response';
import { platformAdminActor } from '../platform-admin/platform-admin-actor';
import { UserNotFoundError } from '../platform-admin/platform-admin.errors';
import { SessionService } from '../sessions/session.service';
import type { ImpersonationStartedResponse } from './dto/impersonation.response';
import { IMPERSONATION_DEFAULT_MINUTES, type StartImpersonationDto } from './dto/start-impersonation.dto';
import { ImpersonationNotAllowedError, NotImpersonatingError } from './impersonation.errors';

/**
 * A platform administrator acting as a user, for support: an explicit start with a reason, a session of its own
 * (`impersonator_id` set) that ends at a fixed time, and both identities on everything it does (the actor carries
 * `impersonatorId`, so every event's envelope and the `Quire-Impersonator` response header name the administrator).
 * What it may not do is guarded where it happens: credential changes call assertNotImpersonating.
 */
@Injectable()
export class ImpersonationService {
  private readonly logger = new Logger(ImpersonationService.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly events: EventBus,
  ) {}

  async start(ctx: RequestContext, dto: StartImpersonationDto): Promise<ImpersonationStartedResponse> {
    assertNotImpersonating(ctx, 'start another impersonation');
    const admin = platformAdminActor(ctx);
    if (dto.userId === admin.userId) throw new ImpersonationNotAllowedError('self');
    const user = await this.users.findById(ctx, dto.userId);
    if (!user) throw new UserNotFoundError(dto.userId);
    if (user.closedAt) throw new ImpersonationNotAllowedError('account-closed');
    if (user.platformAdmin) throw new ImpersonationNotAllowedError('platform-admin');

    const minutes = dto.minutes ?? IMPERSONATION_DEFAULT_MINUTES;
    const expiresAt = new Date(Date.now() + minutes * 60_000);
    const issued = await this.db.transaction(ctx, async (tx) => {
      const started = await this.sessions.start(user.id, {
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        impersonatorId: admin.userId,
        expiresAt,
        manager: this.db.manager(tx),
      });
      await this.events.publish(tx, 'identity.impersonation.started', {
        impersonatorId: admin.userId,
        userId: user.id,
        sessionId: started.session.id,
        reason: dto.reason,
        expiresAt: expiresAt.toISOString(),
      });
      return started;
    });
    this.logger.log(`Platform administrator ${admin.userId} impersonates ${user.id} until ${expiresAt.toISOString()}`);
    return {
      ...toAuthTokensResponse(issued),
      userId: user.id,
      impersonatorId: admin.userId,
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** Ends the impersonation session of this request: its tokens are refused at once, on every instance. */
  async end(ctx: RequestContext, via: 'end' | 'sign-out'): Promise<void> {
    const { actor } = ctx;
    if (actor.type !== 'user' || !actor.id || !actor.sessionId || !actor.impersonatorId) {
      throw new NotImpersonatingError();
    }
    const { id: userId, sessionId, impersonatorId } = actor;
    await this.db.transaction(ctx, async (tx) => {
      const ended = await this.sessions.revoke(sessionId, 'impersonation-ended', { manager: this.db.manager(tx) });
      if (ended)
        await this.events.publish(tx, 'identity.impersonation.ended', { impersonatorId, userId, sessionId, via });
    });
    this.logger.log(`Platform administrator ${impersonatorId} stopped impersonating ${userId}`);
  }
}
