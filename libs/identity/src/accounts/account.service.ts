import { Injectable, Logger } from '@nestjs/common';
import { InjectPluginOptions, TenantDataSource, uuidv7, ValidationFailedError, type RequestContext } from '@quire/core';
import { PasswordHasher } from '../credentials/password-hasher';
import { PasswordPolicy } from '../credentials/password-policy';
import { randomToken } from '../credentials/token-hash';
import { User } from '../entities/user.entity';
import type { IdentityOptions } from '../identity.options';
import { MailSender } from '../mail/mail-sender';
import { SessionService } from '../sessions/session.service';
import { SignInMethodDisabledError } from '../auth/auth.errors';
import { toAuthTokensResponse, type SignUpResponse } from '../auth/dto/auth-tokens.response';
import { sessionActor } from '../auth/session-actor';
import { EmailTakenError } from './account.errors';
import type { SignUpDto } from './dto/sign-up.dto';
import { toUserResponse, type UserResponse } from './dto/user.response';
import { OneTimeCodeRepository } from './one-time-code.repository';
import { UserRepository } from './user.repository';

const VERIFY_EMAIL_TTL_MS = 24 * 3_600_000;

@Injectable()
export class AccountService {
  private readonly logger = new Logger(AccountService.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly users: UserRepository,
    private readonly codes: OneTimeCodeRepository,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly mail: MailSender,
    private readonly sessions: SessionService,
    @InjectPluginOptions('identity') private readonly options: IdentityOptions,
  ) {}

  /**
   * Creates an account with a password and signs it in. The account, its email-verification token and the
   * verification mail are written in one transaction: a failure leaves none of them.
   */
  async signUp(ctx: RequestContext, dto: SignUpDto): Promise<SignUpResponse> {
    if (!this.options.signInMethods.password) throw new SignInMethodDisabledError('password');
    const problems = this.policy.check(dto.password, {
      minLength: this.options.passwordMinLength,
      email: dto.email,
      displayName: dto.displayName,
    });
    if (problems.length > 0)
      throw new ValidationFailedError(problems, 'The password does not meet the password policy.');
    // Early answer without hashing; the unique index still decides under concurrency (below).
    if (await this.users.findByEmail(ctx, dto.email)) throw new EmailTakenError();

    const user = Object.assign(new User(), {
      id: uuidv7(),
      email: dto.email,
      displayName: dto.displayName,
      passwordHash: await this.hasher.hash(dto.password),
      emailVerifiedAt: null,
      avatarUrl: null,
      totpSecret: null,
      totpEnabledAt: null,
      totpLastUsedStep: null,
      preferences: {},
      platformAdmin: false,
      closedAt: null,
    } satisfies Partial<User>);
    const token = randomToken();

    await this.db.transaction(ctx, async (tx) => {
      if (!(await this.users.insert(tx, user))) throw new EmailTakenError();
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
        { displayName: user.displayName, link: this.verificationLink(token) },
        { manager: tx.manager ?? undefined },
      );
    });
    this.logger.log(`Account ${user.id} signed up`);

    const issued = await this.sessions.start(user.id, { ip: ctx.ip, userAgent: ctx.userAgent });
    const created = (await this.users.findById(ctx, user.id)) ?? user;
    return { user: toUserResponse(created), ...toAuthTokensResponse(issued) };
  }

  async me(ctx: RequestContext): Promise<UserResponse> {
    const { userId } = sessionActor(ctx);
    // The kernel guard only lets live sessions of open accounts through, so the row exists.
    const user = await this.users.findById(ctx, userId);
    if (!user) throw new Error(`Authenticated user ${userId} has no account row`);
    return toUserResponse(user);
  }

  private verificationLink(token: string): string {
    const base = this.options.publicUrl.replace(/\/+$/, '');
    return `${base}/admin/verify-email?token=${encodeURIComponent(token)}`;
  }
}
