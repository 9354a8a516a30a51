import { Injectable, Logger } from '@nestjs/common';
import {
  EventBus,
  fetchPage,
  InjectPluginOptions,
  parseListQuery,
  TenantDataSource,
  type RequestContext,
  selectFields,
} from '@quire/core';
import { emailLookupKey } from '../accounts/email';
import { User } from '../entities/user.entity';
import type { IdentityOptions } from '../identity.options';
import { SessionService } from '../sessions/session.service';
import { adminUserListSpec } from './admin-user-list';
import { toAdminUserResponse, type AdminUserListResponse, type AdminUserResponse } from './dto/admin-user.response';
import { platformAdminActor } from './platform-admin-actor';
import {
  LastPlatformAdminError,
  PlatformAdminConfiguredError,
  PlatformAdminIneligibleError,
  UserNotFoundError,
} from './platform-admin.errors';

/**
 * The installation-wide administration of accounts: listing them and appointing platform administrators. A
 * platform administrator is not a workspace role and grants nothing inside a workspace by itself.
 */
@Injectable()
export class PlatformAdminService {
  private readonly logger = new Logger(PlatformAdminService.name);
  private readonly configuredEmails: ReadonlySet<string>;

  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly sessions: SessionService,
    @InjectPluginOptions('identity') options: IdentityOptions,
  ) {
    this.configuredEmails = new Set((options.platformAdminEmails ?? []).map(emailLookupKey));
  }

  async listUsers(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<AdminUserListResponse> {
    platformAdminActor(ctx);
    const query = parseListQuery(rawQuery, adminUserListSpec);
    const builder = this.db.manager(ctx).getRepository(User).createQueryBuilder('user');
    const page = await fetchPage(builder, 'user', query, adminUserListSpec);
    const data = page.data.map(toAdminUserResponse).map((user) => selectFields(user, query.fields));
    return { data, meta: page.meta };
  }

  /** Appoints a platform administrator; already one is a no-op (no event). */
  async grant(ctx: RequestContext, userId: string): Promise<AdminUserResponse> {
    platformAdminActor(ctx);
    return this.db.transaction(ctx, async (tx) => {
      const user = await this.lockedUser(tx, userId);
      if (user.closedAt) throw new PlatformAdminIneligibleError('account-closed');
      if (!user.emailVerifiedAt) throw new PlatformAdminIneligibleError('email-not-verified');
      if (user.platformAdmin) return toAdminUserResponse(user);
      await this.setPlatformAdmin(tx, user, true);
      await this.events.publish(tx, 'identity.platform-admin.granted', { userId: user.id, via: 'api' });
      this.logger.log(`Account ${user.id} made platform administrator by ${ctx.actor.id}`);
      return toAdminUserResponse(user);
    });
  }

  /**
   * Ends a platform administrator's role (the caller's own included), unless it is the last open one or the
   * configuration lists it. Not one is a no-op. Every administrator row is locked first, in id order, so two
   * administrators revoking each other at once cannot leave none.
   */
  async revoke(ctx: RequestContext, userId: string): Promise<void> {
    platformAdminActor(ctx);
    await this.db.transaction(ctx, async (tx) => {
      const admins = (await this.db
        .manager(tx)
        .query(
          `SELECT id FROM identity_users WHERE platform_admin AND closed_at IS NULL ORDER BY id FOR UPDATE`,
        )) as Array<{ id: string }>;
      const user = await this.lockedUser(tx, userId);
      if (!user.platformAdmin) return;
      if (this.configuredEmails.has(emailLookupKey(user.email))) throw new PlatformAdminConfiguredError();
      if (!user.closedAt && admins.length <= 1) throw new LastPlatformAdminError();
      await this.setPlatformAdmin(tx, user, false);
      await this.events.publish(tx, 'identity.platform-admin.revoked', { userId: user.id });
      this.logger.log(`Account ${user.id} no longer platform administrator, by ${ctx.actor.id}`);
    });
  }

  private async lockedUser(tx: RequestContext, userId: string): Promise<User> {
    const user = await this.db
      .manager(tx)
      .getRepository(User)
      .createQueryBuilder('user')
      .setLock('pessimistic_write')
      .where('user.id = :userId', { userId })
      .getOne();
    if (!user) throw new UserNotFoundError(userId);
    return user;
  }

  /** The change applies to the user's live sessions at once: every instance forgets what it cached of them. */
  private async setPlatformAdmin(tx: RequestContext, user: User, platformAdmin: boolean): Promise<void> {
    await this.db.manager(tx).getRepository(User).update({ id: user.id }, { platformAdmin });
    await this.sessions.forgetCachedSessionsOf(user.id, { manager: this.db.manager(tx) });
    user.platformAdmin = platformAdmin;
  }
}
