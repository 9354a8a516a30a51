import type { ApiKeyKind } from './api-key.entity';

/** What the authenticator needs to know about a key that works: not revoked, not expired, creator's account open. */
export interface ActiveApiKey {
  id: string;
  workspaceId: string;
  name: string;
  prefix: string;
  kind: ApiKeyKind;
  scopes: string[];
  expiresAt: Date | null;
  rateLimitPerMinute: number | null;
}

/** The NOTIFY channel on which every revocation announces the key id, to every API instance. */
export const API_KEY_REVOKED_CHANNEL = 'quire_api_key_revoked';
