import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { QUIRE_CONFIG } from '../config/config.module';
import type { QuireConfig } from '../config/config.schema';
import { DATABASE_URL } from '../database/database.tokens';

export interface QueueOptions {
  /** Attempts after the first; default 5. */
  retryLimit?: number;
  /** Seconds before the first retry; doubled each time (exponential backoff). Default 10. */
  retryDelaySeconds?: number;
  /** Double the delay after each failed attempt (with jitter). Default true. */
  retryBackoff?: boolean;
}

/** A connection to run the queue's SQL on: pass the caller's transaction so that jobs commit or roll back with it. */
export interface SqlExecutor {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The caller's TypeORM transaction as the queue's connection: jobs inserted through it commit with the caller's rows. */
export function transactionExecutor(manager: EntityManager): SqlExecutor {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('transactionExecutor needs an EntityManager inside a transaction');
  return {
    executeSql: async (text, values) => ({ rows: (await runner.query(text, values, true)).records ?? [] }),
  };
}

export interface WorkOptions extends QueueOptions {
  /** Jobs of this queue one instance works at the same time (each a worker of its own). Default 1. */
  concurrency?: number;
}

/** One job of a batch for `insert`; retry options left out come from the queue. */
export interface QueueJob<T extends object> extends QueueOptions {
  queue: string;
  data: T;
  /** A stable id makes the insert idempotent: a job already in the queue under this id is not added twice. */
  id?: string;
}

export type JobHandler<T> = (data: T, job: { id: string; name: string; retryCount: number }) => Promise<void>;

/**
 * The durable queue for side effects (webhooks, mail, AI calls), on PostgreSQL with pg-boss. Jobs survive
 * restarts and are retried with exponential backoff; each is worked once across all instances.
 */
@Injectable()
export class JobQueue implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private started: Promise<void> | null = null;
  private readonly queues = new Set<string>();
  private readonly worked = new Set<string>();
  /** Handlers running now, so that shutdown can wait for them while the database is still open. */
  private readonly running = new Set<Promise<void>>();

  constructor(
    @Inject(DATABASE_URL) databaseUrl: string,
    @Inject(QUIRE_CONFIG) private readonly config: QuireConfig,
  ) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      max: 4,
      application_name: 'quire-queue',
    });
    this.boss.on('error', (error) => this.logger.error(`queue: ${error.message}`));
  }

  /** Starts pg-boss (installing its schema on first use). Idempotent. */
  start(): Promise<void> {
    this.started ??= this.boss.start().then(() => undefined);
    return this.started;
  }

  /**
   * Creates the queue if it is missing. With `options`, also applies them to an existing queue: the worker owns
   * its queue's retry policy, and pg-boss never updates a queue that `createQueue` finds already there.
   */
  async ensureQueue(name: string, options?: QueueOptions): Promise<void> {
    await this.start();
    if (this.queues.has(name) && options === undefined) return;
    const policy = {
      retryLimit: options?.retryLimit ?? 5,
      retryDelay: options?.retryDelaySeconds ?? 10,
      retryBackoff: options?.retryBackoff ?? true,
    };
    if (!this.queues.has(name)) await this.boss.createQueue(name, { name, ...policy });
    if (options !== undefined) await this.boss.updateQueue(name, { name, ...policy });
    this.queues.add(name);
  }

  async send<T extends object>(
    name: string,
    data: T,
    options: { singletonKey?: string; startAfterSeconds?: number } = {},
  ): Promise<string | null> {
    await this.ensureQueue(name);
    return this.boss.send(name, data, {
      singletonKey: options.singletonKey,
      startAfter: options.startAfterSeconds,
    });
  }

  /**
   * Enqueues many jobs in one statement. With `executor`, the insert runs on the caller's connection, so the jobs
   * exist exactly when the caller's transaction commits (the transactional outbox relies on it).
   */
  async insert<T extends object>(jobs: QueueJob<T>[], options: { executor?: SqlExecutor } = {}): Promise<void> {
    if (jobs.length === 0) return;
    // pg-boss silently drops jobs for a queue that does not exist; create them first (outside the transaction).
    for (const queue of new Set(jobs.map((job) => job.queue))) await this.ensureQueue(queue);
    await this.boss.insert(
      jobs.map((job) => ({
        id: job.id,
        name: job.queue,
        data: job.data,
        retryLimit: job.retryLimit,
        retryDelay: job.retryDelaySeconds,
        retryBackoff: job.retryBackoff,
      })),
      { db: options.executor as PgBoss.Db | undefined },
    );
  }

  async work<T extends object>(name: string, handler: JobHandler<T>, options: WorkOptions = {}): Promise<void> {
    const { concurrency = 1, ...policy } = options;
    await this.ensureQueue(name, policy);
    this.worked.add(name);
    // pg-boss runs one batch at a time per worker: N workers of one queue work N jobs side by side.
    for (let worker = 0; worker < Math.max(1, concurrency); worker++) {
      await this.boss.work<T>(
        name,
        { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true },
        async (jobs) => {
          for (const job of jobs) {
            const run = handler(job.data, { id: job.id, name: job.name, retryCount: job.retryCount });
            this.running.add(run);
            try {
              await run;
            } finally {
              this.running.delete(run);
            }
          }
        },
      );
    }
  }

  /** Readiness: the queue's schema answers. */
  async ping(): Promise<void> {
    await this.start();
    await this.boss.getDb().executeSql('SELECT 1', []);
  }

  /**
   * Stops fetching and lets the handlers under way finish, before onApplicationShutdown: Nest closes the TypeORM
   * DataSource in that phase, and handlers need it. A job fetched but not finished by the deadline is retried
   * later (delivery is at least once).
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started || this.worked.size === 0) return;
    for (const name of this.worked) await this.boss.offWork(name);
    const deadline = Date.now() + this.config.SHUTDOWN_TIMEOUT_MS;
    while (this.running.size > 0 && Date.now() < deadline) {
      await Promise.race([
        Promise.allSettled([...this.running]),
        new Promise((resolve) => setTimeout(resolve, Math.max(deadline - Date.now(), 0))),
      ]);
    }
    if (this.running.size > 0)
      this.logger.warn(`Shutting down with ${this.running.size} queue job(s) still running; they will be retried`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, timeout: this.config.SHUTDOWN_TIMEOUT_MS, wait: true });
  }
}
