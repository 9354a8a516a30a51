import { Global, Module } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { QUIRE_CONFIG } from '../config/config.module';
import type { QuireConfig } from '../config/config.schema';
import { resolveSecretKey } from '../config/secret-key';
import { FailoverThrottlerStorage } from './failover-throttler-storage';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitKeyHasher } from './rate-limit-keys';
import { RATE_LIMIT_STORAGE } from './rate-limit.tokens';
import { RateLimiter } from './rate-limiter';
import { RedisThrottlerStorage } from './redis-throttler-storage';

/**
 * Rate limiting for every plugin: the storage (memory, or Redis under REDIS_URL with this instance's memory as
 * fallback), the RateLimiter on it, and what `@RateLimit` routes need. Global, like the rest of the kernel.
 */
@Global()
@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [QUIRE_CONFIG],
      useFactory: (config: QuireConfig) =>
        config.REDIS_URL
          ? new FailoverThrottlerStorage(
              new RedisThrottlerStorage(config.REDIS_URL, config.RATE_LIMIT_PREFIX),
              new ThrottlerStorageService(),
            )
          : new ThrottlerStorageService(),
    },
    {
      provide: RateLimitKeyHasher,
      inject: [QUIRE_CONFIG],
      useFactory: (config: QuireConfig) => new RateLimitKeyHasher(resolveSecretKey(config)),
    },
    RateLimiter,
    RateLimitGuard,
  ],
  exports: [RATE_LIMIT_STORAGE, RateLimitKeyHasher, RateLimiter, RateLimitGuard],
})
export class RateLimitModule {}
