import { Inject, Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { RATE_LIMIT_STORAGE } from './rate-limit.tokens';

/** The outcome of one counted request. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests still allowed in the current window (0 when refused). */
  remaining: number;
  /** Seconds until the count resets, or, when refused, until the lockout ends (the `Retry-After`). */
  resetSeconds: number;
}

/** Throttler name passed to the storage; every key already says which limit it belongs to. */
const THROTTLER_NAME = 'quire';
const MAX_KEY_LENGTH = 256;

/**
 * Counts requests against limits shared by every API instance (Redis when REDIS_URL is set). A limit allows
 * `limit` requests per window; the request that exceeds it starts a lockout of one window, during which the key
 * is refused and nothing more is counted. Keys must not carry personal data in clear: pass ids or hashes.
 */
@Injectable()
export class RateLimiter {
  constructor(@Inject(RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage) {}

  async consume(key: string, limit: number, windowSeconds: number): Promise<RateLimitDecision> {
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
      throw new RangeError(`A rate-limit key must be a string of 1 to ${MAX_KEY_LENGTH} characters`);
    }
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`A rate limit must be a positive whole number, got ${limit}`);
    }
    if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
      throw new RangeError(`A rate-limit window must be a positive whole number of seconds, got ${windowSeconds}`);
    }
    const windowMs = windowSeconds * 1000;
    // The block duration is the window, as @nestjs/throttler's own guard does by default.
    const record = await this.storage.increment(key, windowMs, limit, windowMs, THROTTLER_NAME);
    const within = (seconds: number) => Math.min(windowSeconds, Math.max(1, Math.ceil(seconds)));
    return record.isBlocked
      ? { allowed: false, limit, remaining: 0, resetSeconds: within(record.timeToBlockExpire) }
      : {
          allowed: true,
          limit,
          remaining: Math.max(0, limit - record.totalHits),
          resetSeconds: within(record.timeToExpire),
        };
  }
}
