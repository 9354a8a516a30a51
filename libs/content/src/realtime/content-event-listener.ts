import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DATABASE_URL } from '@quire/core';
import { Client, type Notification } from 'pg';
import { CONTENT_EVENTS_CHANNEL, parseContentEventNotice } from './content-event-channel';
import { ContentEventHub } from './content-event-hub';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * One dedicated PostgreSQL connection per instance LISTENing on `quire_content_events` (a LISTEN lives on one
 * session-mode connection, so not a pooled one), handing each notice to the hub. Every instance listens, so a
 * stream sees the events committed through any instance. Reconnects with backoff; events committed while it is
 * down are not streamed (clients reload on reconnect, docs/content/realtime.md).
 */
@Injectable()
export class ContentEventListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ContentEventListener.name);
  private client: Client | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs = RETRY_MIN_MS;
  private stopped = false;

  constructor(
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly hub: ContentEventHub,
  ) {}

  /** Awaited at boot, so the first stream an instance serves already receives events. */
  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
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
      application_name: 'quire-content-events',
      keepAlive: true,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    let lost = false;
    const onLost = (error?: Error): void => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      const delay = this.retryDelayMs;
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_MAX_MS);
      this.logger.warn(
        `Content event channel unavailable (${error?.message ?? 'connection ended'}); retrying in ${delay} ms`,
      );
      this.retryTimer = setTimeout(() => void this.connect(), delay);
      this.retryTimer.unref();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (notice: Notification) => {
      const parsed = notice.channel === CONTENT_EVENTS_CHANNEL ? parseContentEventNotice(notice.payload) : null;
      if (parsed) this.hub.notify(parsed);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CONTENT_EVENTS_CHANNEL}`);
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
  }
}
