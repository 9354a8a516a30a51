import { Injectable, Logger } from '@nestjs/common';
import { EventBus, InjectPluginOptions, TenantDataSource, type RequestContext } from '@quire/core';
import { SignInMethodDisabledError } from '../auth/auth.errors';
import { assertNotImpersonating, sessionActor } from '../auth/session-actor';
import { PasswordHasher } from '../credentials/password-hasher';
import type { IdentityOptions } from '../identity.options';
import { PasswordNotSetError, WrongPasswordError } from './account.errors';
import './account.events';
import type { ChangePasswordDto } from './dto/change-password.dto';
import { PasswordReplacement } from './password-replacement';
import { UserRepository } from './user.repository';

/** A signed-in user replaces their password, proving they know the current one. */
@Injectable()
export class PasswordChangeService {
  private readonly logger = new Logger(PasswordChangeService.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly replacement: PasswordReplacement,
    private readonly events: EventBus,
    @InjectPluginOptions('identity') private readonly options: IdentityOptions,
  ) {}

  /**
   * Checks the current password, then the new one against the policy; in one transaction (the account row
   * locked, so two changes cannot interleave) stores the new hash, ends pending reset links, revokes every other
   * session (this device stays signed in), queues the notice mail and publishes the event.
   */
  async change(ctx: RequestContext, dto: ChangePasswordDto): Promise<void> {
    if (!this.options.signInMethods.password) throw new SignInMethodDisabledError('password');
    const { userId, sessionId } = sessionActor(ctx);
    assertNotImpersonating(ctx, 'change the password');

    const revoked = await this.db.transaction(ctx, async (tx) => {
      const user = await this.users.findByIdForUpdate(tx, userId);
      if (!user) throw new Error(`Authenticated user ${userId} has no account row`);
      if (!user.passwordHash) throw new PasswordNotSetError();
      if (!(await this.hasher.verify(user.passwordHash, dto.currentPassword))) {
        this.logger.warn(`Wrong current password in a password change of account ${user.id}`);
        throw new WrongPasswordError('currentPassword');
      }
      const others = await this.replacement.replace(tx, user, dto.newPassword, {
        field: 'newPassword',
        keepSessionId: sessionId,
      });
      await this.events.publish(tx, 'identity.password.changed', { userId: user.id, revokedSessions: others });
      return others;
    });
    this.logger.log(`Account ${userId} changed its password; ${revoked} other session(s) revoked`);
  }
}
