import { Injectable } from '@nestjs/common';
import { InjectPluginOptions } from '@quire/core';
import type { IdentityOptions } from '../identity.options';
import type { SamlConnectionConfig } from './connections/sso-connection-config';
import type { SsoConnection } from './entities/sso-connection.entity';

/**
 * The public URLs of the SSO endpoints, from the installation's `publicUrl` (never from request headers, which a
 * client controls). Identity providers are configured with them, and they must match what Quire sends.
 */
@Injectable()
export class SsoUrls {
  readonly base: string;

  constructor(@InjectPluginOptions('identity') options: IdentityOptions) {
    this.base = options.publicUrl.replace(/\/+$/, '');
  }

  get oidcRedirectUri(): string {
    return `${this.base}/api/v1/auth/sso/oidc/callback`;
  }

  get samlAcsUrl(): string {
    return `${this.base}/api/v1/auth/sso/saml/acs`;
  }

  /** Where the console lands after a sign-in when no return path was asked for. */
  get console(): string {
    return `${this.base}/admin/`;
  }

  signIn(connectionId: string): string {
    return `${this.base}/api/v1/auth/sso/${connectionId}/start`;
  }

  samlMetadata(connectionId: string): string {
    return `${this.base}/api/v1/auth/sso/saml/${connectionId}/metadata`;
  }

  /** Our SAML entity id: the configured one, else the metadata URL (a common, unique choice). */
  samlEntityId(connection: Pick<SsoConnection, 'id' | 'config'>): string {
    return (connection.config as SamlConnectionConfig).spEntityId ?? this.samlMetadata(connection.id);
  }
}
