import { Module } from '@nestjs/common';
import { AccountService } from './accounts/account.service';
import { MeController } from './accounts/me.controller';
import { OneTimeCodeRepository } from './accounts/one-time-code.repository';
import { UserRepository } from './accounts/user.repository';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { SessionsController } from './auth/sessions.controller';
import { PasswordHasher } from './credentials/password-hasher';
import { PasswordPolicy } from './credentials/password-policy';
import { TotpService } from './credentials/totp.service';
import { MailSender } from './mail/mail-sender';
import { mailProviders } from './mail/mail.providers';
import { AccessTokenService } from './sessions/access-token.service';
import { ActiveSessionCache } from './sessions/active-session-cache';
import { SessionAuthenticator } from './sessions/session.authenticator';
import { SessionRevocationListener } from './sessions/session-revocation.listener';
import { SessionService } from './sessions/session.service';

/**
 * Providers of the identity plugin (issue #3): mail, credentials, sessions and the session authenticator, and the
 * first HTTP flows (sign-up, password sign-in, refresh, sign-out, my sessions, me).
 */
@Module({
  controllers: [AuthController, SessionsController, MeController],
  providers: [
    ...mailProviders,
    PasswordHasher,
    PasswordPolicy,
    TotpService,
    AccessTokenService,
    // The cache, the listener and the authenticator share one instance: keep them in this module together.
    ActiveSessionCache,
    SessionRevocationListener,
    SessionService,
    SessionAuthenticator,
    UserRepository,
    OneTimeCodeRepository,
    AccountService,
    AuthService,
  ],
  exports: [MailSender, PasswordHasher, PasswordPolicy, TotpService, SessionService, AccessTokenService],
})
export class IdentityModule {}
