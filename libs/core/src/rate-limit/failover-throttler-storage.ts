import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type Lifecycle = Partial<OnModuleInit & OnApplicationShutdown>;

/**
 * The shared storage, and this instance's memory while the shared one fails. A Redis outage then neither takes
 * sign-in down (failing closed) nor lifts the limits (failing open): each instance keeps limiting on its own
 * counts. The outage is logged once as an error when it starts and once when it ends, not on every request.
 */
export class FailoverThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private failing = false;

  constructor(
    private readonly shared: ThrottlerStorage & Lifecycle,
    private readonly local: ThrottlerStorage & Lifecycle,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.shared.onModuleInit?.();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<Awaited<ReturnType<ThrottlerStorage['increment']>>> {
    try {
      const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.failing) {
        this.failing = false;
        this.logger.log('Rate-limit storage (Redis) answers again: counts are shared by all instances again.');
      }
      return record;
    } catch (error) {
      if (!this.failing) {
        this.failing = true;
        this.logger.error(
          `Rate-limit storage (Redis) failed (${(error as Error).message}): counting in this instance's memory until it answers.`,
        );
      }
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.shared.onApplicationShutdown?.();
    await this.local.onApplicationShutdown?.();
  }
}
