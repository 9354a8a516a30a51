import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { QUIRE_CONFIG } from '../config/config.module';
import type { QuireConfig } from '../config/config.schema';
import { DATABASE_URL } from '../database/database.tokens';

export interface QueueOptions {
  /** Attempts after the first; default 5. */
  retryLimit?: number;
  /** Seconds before the first retry; doubled each time (exponential backoff). Default 10. */
  retryDelaySeconds?: number;
}

export type JobHandler<T> = (data: T, job: { id: string; name: string; retryCount: number }) => Promise<void>;

/**
 * The durable queue for side effects (webhooks, mail, AI calls), on PostgreSQL with pg-boss. Jobs survive
 * restarts and are retried with exponential backoff; each is worked once across all instances.
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private started: Promise<void> | null = null;
  private readonly queues = new Set<string>();

  constructor(
    @Inject(DATABASE_URL) databaseUrl: string,
    @Inject(QUIRE_CONFIG) private readonly config: QuireConfig,
  ) {
    this.boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4, application_name: 'quire-queue' });
    this.boss.on('error', (error) => this.logger.error(`queue: ${error.message}`));
  }

  /** Starts pg-boss (installing its schema on first use). Idempotent. */
  start(): Promise<void> {
    this.started ??= this.boss.start().then(() => undefined);
    return this.started;
  }

  async ensureQueue(name: string, options: QueueOptions = {}): Promise<void> {
    await this.start();
    if (this.queues.has(name)) return;
    await this.boss.createQueue(name, {
      name,
      retryLimit: options.retryLimit ?? 5,
      retryDelay: options.retryDelaySeconds ?? 10,
      retryBackoff: true,
    });
    this.queues.add(name);
  }

  async send<T extends object>(name: string, data: T, options: { singletonKey?: string; startAfterSeconds?: number } = {}): Promise<string | null> {
    await this.ensureQueue(name);
    return this.boss.send(name, data, {
      singletonKey: options.singletonKey,
      startAfter: options.startAfterSeconds,
    });
  }

  async work<T extends object>(name: string, handler: JobHandler<T>, options: QueueOptions = {}): Promise<void> {
    await this.ensureQueue(name, options);
    await this.boss.work<T>(name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const job of jobs) {
        await handler(job.data, { id: job.id, name: job.name, retryCount: (job as { retryCount?: number }).retryCount ?? 0 });
      }
    });
  }

  /** Readiness: the queue's schema answers. */
  async ping(): Promise<void> {
    await this.start();
    await this.boss.getDb().executeSql('SELECT 1', []);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, timeout: this.config.SHUTDOWN_TIMEOUT_MS, wait: true });
  }
}
