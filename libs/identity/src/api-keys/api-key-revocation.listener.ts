import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DATABASE_URL } from '@quire/core';
import { Client, type Notification } from 'pg';
import { API_KEY_REVOKED_CHANNEL } from './active-api-key';
import { ActiveApiKeyCache } from './active-api-key-cache';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Holds one dedicated PostgreSQL connection per instance that LISTENs on `quire_api_key_revoked` and evicts the
 * named key from this instance's ActiveApiKeyCache: the design of SessionRevocationListener (ADR 0010). While
 * the connection is down the cache is off, so correctness never depends on this channel; it reconnects with
 * backoff.
 */
@Injectable()
export class ApiKeyRevocationListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ApiKeyRevocationListener.name);
  private client: Client | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs = RETRY_MIN_MS;
  private stopped = false;

  constructor(
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly cache: ActiveApiKeyCache,
  ) {}

  /** Awaited at boot, so an instance serves its first request with the channel open (or, failing that, uncached). */
  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.cache.setListening(false);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  get isListening(): boolean {
    return this.client !== null;
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: 'quire-api-key-revocations',
      keepAlive: true,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    let lost = false;
    const onLost = (error?: Error): void => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      this.cache.setListening(false);
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      const delay = this.retryDelayMs;
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_MAX_MS);
      this.logger.warn(
        `API key revocation channel unavailable (${error?.message ?? 'connection ended'}); ` +
          `keys are checked uncached until it is back; retrying in ${delay} ms`,
      );
      this.retryTimer = setTimeout(() => void this.connect(), delay);
      this.retryTimer.unref();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (notice: Notification) => {
      if (notice.channel === API_KEY_REVOKED_CHANNEL && notice.payload) this.cache.evict(notice.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${API_KEY_REVOKED_CHANNEL}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (this.stopped) {
      lost = true;
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryDelayMs = RETRY_MIN_MS;
    this.cache.setListening(true);
  }
}
