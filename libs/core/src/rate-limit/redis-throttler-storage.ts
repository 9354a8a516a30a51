import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One atomic step of a fixed-window limit with lockout (the semantics of @nestjs/throttler's memory storage):
 * while the block marker lives, refuse without counting; else count, set the window on the first hit, and on
 * the hit past the limit set the block marker for the block duration and start the count afresh.
 * KEYS: hit counter, block marker. ARGV: window ms, limit, block duration ms.
 * Returns totalHits, ms to the end of the window, blocked (0/1), ms to the end of the block.
 */
const INCREMENT_SCRIPT = `
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local blockDuration = tonumber(ARGV[3])
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl > 0 then
  return { limit + 1, blockTtl, 1, blockTtl }
end
local hits = redis.call('INCR', KEYS[1])
local windowTtl = redis.call('PTTL', KEYS[1])
if windowTtl < 0 then
  redis.call('PEXPIRE', KEYS[1], window)
  windowTtl = window
end
if hits <= limit then
  return { hits, windowTtl, 0, 0 }
end
if blockDuration > 0 then
  redis.call('SET', KEYS[2], '1', 'PX', blockDuration)
  redis.call('DEL', KEYS[1])
  return { hits, blockDuration, 1, blockDuration }
end
return { hits, windowTtl, 1, windowTtl }
`;

interface RateLimitCommands {
  quireRateLimitIncrement(
    hitsKey: string,
    blockKey: string,
    windowMs: number,
    limit: number,
    blockDurationMs: number,
  ): Promise<[number, number, number, number]>;
}

/** A request must not wait long on a sick Redis: past this, the caller falls back (see FailoverThrottlerStorage). */
const COMMAND_TIMEOUT_MS = 1000;
const CONNECT_TIMEOUT_MS = 3000;

/**
 * @nestjs/throttler's ThrottlerStorage on Redis (ioredis), so that every API instance shares each count. Written
 * here rather than taken from @nest-lab/throttler-storage-redis, whose peer range stops before NestJS 12.
 * Commands fail at once while disconnected (no offline queue): a request is never held until Redis returns.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly client: Redis & RateLimitCommands;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: CONNECT_TIMEOUT_MS,
      commandTimeout: COMMAND_TIMEOUT_MS,
      // Closing while reconnecting leaves a timer waiting this long for a socket that is already gone.
      disconnectTimeout: 100,
      connectionName: 'quire-rate-limit',
    }) as Redis & RateLimitCommands;
    this.client.defineCommand('quireRateLimitIncrement', { numberOfKeys: 2, lua: INCREMENT_SCRIPT });
    // ioredis retries for ever and reports each failed attempt; FailoverThrottlerStorage reports outages once.
    this.client.on('error', (error: Error) => this.logger.debug(`Redis: ${error.message}`));
  }

  /** Connects before the first request, so that counts are shared from the start; an unreachable Redis is logged, not fatal. */
  async onModuleInit(): Promise<void> {
    try {
      await this.client.connect();
    } catch (error) {
      this.logger.error(
        `Redis of REDIS_URL is unreachable at start (${(error as Error).message}): rate limits count in this instance's memory until it answers.`,
      );
    }
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    // Every key already names its limit (RateLimiter's and ThrottlerGuard's both do).
    _throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    // The braces are a Redis Cluster hash tag: both keys of the script live in one slot.
    const base = `${this.prefix}{${key}}`;
    const [totalHits, windowMs, blocked, blockMs] = await this.client.quireRateLimitIncrement(
      `${base}:hits`,
      `${base}:block`,
      ttl,
      limit,
      blockDuration,
    );
    return {
      totalHits,
      timeToExpire: Math.ceil(windowMs / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(blockMs / 1000),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }
}
