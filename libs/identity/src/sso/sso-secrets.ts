import { Injectable } from '@nestjs/common';
import { SecretCipher } from '@quire/core';
import type { SsoConnection } from './entities/sso-connection.entity';

/**
 * Seals and opens connections' client secrets. Bound to the workspace and the connection by associated data, so
 * a sealed value copied into another row (or another tenant's) does not decrypt there.
 */
@Injectable()
export class SsoSecrets {
  constructor(private readonly cipher: SecretCipher) {}

  seal(connection: Pick<SsoConnection, 'id' | 'workspaceId'>, secret: string): string {
    return this.cipher.encrypt(secret, boundTo(connection));
  }

  open(connection: Pick<SsoConnection, 'id' | 'workspaceId' | 'clientSecret'>): string | undefined {
    return connection.clientSecret ? this.cipher.decrypt(connection.clientSecret, boundTo(connection)) : undefined;
  }
}

function boundTo(connection: Pick<SsoConnection, 'id' | 'workspaceId'>): string {
  return `sso-client-secret:${connection.workspaceId}:${connection.id}`;
}
