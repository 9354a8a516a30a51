// @quire/identity: the identity plugin's public surface.
// Event names and payloads of the account flows (declaration merging into QuireEvents).
import './accounts/account.events';
export { IdentityPlugin } from './identity.plugin';
export { identityOptionsFromConfig } from './identity.config';
export type { IdentityOptions } from './identity.options';
export { platformAdminActor, type PlatformAdminActor } from './platform-admin/platform-admin-actor';
