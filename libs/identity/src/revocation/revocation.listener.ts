import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DATABASE_URL } from '@quire/core';
import { Client, type Notification } from 'pg';
import { API_KEY_REVOKED_CHANNEL } from '../api-keys/active-api-key';
import { ActiveApiKeyCache } from '../api-keys/active-api-key-cache';
import { SESSION_REVOKED_CHANNEL } from '../sessions/active-session';
import { ActiveSessionCache } from '../sessions/active-session-cache';
import type { RevocationAwareCache } from './revocation-aware-cache';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;
const CONNECT_TIMEOUT_MS = 10_000;

type ListeningCache = Pick<RevocationAwareCache<unknown>, 'evict' | 'setListening'>;

/**
 * Holds one dedicated PostgreSQL connection per instance that LISTENs on every revocation channel
 * (`quire_session_revoked`, `quire_api_key_revoked`) and evicts the id a notice names from that channel's cache.
 * Dedicated, because a LISTEN lives on a connection and pooled connections come and go (it also needs a
 * session-mode connection: not through a transaction pooler); one for all channels, so an instance spends a single
 * connection on them. While the connection is down every cache is off, so correctness never depends on these
 * channels; it reconnects with backoff.
 */
@Injectable()
export class RevocationListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RevocationListener.name);
  private readonly cachesByChannel: ReadonlyMap<string, ListeningCache>;
  private client: Client | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs = RETRY_MIN_MS;
  private stopped = false;

  constructor(
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    sessions: ActiveSessionCache,
    apiKeys: ActiveApiKeyCache,
  ) {
    this.cachesByChannel = new Map<string, ListeningCache>([
      [SESSION_REVOKED_CHANNEL, sessions],
      [API_KEY_REVOKED_CHANNEL, apiKeys],
    ]);
  }

  /** Awaited at boot, so an instance serves its first request with the channel open (or, failing that, uncached). */
  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.setListening(false);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  get isListening(): boolean {
    return this.client !== null;
  }

  private setListening(listening: boolean): void {
    for (const cache of this.cachesByChannel.values()) cache.setListening(listening);
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: 'quire-revocations',
      keepAlive: true,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    let lost = false;
    const onLost = (error?: Error): void => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      this.setListening(false);
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      const delay = this.retryDelayMs;
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_MAX_MS);
      this.logger.warn(
        `Revocation channels unavailable (${error?.message ?? 'connection ended'}); ` +
          `sessions and API keys are checked uncached until they are back; retrying in ${delay} ms`,
      );
      this.retryTimer = setTimeout(() => void this.connect(), delay);
      this.retryTimer.unref();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (notice: Notification) => {
      if (notice.payload) this.cachesByChannel.get(notice.channel)?.evict(notice.payload);
    });
    try {
      await client.connect();
      for (const channel of this.cachesByChannel.keys()) await client.query(`LISTEN ${channel}`);
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
    this.setListening(true);
  }
}
