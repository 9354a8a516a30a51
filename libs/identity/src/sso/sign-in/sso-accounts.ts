import { ApiKeyService } from '../../api-keys/api-key.service';
import { Injectable, Logger } from '@nestjs/common';
import { EventBus, TenantDataSource, type RequestContext } from '@quire/core';
import { UserRepository } from '../../accounts/user.repository';
import { newUser } from '../../accounts/new-user';
import { User } from '../../entities/user.entity';
import { SessionService } from '../../sessions/session.service';
import { SsoAccountClosedError } from '../sso.errors';
import '../sso.events';
import type { SsoIdentity } from './sso-identity';

const MAX_DISPLAY_NAME = 100;

export interface ResolvedAccount {
  user: User;
  created: boolean;
}

/**
 * The account of an address an identity provider vouched for (and whose domain the workspace verified): the
 * existing one, found without regard to case, or a new one without a password, its email verified.
 */
@Injectable()
export class SsoAccounts {
  private readonly logger = new Logger(SsoAccounts.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly events: EventBus,
    private readonly apiKeys: ApiKeyService,
  ) {}

  async resolve(ctx: RequestContext, identity: SsoIdentity, connectionId: string): Promise<ResolvedAccount> {
    const existing = await this.users.findByEmail(ctx, identity.email);
    if (existing) return { user: await this.existing(ctx, existing, connectionId), created: false };

    const user = newUser({
      email: identity.email,
      displayName: (identity.displayName ?? localPart(identity.email)).slice(0, MAX_DISPLAY_NAME),
      passwordHash: null,
      emailVerifiedAt: new Date(),
    });
    if (await this.users.insert(ctx, user)) {
      this.logger.log(`Account ${user.id} created by single sign-on`);
      return { user, created: true };
    }
    // Created meanwhile by a concurrent sign-in or sign-up: use that one.
    const raced = await this.users.findByEmail(ctx, identity.email);
    if (!raced) throw new Error('An account insert failed on its email, yet no account has that email');
    return { user: await this.existing(ctx, raced, connectionId), created: false };
  }

  private async existing(ctx: RequestContext, user: User, connectionId: string): Promise<User> {
    if (user.closedAt) throw new SsoAccountClosedError(user.id);
    if (!user.emailVerifiedAt) await this.claim(ctx, user, connectionId);
    return user;
  }

  /**
   * Pre-hijacking defence: an account registered with this address but never verified may have been created by
   * someone else ahead of the owner, who now proves the address through their identity provider. What the
   * registrant set up (password, two-factor, recovery codes, sessions, API keys) is removed before the owner gets in.
   */
  private async claim(ctx: RequestContext, user: User, connectionId: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      await manager.query(
        `UPDATE identity_users
            SET email_verified_at = now(), password_hash = NULL, totp_secret = NULL, totp_enabled_at = NULL,
                totp_last_used_step = NULL, updated_at = now()
          WHERE id = $1`,
        [user.id],
      );
      await manager.query(`DELETE FROM identity_recovery_codes WHERE user_id = $1`, [user.id]);
      const revoked = await this.sessions.revokeAllForUser(user.id, 'revoked', { manager });
      await this.apiKeys.revokeAllCreatedBy(tx, user.id);
      await this.events.publish(tx, 'identity.sso-account.claimed', {
        userId: user.id,
        connectionId,
        revokedSessions: revoked.length,
      });
    });
    this.logger.warn(`Unverified account ${user.id} claimed by single sign-on: credentials reset, sessions revoked`);
    Object.assign(user, { emailVerifiedAt: new Date(), passwordHash: null, totpSecret: null, totpEnabledAt: null });
  }
}

function localPart(email: string): string {
  return email.slice(0, email.lastIndexOf('@')) || email;
}
