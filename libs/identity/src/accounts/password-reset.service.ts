import { Injectable, Logger } from '@nestjs/common';
import { EventBus, InjectPluginOptions, TenantDataSource, type RequestContext } from '@quire/core';
import { SignInMethodDisabledError } from '../auth/auth.errors';
import { randomToken } from '../credentials/token-hash';
import type { IdentityOptions } from '../identity.options';
import { MailSender } from '../mail/mail-sender';
import { renderMail, type PasswordResetParams } from '../mail/mail-templates';
import { accountLink } from './account-links';
import { TokenInvalidError } from './account.errors';
import './account.events';
import type { ConfirmPasswordResetDto } from './dto/confirm-password-reset.dto';
import type { RequestPasswordResetDto } from './dto/request-password-reset.dto';
import { emailLookupKey } from './email';
import { OneTimeCodeRepository } from './one-time-code.repository';
import { PasswordReplacement } from './password-replacement';
import { UserRepository } from './user.repository';

export const PASSWORD_RESET_TTL_MINUTES = 60;

/**
 * "Forgot my password": a single-use link, valid one hour, mailed to the account's address; following it sets a
 * new password, proves the mailbox and signs every device out. Also how accounts without a password get one.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly users: UserRepository,
    private readonly codes: OneTimeCodeRepository,
    private readonly mail: MailSender,
    private readonly replacement: PasswordReplacement,
    private readonly events: EventBus,
    @InjectPluginOptions('identity') private readonly options: IdentityOptions,
  ) {}

  /**
   * Answers the same (nothing, hence one 202) for an open account, an unknown address and a closed account, and
   * follows one code path as far as the mail: the lookup, a token and the rendered mail. Only an open
   * account then gets the writes (earlier reset links ended, the token stored, the mail queued).
   */
  async request(ctx: RequestContext, dto: RequestPasswordResetDto): Promise<void> {
    this.assertPasswordSignIn();
    const user = await this.users.findByEmail(ctx, dto.email);
    const token = randomToken();
    const params: PasswordResetParams = {
      displayName: user?.displayName ?? dto.email,
      link: accountLink(this.options.publicUrl, 'reset-password', token),
      minutes: PASSWORD_RESET_TTL_MINUTES,
    };
    // Rendered for every request, sent only to an open account: the unknown address costs the same up to here.
    renderMail('passwordReset', params);
    if (!user || user.closedAt) {
      this.logger.debug('Password reset requested for an address without an open account: nothing sent');
      return;
    }

    await this.db.transaction(ctx, async (tx) => {
      await this.codes.invalidate(tx, user.email, 'reset-password');
      await this.codes.insert(tx, {
        email: user.email,
        userId: user.id,
        purpose: 'reset-password',
        secret: token,
        expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60_000),
      });
      await this.mail.send(user.email, 'passwordReset', params, { manager: tx.manager ?? undefined });
    });
    this.logger.log(`Password reset link mailed to account ${user.id}`);
  }

  /**
   * Sets the new password, in one transaction with the token's consumption: a refused password (policy) or a
   * token of a closed account rolls everything back, so the link still works for a second try with a better
   * password. Every session is revoked (the reset may be the owner locking out whoever knew the old password),
   * and no tokens are issued: the owner signs in again, through two-factor authentication if they have it.
   */
  async confirm(ctx: RequestContext, dto: ConfirmPasswordResetDto): Promise<void> {
    this.assertPasswordSignIn();
    const userId = await this.db.transaction(ctx, async (tx) => {
      const code = await this.codes.consumeToken(tx, 'reset-password', dto.token);
      const user = code?.userId ? await this.users.findByIdForUpdate(tx, code.userId) : null;
      if (!code || !user || user.closedAt || emailLookupKey(user.email) !== code.email) throw new TokenInvalidError();
      const revoked = await this.replacement.replace(tx, user, dto.password);
      // Following the link proved the mailbox.
      const verified = await this.users.markEmailVerified(tx, user.id);
      await this.events.publish(tx, 'identity.password.reset', { userId: user.id, revokedSessions: revoked });
      if (verified)
        await this.events.publish(tx, 'identity.email.verified', { userId: user.id, via: 'password-reset' });
      return user.id;
    });
    this.logger.log(`Account ${userId} set a new password through a reset link; all its sessions were revoked`);
  }

  private assertPasswordSignIn(): void {
    if (!this.options.signInMethods.password) throw new SignInMethodDisabledError('password');
  }
}
