import { Module } from '@nestjs/common';
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
 * Providers of the identity plugin. The building blocks of issue #3 are in place (mail, credentials, sessions
 * and the session authenticator); the sign-in controllers come next.
 */
@Module({
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
  ],
  exports: [MailSender, PasswordHasher, PasswordPolicy, TotpService, SessionService, AccessTokenService],
})
export class IdentityModule {}
