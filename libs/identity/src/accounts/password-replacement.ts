import { Injectable } from '@nestjs/common';
import { InjectPluginOptions, type RequestContext } from '@quire/core';
import { PasswordHasher } from '../credentials/password-hasher';
import { PasswordPolicy } from '../credentials/password-policy';
import type { User } from '../entities/user.entity';
import type { IdentityOptions } from '../identity.options';
import { MailSender } from '../mail/mail-sender';
import { SessionService } from '../sessions/session.service';
import { passwordResetPage } from './account-links';
import { OneTimeCodeRepository } from './one-time-code.repository';
import { assertPasswordAcceptable } from './password-rules';
import { UserRepository } from './user.repository';

/**
 * What every new password of an existing account goes through, whether the owner changed it (knowing the current
 * one) or reset it (through a mailed link): the same checks and the same consequences, so neither flow can forget
 * one. Runs in the caller's transaction, with the account row locked by the caller.
 */
@Injectable()
export class PasswordReplacement {
  constructor(
    private readonly users: UserRepository,
    private readonly codes: OneTimeCodeRepository,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly mail: MailSender,
    private readonly sessions: SessionService,
    @InjectPluginOptions('identity') private readonly options: IdentityOptions,
  ) {}

  /**
   * Checks `password` against the policy (a 400 naming `field`), stores its hash, ends pending reset links,
   * revokes every session of the account but `keepSessionId` (whoever knew the old password is out) and queues
   * the notice mail. Answers how many sessions were revoked.
   */
  async replace(
    tx: RequestContext,
    user: User,
    password: string,
    how: { field?: 'password' | 'newPassword'; keepSessionId?: string } = {},
  ): Promise<number> {
    assertPasswordAcceptable(this.policy, this.options.passwordMinLength, password, user, how.field);

    await this.users.updatePasswordHash(tx, user.id, await this.hasher.hash(password));
    await this.codes.invalidate(tx, user.email, 'reset-password');
    const revoked = await this.sessions.revokeAllForUser(user.id, 'password-changed', {
      manager: tx.manager ?? undefined,
      except: how.keepSessionId,
    });
    await this.mail.send(
      user.email,
      'passwordChanged',
      { displayName: user.displayName, resetLink: passwordResetPage(this.options.publicUrl) },
      { manager: tx.manager ?? undefined },
    );
    return revoked.length;
  }
}
