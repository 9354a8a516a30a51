import { Injectable } from '@nestjs/common';
import { EventBus, InjectPluginOptions, type RequestContext } from '@quire/core';
import { SignInMethodDisabledError } from '../auth/auth.errors';
import { toAuthTokensResponse, type SignUpResponse } from '../auth/dto/auth-tokens.response';
import { PasswordHasher } from '../credentials/password-hasher';
import { PasswordPolicy } from '../credentials/password-policy';
import { User } from '../entities/user.entity';
import { newUser } from './new-user';
import type { IdentityOptions } from '../identity.options';
import { SessionService } from '../sessions/session.service';
import { EmailTakenError } from './account.errors';
import './account.events';
import { toUserResponse } from './dto/user.response';
import { assertPasswordAcceptable } from './password-rules';
import { UserRepository } from './user.repository';

export interface NewAccount {
  email: string;
  password: string;
  displayName: string;
}

/** How the new account proved its mailbox, when it did: the account is then created verified. */
export type MailboxProof = 'invitation';

/** An account checked and hashed by `prepare`, ready to be inserted by `create`. */
export interface PreparedAccount {
  readonly user: Readonly<User>;
  readonly verifiedBy: MailboxProof | null;
}

/**
 * Password sign-up in steps, so that a caller can create an account inside its own transaction: identity's
 * POST /auth/sign-up and other plugins' flows that end in a new account (workspaces: sign-up through an
 * invitation) share the same rules (sign-in method, password policy, unique email) and the same session answer.
 */
@Injectable()
export class AccountRegistration {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly sessions: SessionService,
    private readonly events: EventBus,
    @InjectPluginOptions('identity') private readonly options: IdentityOptions,
  ) {}

  /**
   * The checks that need no row and the argon2 hash (about 100 ms): call it before opening the transaction that
   * will `create` the account. 403 identity.sign-in-method-disabled when password sign-in is off; 400 listing
   * every password-policy problem with path `password`. `verifiedBy`: how the caller proved the mailbox.
   */
  async prepare(account: NewAccount, verifiedBy: MailboxProof | null = null): Promise<PreparedAccount> {
    this.assertAcceptable(account);
    const user = newUser({
      email: account.email,
      displayName: account.displayName,
      passwordHash: await this.hasher.hash(account.password),
      emailVerifiedAt: verifiedBy ? new Date() : null,
    });
    return { user, verifiedBy };
  }

  /** The checks of `prepare` alone (no hash), for callers that answer other problems before hashing. */
  assertAcceptable(account: NewAccount): void {
    if (!this.options.signInMethods.password) throw new SignInMethodDisabledError('password');
    assertPasswordAcceptable(this.policy, this.options.passwordMinLength, account.password, account);
  }

  /** Whether an account (open or closed) has this email, compared without regard to case. */
  async emailTaken(ctx: RequestContext, email: string): Promise<boolean> {
    return (await this.users.findByEmail(ctx, email)) !== null;
  }

  /**
   * Inserts the account within `tx` (409 identity.email-taken when the email has one: the unique index decides,
   * so concurrent sign-ups are covered). Publishes `identity.account.created` in `tx` (the audit record of the
   * account's beginning), and `identity.email.verified` for an account verified at creation.
   */
  async create(tx: RequestContext, prepared: PreparedAccount): Promise<string> {
    const user = Object.assign(new User(), prepared.user);
    if (!(await this.users.insert(tx, user))) throw new EmailTakenError();
    await this.events.publish(tx, 'identity.account.created', { userId: user.id });
    if (prepared.verifiedBy) {
      await this.events.publish(tx, 'identity.email.verified', { userId: user.id, via: prepared.verifiedBy });
    }
    return user.id;
  }

  /**
   * Signs the account in: a session started within `ctx`'s transaction when it has one, answered like
   * POST /auth/sign-up (mark the route `@IssuesTokens()` so that browsers get cookies instead).
   */
  async startSession(ctx: RequestContext, userId: string): Promise<SignUpResponse> {
    const issued = await this.sessions.start(userId, {
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      manager: ctx.manager ?? undefined,
    });
    const user = await this.users.findById(ctx, userId);
    if (!user) throw new Error(`Account ${userId} vanished while signing it in`);
    return { user: toUserResponse(user), ...toAuthTokensResponse(issued) };
  }
}
