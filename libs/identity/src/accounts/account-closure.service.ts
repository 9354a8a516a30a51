import { Injectable, Logger } from '@nestjs/common';
import { EventBus, TenantDataSource, ValidationFailedError, type RequestContext } from '@quire/core';
import { assertNotImpersonating, sessionActor } from '../auth/session-actor';
import { ApiKeyService } from '../api-keys/api-key.service';
import { PasswordHasher } from '../credentials/password-hasher';
import { MailSender } from '../mail/mail-sender';
import { SessionService } from '../sessions/session.service';
import { WrongPasswordError } from './account.errors';
import './account.events';
import type { CloseAccountDto } from './dto/close-account.dto';
import { OneTimeCodeRepository } from './one-time-code.repository';
import { UserRepository } from './user.repository';

/** How long a closed account is kept before the retention policy `identity.closed-accounts` anonymizes it. */
export const CLOSED_ACCOUNT_RETENTION_DAYS = 90;

/** The account holder closes their own account. */
@Injectable()
export class AccountClosureService {
  private readonly logger = new Logger(AccountClosureService.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly users: UserRepository,
    private readonly codes: OneTimeCodeRepository,
    private readonly hasher: PasswordHasher,
    private readonly mail: MailSender,
    private readonly sessions: SessionService,
    private readonly events: EventBus,
    private readonly apiKeys: ApiKeyService,
  ) {}

  /**
   * Re-authenticates with the password when the account has one, then in one transaction: marks the account
   * closed, revokes every session (their access tokens are refused at once), ends every live code and link, mails
   * a notice and revokes the API keys the user created and publishes `identity.account.closed`. From then on the
   * account cannot sign in; the row is anonymized 90 days later by the retention engine.
   */
  async close(ctx: RequestContext, dto: CloseAccountDto): Promise<void> {
    const { userId } = sessionActor(ctx);
    assertNotImpersonating(ctx, 'close the account');

    await this.db.transaction(ctx, async (tx) => {
      const user = await this.users.findByIdForUpdate(tx, userId);
      if (!user) throw new Error(`Authenticated user ${userId} has no account row`);
      // The session was live when this request was authenticated; a concurrent closure has won since: done.
      if (user.closedAt) return;
      if (user.passwordHash) {
        if (dto.password === undefined) {
          throw new ValidationFailedError(
            [{ path: 'password', message: 'Enter the password of the account to close it' }],
            'Closing an account with a password requires the password.',
          );
        }
        if (!(await this.hasher.verify(user.passwordHash, dto.password))) {
          this.logger.warn(`Wrong password in a closure request of account ${user.id}`);
          throw new WrongPasswordError('password');
        }
      }

      await this.users.close(tx, user.id);
      await this.sessions.revokeAllForUser(user.id, 'account-closed', { manager: tx.manager ?? undefined });
      await this.codes.invalidateAll(tx, user.email, user.id);
      // In this transaction, so the keys' revocation notices go out exactly when the closure commits.
      await this.apiKeys.revokeAllCreatedBy(tx, user.id);
      await this.mail.send(
        user.email,
        'accountClosed',
        { displayName: user.displayName, days: CLOSED_ACCOUNT_RETENTION_DAYS },
        { manager: tx.manager ?? undefined },
      );
      await this.events.publish(tx, 'identity.account.closed', { userId: user.id });
    });
    this.logger.log(`Account ${userId} was closed by its holder`);
  }
}
