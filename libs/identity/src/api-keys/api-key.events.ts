import type { ApiKeyKind } from './api-key.entity';

/** Why a key stopped working before its expiry. */
export type ApiKeyRevocationReason = 'revoked' | 'account-closed';

declare module '@quire/core' {
  interface QuireEvents {
    /** A key was created. Never the secret, nor its hash. */
    'identity.api-key.created': {
      apiKeyId: string;
      name: string;
      prefix: string;
      kind: ApiKeyKind;
      scopes: string[];
      expiresAt: string | null;
      rateLimitPerMinute: number | null;
    };
    /** A key was revoked: by a member or key of its workspace, or because its creator closed their account. */
    'identity.api-key.revoked': { apiKeyId: string; prefix: string; reason: ApiKeyRevocationReason };
  }
}
