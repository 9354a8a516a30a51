import { Injectable, Logger } from '@nestjs/common';
import { InjectPluginOptions, TenantDataSource, type RequestContext } from '@quire/core';
import { randomInt } from 'node:crypto';
import { emailLookupKey } from '../accounts/email';
import { OneTimeCodeRepository } from '../accounts/one-time-code.repository';
import { UserRepository } from '../accounts/user.repository';
import type { IdentityOptions } from '../identity.options';
import { MailSender } from '../mail/mail-sender';
import { SignInMethodDisabledError } from './auth.errors';
import type { AuthTokensResponse, TwoFactorRequiredResponse } from './dto/auth-tokens.response';
import type { EmailCodeRequestDto, EmailCodeVerifyDto } from './dto/email-code.dto';
import { SignInCodeAttemptsExhaustedError, SignInCodeInvalidError } from './sign-in.errors';
import { SignInCompletion } from './sign-in-completion';

export const EMAIL_CODE_TTL_MINUTES = 10;
/** Wrong tries one code survives: 5 guesses of 10^6 codes, then a new code must be mailed. */
export const EMAIL_CODE_MAX_ATTEMPTS = 5;

/**
 * Passwordless sign-in by a 6-digit code mailed to the account's address.
 *
 * No enumeration: a request for an unknown or closed address answers the same and does the same writes, except
 * the mail. It stores a decoy code (no account, never mailed, so it never signs anyone in), so that trying codes
 * for that address also behaves the same: wrong, wrong, …, then "attempts exhausted", as for a real account.
 */
@Injectable()
export class EmailCodeSignInService {
  private readonly logger = new Logger(EmailCodeSignInService.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly users: UserRepository,
    private readonly codes: OneTimeCodeRepository,
    private readonly mail: MailSender,
    private readonly completion: SignInCompletion,
    @InjectPluginOptions('identity') private readonly options: IdentityOptions,
  ) {}

  /** Replaces any live code of the address by a new one, mailed if the address has an open account. */
  async request(ctx: RequestContext, dto: EmailCodeRequestDto): Promise<void> {
    this.assertEnabled();
    const user = await this.users.findByEmail(ctx, dto.email);
    const account = user && !user.closedAt ? user : null;
    const code = sixDigitCode();
    await this.db.transaction(ctx, async (tx) => {
      await this.codes.invalidate(tx, dto.email, 'sign-in');
      await this.codes.insert(tx, {
        email: dto.email,
        userId: account?.id ?? null,
        purpose: 'sign-in',
        secret: code,
        expiresAt: new Date(Date.now() + EMAIL_CODE_TTL_MINUTES * 60_000),
      });
      if (account) {
        await this.mail.send(
          account.email,
          'signInCode',
          { code, minutes: EMAIL_CODE_TTL_MINUTES },
          { manager: tx.manager ?? undefined },
        );
      }
    });
  }

  /**
   * Spends the code; on success the address is proven (the email becomes verified) and the sign-in completes
   * (tokens, or the 2FA challenge). Unknown address, decoy, wrong, expired and used codes all answer the same.
   */
  async verify(ctx: RequestContext, dto: EmailCodeVerifyDto): Promise<AuthTokensResponse | TwoFactorRequiredResponse> {
    this.assertEnabled();
    const user = await this.users.findByEmail(ctx, dto.email);
    const check = await this.codes.consumeCode(ctx, dto.email, 'sign-in', dto.code, EMAIL_CODE_MAX_ATTEMPTS);
    const userId = user?.id ?? null;
    if (check.outcome === 'attempts-exhausted') {
      await this.completion.failed(ctx, { userId, method: 'email-code', reason: 'code-attempts-exhausted' });
      throw new SignInCodeAttemptsExhaustedError();
    }
    // The code must still belong to this open account at its current address (not changed since it was mailed).
    const accepted =
      check.outcome === 'accepted' &&
      user !== null &&
      !user.closedAt &&
      check.code.userId === user.id &&
      check.code.email === emailLookupKey(user.email);
    if (!accepted || !user) {
      await this.completion.failed(ctx, { userId, method: 'email-code', reason: 'code-invalid' });
      throw new SignInCodeInvalidError();
    }

    if (!user.emailVerifiedAt && (await this.users.markEmailVerified(ctx, user.id))) {
      this.logger.log(`Account ${user.id} verified its email by a sign-in code`);
    }
    return this.completion.afterFirstFactor(ctx, user, 'email-code');
  }

  private assertEnabled(): void {
    if (!this.options.signInMethods.emailCode) throw new SignInMethodDisabledError('email-code');
  }
}

/** Uniform over 000000–999999 (crypto.randomInt rejects biased draws). */
function sixDigitCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}
