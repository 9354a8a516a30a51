import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccountClosureService } from './accounts/account-closure.service';
import { ActiveWorkspaceController } from './active-workspace/active-workspace.controller';
import { ActiveWorkspaceService } from './active-workspace/active-workspace.service';
import { AccountRegistration } from './accounts/account-registration';
import { AccountRecoveryController } from './accounts/account-recovery.controller';
import { AccountService } from './accounts/account.service';
import { EmailVerificationService } from './accounts/email-verification.service';
import { MeController } from './accounts/me.controller';
import { OneTimeCodeRepository } from './accounts/one-time-code.repository';
import { PasswordChangeService } from './accounts/password-change.service';
import { PasswordReplacement } from './accounts/password-replacement';
import { PasswordResetService } from './accounts/password-reset.service';
import { UserRepository } from './accounts/user.repository';
import { ClosedAccountAnonymizer } from './accounts/closed-account-anonymizer';
import { ApiKeyService } from './api-keys/api-key.service';
import { apiKeyControllers, apiKeyProviders } from './api-keys/api-keys.providers';
import { ssoControllers, ssoProviders } from './sso/sso.providers';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { EmailCodeController } from './auth/email-code.controller';
import { EmailCodeSignInService } from './auth/email-code-sign-in.service';
import { SignInCompletion } from './auth/sign-in-completion';
import { TwoFactorChallengeRepository } from './auth/two-factor-challenge.repository';
import { TwoFactorSignInController } from './auth/two-factor-sign-in.controller';
import { TwoFactorSignInService } from './auth/two-factor-sign-in.service';
import { SessionsController } from './auth/sessions.controller';
import { PasswordHasher } from './credentials/password-hasher';
import { PasswordPolicy } from './credentials/password-policy';
import { TotpService } from './credentials/totp.service';
import { ConsoleLinks } from './mail/console-links';
import { MailSender } from './mail/mail-sender';
import { mailProviders } from './mail/mail.providers';
import { MailOutboxController } from './mail/outbox/mail-outbox.controller';
import { MailOutboxService } from './mail/outbox/mail-outbox.service';
import { AccessTokenService } from './sessions/access-token.service';
import { ActiveSessionCache } from './sessions/active-session-cache';
import { BrowserTokenDelivery } from './sessions/browser-token-delivery';
import { CsrfTokens } from './sessions/csrf-tokens';
import { TokenDeliveryInterceptor } from './sessions/token-delivery.interceptor';
import { SessionService } from './sessions/session.service';
import { RecoveryCodeRepository } from './two-factor/recovery-code.repository';
import { TotpFactor } from './two-factor/totp-factor';
import { TwoFactorController } from './two-factor/two-factor.controller';
import { TwoFactorService } from './two-factor/two-factor.service';
import { TwoFactorNoticeMailer } from './two-factor/two-factor-notice.mailer';
import { ImpersonationController } from './impersonation/impersonation.controller';
import { ImpersonationService } from './impersonation/impersonation.service';
import { ApiKeyStrategy } from './passport/api-key.strategy';
import { PassportAuthenticator } from './passport/passport.authenticator';
import { SessionStrategy } from './passport/session.strategy';
import { PlatformAdminBootstrap } from './platform-admin/platform-admin-bootstrap';
import { PlatformAdminController } from './platform-admin/platform-admin.controller';
import { PlatformAdminService } from './platform-admin/platform-admin.service';
import { RevocationListener } from './revocation/revocation.listener';

/**
 * Providers of the identity plugin (issue #3): mail, credentials, sessions and the session authenticator, and the
 * first HTTP flows (sign-up, password sign-in, refresh, sign-out, my sessions, me).
 */
@Module({
  controllers: [
    AuthController,
    SessionsController,
    MeController,
    ActiveWorkspaceController,
    AccountRecoveryController,
    EmailCodeController,
    TwoFactorSignInController,
    TwoFactorController,
    ...apiKeyControllers,
    PlatformAdminController,
    MailOutboxController,
    ImpersonationController,
    ...ssoControllers,
  ],
  providers: [
    ...mailProviders,
    ClosedAccountAnonymizer,
    ConsoleLinks,
    MailOutboxService,
    PasswordHasher,
    PasswordPolicy,
    TotpService,
    AccessTokenService,
    // The cache, the session strategy and the revocation listener (which also serves the API key cache) share one
    // instance: keep them in this module together.
    ActiveSessionCache,
    RevocationListener,
    SessionService,
    // Browser sessions: cookies instead of tokens in the body, and their CSRF tokens.
    CsrfTokens,
    BrowserTokenDelivery,
    { provide: APP_INTERCEPTOR, useClass: TokenDeliveryInterceptor },
    // The kernel's authenticator runs the passport strategies (session, then API key) in this order.
    PassportAuthenticator,
    SessionStrategy,
    ApiKeyStrategy,
    // Platform administrators and impersonation.
    PlatformAdminService,
    PlatformAdminBootstrap,
    ImpersonationService,
    UserRepository,
    OneTimeCodeRepository,
    AccountRegistration,
    AccountService,
    ActiveWorkspaceService,
    EmailVerificationService,
    PasswordReplacement,
    PasswordResetService,
    PasswordChangeService,
    AccountClosureService,
    AuthService,
    // Sign-in methods and two-factor authentication.
    SignInCompletion,
    TwoFactorChallengeRepository,
    EmailCodeSignInService,
    TwoFactorSignInService,
    TotpFactor,
    RecoveryCodeRepository,
    TwoFactorNoticeMailer,
    TwoFactorService,
    // API keys: cache, usage recorder, verifier (used by ApiKeyStrategy) and service.
    ...apiKeyProviders,
    // Single sign-on: connections, domain verification, OIDC/OAuth/SAML sign-in, just-in-time membership.
    ...ssoProviders,
  ],
  // What other plugins' modules may inject (they import IdentityModule; see the exports of src/index.ts).
  exports: [
    MailSender,
    ConsoleLinks,
    AccountRegistration,
    PasswordHasher,
    PasswordPolicy,
    TotpService,
    SessionService,
    AccessTokenService,
    ApiKeyService,
  ],
})
export class IdentityModule {}
