import { ActiveApiKeyCache } from './active-api-key-cache';
import { ApiKeyUsageRecorder } from './api-key-usage.recorder';
import { ApiKeyService } from './api-key.service';
import { ApiKeyVerifier } from './api-key.verifier';
import { ApiKeysController } from './api-keys.controller';

export const apiKeyControllers = [ApiKeysController];

/**
 * The cache, the verifier and the service share one instance (so does the identity module's RevocationListener):
 * keep them in one module. Requests reach the verifier through the identity passport strategy `quire-api-key`
 * (passport/api-key.strategy.ts).
 */
export const apiKeyProviders = [ActiveApiKeyCache, ApiKeyUsageRecorder, ApiKeyVerifier, ApiKeyService];
