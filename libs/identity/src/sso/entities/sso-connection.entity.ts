import { TenantOwnedEntity } from '@quire/core';
import { Column, Entity } from 'typeorm';
import type { SsoConnectionConfig } from '../connections/sso-connection-config';

export type SsoKind = 'oidc' | 'saml';
/** Presets are OAuth/OIDC providers whose endpoints Quire knows; their connections have kind `oidc`. */
export type SsoPreset = 'google' | 'github';

/** A workspace's single sign-on connection to an identity provider. */
@Entity({ name: 'identity_sso_connections' })
export class SsoConnection extends TenantOwnedEntity {
  @Column({ type: 'text' }) kind!: SsoKind;
  @Column({ type: 'text', nullable: true }) preset!: SsoPreset | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  /** Non-secret settings (issuer, client id, scopes; SAML entry point, IdP certificate, entity ids). */
  @Column({ type: 'jsonb' }) config!: SsoConnectionConfig;
  /** OIDC/OAuth client secret sealed with SecretCipher (bound to workspace and connection); never returned. */
  @Column({ name: 'client_secret', type: 'text', nullable: true }) clientSecret!: string | null;
  /** Role given to users added to the workspace at their first SSO sign-in. */
  @Column({ name: 'default_role', type: 'text' }) defaultRole!: string;
}
