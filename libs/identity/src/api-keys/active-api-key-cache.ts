import { Injectable } from '@nestjs/common';
import { RevocationAwareCache } from '../revocation/revocation-aware-cache';
import type { ActiveApiKey } from './active-api-key';

/** API keys found active in the last second, by secret hash, for the API key verifier (ADR 0012). */
@Injectable()
export class ActiveApiKeyCache extends RevocationAwareCache<ActiveApiKey> {
  constructor() {
    super((key) => ({ id: key.id, expiresAt: key.expiresAt }));
  }
}
