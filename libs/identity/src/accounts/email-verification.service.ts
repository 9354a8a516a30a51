import { Injectable, Logger } from '@nestjs/common';
import { EventBus, InjectPluginOptions, TenantDataSource, type RequestContext } from '@quire/core';
import { randomToken } from '../credentials/token-hash';
import type { User } from '../entities/user.entity';
import type { IdentityOptions } from '../identity.options';
import { MailSender } from '../mail/mail-sender';
import { sessionActor } from '../auth/session-actor';
import { accountLink } from './account-links';
import { EmailAlreadyVerifiedError, TokenInvalidError } from './account.errors';
import './account.events';
import type { VerifyEmailDto } from './dto/verify-email.dto';
import { emailLookupKey } from './email';
import { OneTimeCodeRepository } from './one-time-code.repository';
import { UserRepository } from './user.repository';

export const VERIFY_EMAIL_TTL_MS = 24 * 3_600_000;

/** Proof that the account holder reads the account's mailbox: a single-use link, valid 24 hours. */
@Injectable()
export class EmailVerificationService {
  private readonly logger = new Logger(EmailVerificationService.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly users: UserRepository,
    private readonly codes: OneTimeCodeRepository,
    private readonly mail: MailSender,
    private readonly events: EventBus,
    @InjectPluginOptions('identity') private readonly options: IdentityOptions,
  ) {}

  /**
   * Ends the account's earlier verification links and mails a new one. Call it inside the transaction of the
   * change that needs it (sign-up, resend): token and mail exist exactly when that change commits.
   */
  async issue(tx: RequestContext, user: Pick<User, 'id' | 'email' | 'displayName'>): Promise<void> {
    const token = randomToken();
    await this.codes.invalidate(tx, user.email, 'verify-email');
    await this.codes.insert(tx, {
      email: user.email,
      userId: user.id,
      purpose: 'verify-email',
      secret: token,
      expiresAt: new Date(Date.now() + VERIFY_EMAIL_TTL_MS),
    });
    await this.mail.send(
      user.email,
      'verifyEmail',
      { displayName: user.displayName, link: accountLink(this.options.publicUrl, 'verify-email', token) },
      { manager: tx.manager ?? undefined },
    );
  }

  /** POST /me/email-verification: a new link for the signed-in user, whose earlier links stop working. */
  async resend(ctx: RequestContext): Promise<void> {
    const { userId } = sessionActor(ctx);
    await this.db.transaction(ctx, async (tx) => {
      const user = await this.users.findByIdForUpdate(tx, userId);
      if (!user) throw new Error(`Authenticated user ${userId} has no account row`);
      if (user.emailVerifiedAt) throw new EmailAlreadyVerifiedError();
      await this.issue(tx, user);
    });
  }

  /**
   * Consumes the link's token and marks the email verified. Unknown, expired, used or superseded tokens, and
   * tokens of a closed account or of an address the account no longer has, all answer TokenInvalidError; the
   * throw rolls the consumption back, so nothing changes.
   */
  async verify(ctx: RequestContext, dto: VerifyEmailDto): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const code = await this.codes.consumeToken(tx, 'verify-email', dto.token);
      const user = code?.userId ? await this.users.findByIdForUpdate(tx, code.userId) : null;
      if (!code || !user || user.closedAt || emailLookupKey(user.email) !== code.email) throw new TokenInvalidError();
      if (!(await this.users.markEmailVerified(tx, user.id))) return;
      await this.events.publish(tx, 'identity.email.verified', { userId: user.id, via: 'verification-link' });
      this.logger.log(`Account ${user.id} verified its email address`);
    });
  }
}
