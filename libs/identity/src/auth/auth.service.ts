import { Injectable, Logger } from '@nestjs/common';
import { InjectPluginOptions, type RequestContext } from '@quire/core';
import { UserRepository } from '../accounts/user.repository';
import { PasswordHasher } from '../credentials/password-hasher';
import type { IdentityOptions } from '../identity.options';
import { RefreshTokenInvalidError, RefreshTokenReusedError } from '../sessions/session.errors';
import { SessionService, type SessionClient } from '../sessions/session.service';
import { InvalidCredentialsError, SessionNotFoundError, SignInMethodDisabledError } from './auth.errors';
import {
  toAuthTokensResponse,
  type AuthTokensResponse,
  type TwoFactorRequiredResponse,
} from './dto/auth-tokens.response';
import { SignInCompletion } from './sign-in-completion';
import type { RefreshDto } from './dto/refresh.dto';
import { toSessionResponse, type SessionResponse } from './dto/session.response';
import type { SignInDto } from './dto/sign-in.dto';
import { sessionActor } from './session-actor';
import { SessionRequiredError } from './auth.errors';

/** Password sign-in, token refresh, sign-out and the user's own sessions. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly completion: SignInCompletion,
    @InjectPluginOptions('identity') private readonly options: IdentityOptions,
  ) {}

  /**
   * Unknown email, account without a password, wrong password and closed account all end in the same
   * InvalidCredentialsError after one argon2 verification each (the dummy hash when there is no account), so
   * neither the answer nor its timing tells whether an account exists. An account with 2FA gets a challenge for
   * POST /auth/two-factor instead of tokens.
   */
  async signIn(ctx: RequestContext, dto: SignInDto): Promise<AuthTokensResponse | TwoFactorRequiredResponse> {
    if (!this.options.signInMethods.password) throw new SignInMethodDisabledError('password');
    const user = await this.users.findByEmail(ctx, dto.email);
    const passwordHash = user?.passwordHash ?? null;
    const verified = passwordHash
      ? await this.hasher.verify(passwordHash, dto.password)
      : await this.hasher.dummyVerify(dto.password);
    if (!user || !passwordHash || !verified || user.closedAt) {
      if (user) this.logger.warn(`Failed password sign-in for account ${user.id}`);
      await this.completion.failed(ctx, {
        userId: user?.id ?? null,
        method: 'password',
        reason: 'invalid-credentials',
      });
      throw new InvalidCredentialsError();
    }

    if (this.hasher.needsRehash(passwordHash)) {
      await this.users.updatePasswordHash(ctx, user.id, await this.hasher.hash(dto.password));
    }
    return this.completion.afterFirstFactor(ctx, user, 'password');
  }

  async refresh(ctx: RequestContext, dto: RefreshDto): Promise<AuthTokensResponse> {
    const result = await this.sessions.refresh(dto.refreshToken, client(ctx));
    switch (result.outcome) {
      case 'rotated':
        return toAuthTokensResponse(result);
      case 'reused':
        throw new RefreshTokenReusedError();
      case 'invalid':
        throw new RefreshTokenInvalidError();
    }
  }

  /** Ends the session of the access token in use; its tokens are refused from now on, on every instance. */
  async signOut(ctx: RequestContext): Promise<void> {
    const { sessionId } = sessionActor(ctx);
    if (!sessionId) throw new SessionRequiredError();
    await this.sessions.revoke(sessionId, 'sign-out');
  }

  async listSessions(ctx: RequestContext): Promise<SessionResponse[]> {
    const { userId, sessionId } = sessionActor(ctx);
    const sessions = await this.sessions.listForUser(userId);
    return sessions.map((session) => toSessionResponse(session, sessionId));
  }

  /** Revokes one of the user's own live sessions; anyone else's id, or an ended session, is a 404. */
  async revokeSession(ctx: RequestContext, id: string): Promise<void> {
    const { userId } = sessionActor(ctx);
    const own = await this.sessions.listForUser(userId);
    if (!own.some((session) => session.id === id)) throw new SessionNotFoundError(id);
    await this.sessions.revoke(id, 'revoked');
  }
}

function client(ctx: RequestContext): SessionClient {
  return { ip: ctx.ip, userAgent: ctx.userAgent };
}
