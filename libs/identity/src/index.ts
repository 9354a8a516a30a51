// @quire/identity: the identity plugin's public surface.
// Event names and payloads of the account flows (declaration merging into QuireEvents).
import './accounts/account.events';
export { IdentityPlugin } from './identity.plugin';
export { identityOptionsFromConfig } from './identity.config';
export type { IdentityOptions } from './identity.options';
export { platformAdminActor, type PlatformAdminActor } from './platform-admin/platform-admin-actor';
// For other plugins' modules: import IdentityModule to inject the services below.
export { IdentityModule } from './identity.module';
export { MailSender } from './mail/mail-sender';
export { SessionService } from './sessions/session.service';
export { ApiKeyService } from './api-keys/api-key.service';
export type { InvitationParams, MailTemplate, MailTemplateParams } from './mail/mail-templates';
export { ConsoleLinks } from './mail/console-links';
export {
  AccountRegistration,
  type MailboxProof,
  type NewAccount,
  type PreparedAccount,
} from './accounts/account-registration';
export { EmailTakenError } from './accounts/account.errors';
export { emailLookupKey } from './accounts/email';
export { SignUpResponse } from './auth/dto/auth-tokens.response';
export { IsDisplayName } from './accounts/dto/display-name.decorator';
export { IssuesTokens } from './sessions/issues-tokens.decorator';
export { hashToken, randomToken } from './credentials/token-hash';
