import { Injectable } from '@nestjs/common';
import { SecretCipher } from '@quire/core';

/**
 * Seals signing secrets with the kernel's AES-256-GCM cipher, bound to their webhook: a sealed value copied onto
 * another webhook (or workspace) does not open there. They are needed in clear to sign, so they are sealed, not hashed.
 */
@Injectable()
export class WebhookSecrets {
  constructor(private readonly cipher: SecretCipher) {}

  seal(webhookId: string, secret: string): string {
    return this.cipher.encrypt(secret, boundTo(webhookId));
  }

  open(webhookId: string, sealed: string): string {
    return this.cipher.decrypt(sealed, boundTo(webhookId));
  }
}

function boundTo(webhookId: string): string {
  return `webhook-secret:${webhookId}`;
}
