// @quire/identity: the identity plugin's public surface.
export { IdentityPlugin } from './identity.plugin';
export type { IdentityOptions } from './identity.options';
