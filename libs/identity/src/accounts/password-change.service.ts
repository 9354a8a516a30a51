import { Injectable, Logger } from '@nestjs/common';
import { EventBus, InjectPluginOptions, TenantDataSource, type RequestContext } from '@quire/core';
import { SignInMethodDisabledError } from '../auth/auth.errors';
import { assertNotImpersonating, sessionActor } from '../auth/session-actor';
import { PasswordHasher } from '../credentials/password-hasher';
import { PasswordPolicy } from '../credentials/password-policy';
import type { IdentityOptions } from '../identity.options';
import { MailSender } from '../mail/mail-sender';
import { SessionService } from '../sessions/session.service';
import { passwordResetPage } from './account-links';
import { PasswordNotSetError, WrongPasswordError } from './account.errors';
import './account.events';
import type { ChangePasswordDto } from './dto/change-password.dto';
import { OneTimeCodeRepository } from './one-time-code.repository';
import { assertPasswordAcceptable } from './password-rules';
import { UserRepository } from './user.repository';

/** A signed-in user replaces their password, proving they know the current one. */
@Injectable()
export class PasswordChangeService {
  private readonly logger = new Logger(PasswordChangeService.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly users: UserRepository,
    private readonly codes: OneTimeCodeRepository,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly mail: MailSender,
    private readonly sessions: SessionService,
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
      assertPasswordAcceptable(this.policy, this.options.passwordMinLength, dto.newPassword, user, 'newPassword');

      await this.users.updatePasswordHash(tx, user.id, await this.hasher.hash(dto.newPassword));
      await this.codes.invalidate(tx, user.email, 'reset-password');
      const others = await this.sessions.revokeAllForUser(user.id, 'password-changed', {
        manager: tx.manager ?? undefined,
        except: sessionId,
      });
      await this.mail.send(
        user.email,
        'passwordChanged',
        { displayName: user.displayName, resetLink: passwordResetPage(this.options.publicUrl) },
        { manager: tx.manager ?? undefined },
      );
      await this.events.publish(tx, 'identity.password.changed', { userId: user.id, revokedSessions: others.length });
      return others.length;
    });
    this.logger.log(`Account ${userId} changed its password; ${revoked} other session(s) revoked`);
  }
}
