import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntitySubscriberInterface, type QueryRunner } from 'typeorm';
import type { Actor } from '../context/actor';
import { JobQueue, type QueueJob, type SqlExecutor } from '../jobs/job-queue';
import { EventHandlerRegistry, eventQueueName } from './event-handler.registry';
import type { QuireEventEnvelope } from './quire-events';

const BATCH_SIZE = 100;
const POLL_INTERVAL_MS = 250;

interface OutboxRow {
  id: string;
  workspace_id: string | null;
  event_name: string;
  payload: unknown;
  actor: Actor;
  request_id: string | null;
  created_at: Date;
}

/**
 * Moves committed outbox rows to the durable queue: one job per subscribed handler, enqueued in the same
 * transaction that marks the row dispatched, so a row is relayed exactly once even with N instances relaying
 * side by side (`FOR UPDATE SKIP LOCKED` splits the rows between them). Polls every 250 ms, and is nudged right
 * after a transaction that published an event commits in this process.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The drain under way (or a settled promise); the next drain starts after it. */
  private current: Promise<unknown> = Promise.resolve();
  /** A drain queued behind the current one; every flush() until it starts shares it. */
  private next: Promise<number> | null = null;
  /** Transactions of this process that published an event and have not ended yet. */
  private readonly publishing = new WeakSet<QueryRunner>();
  private lastError: string | null = null;

  private readonly commitListener: EntitySubscriberInterface = {
    afterTransactionCommit: ({ queryRunner }) => {
      // A released savepoint also "commits"; only the outermost commit makes the rows visible.
      if (queryRunner.isTransactionActive || !this.publishing.has(queryRunner)) return;
      this.publishing.delete(queryRunner);
      this.nudge();
    },
    afterTransactionRollback: ({ queryRunner }) => {
      if (!queryRunner.isTransactionActive) this.publishing.delete(queryRunner);
    },
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly handlers: EventHandlerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.dataSource.subscribers.push(this.commitListener);
    this.timer = setInterval(() => this.nudge(), POLL_INTERVAL_MS);
    this.timer.unref();
  }

  /** Before onApplicationShutdown, where Nest closes the DataSource a drain under way still needs. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const index = this.dataSource.subscribers.indexOf(this.commitListener);
    if (index >= 0) this.dataSource.subscribers.splice(index, 1);
    // Let the drain under way commit; rows it did not reach stay in the outbox for the next instance.
    await this.current;
  }

  /** Called by the EventBus for a row written inside `queryRunner`'s transaction: relay it once that commits. */
  afterCommitOf(queryRunner: QueryRunner): void {
    this.publishing.add(queryRunner);
  }

  /** Relays soon, without waiting; errors are logged. */
  nudge(): void {
    if (this.stopped) return;
    this.flush().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      // Logged once per distinct failure: a database outage would otherwise log four lines a second.
      if (message !== this.lastError) this.logger.error(`Relaying the outbox failed: ${message}`);
      this.lastError = message;
    });
  }

  /**
   * Relays every pending row this instance can lock and resolves with how many it moved. Starts after any drain
   * already under way, so rows committed before the call are relayed (or locked by another instance) when it
   * resolves. For tests and operators; the timer calls it too.
   */
  flush(): Promise<number> {
    if (this.next) return this.next;
    const run = this.current.then(() => {
      this.next = null;
      return this.drain();
    });
    this.next = run;
    this.current = run.catch(() => undefined);
    return run;
  }

  private async drain(): Promise<number> {
    // Most ticks find nothing: one indexed read instead of a transaction (BEGIN, SELECT … FOR UPDATE, COMMIT).
    const [pending] = (await this.dataSource.query(
      `SELECT 1 FROM quire_outbox WHERE dispatched_at IS NULL LIMIT 1`,
    )) as unknown[];
    if (!pending) return 0;
    let total = 0;
    for (;;) {
      const moved = await this.dataSource.transaction((manager) => this.relayBatch(manager.queryRunner!));
      total += moved;
      this.lastError = null;
      if (moved < BATCH_SIZE || this.stopped) return total;
    }
  }

  private async relayBatch(runner: QueryRunner): Promise<number> {
    const rows = (await runner.query(
      `SELECT id, workspace_id, event_name, payload, actor, request_id, created_at
         FROM quire_outbox
        WHERE dispatched_at IS NULL
        ORDER BY id
        LIMIT $1
          FOR UPDATE SKIP LOCKED`,
      [BATCH_SIZE],
    )) as OutboxRow[];
    if (rows.length === 0) return 0;
    const jobs: QueueJob<QuireEventEnvelope>[] = rows.flatMap((row) =>
      this.handlers.subscribersOf(row.event_name).map((handler) => ({
        queue: eventQueueName(handler.id),
        // The event id as job id: a job is unique per queue, so a row can never be enqueued twice for a handler.
        id: row.id,
        data: toEnvelope(row),
        // The handler's policy travels with the job, whatever state its queue is in.
        retryLimit: handler.options.retryLimit,
        retryDelaySeconds: handler.options.retryDelaySeconds,
        retryBackoff: handler.options.retryBackoff,
      })),
    );
    await this.queue.insert(jobs, { executor: onConnection(runner) });
    await runner.query(`UPDATE quire_outbox SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [
      rows.map((row) => row.id),
    ]);
    return rows.length;
  }
}

function toEnvelope(row: OutboxRow): QuireEventEnvelope {
  return {
    id: row.id,
    name: row.event_name,
    workspaceId: row.workspace_id,
    actor: row.actor,
    requestId: row.request_id,
    payload: row.payload,
    occurredAt: row.created_at.toISOString(),
  };
}

/** pg-boss's database port on a TypeORM query runner: its SQL joins the runner's transaction. */
function onConnection(runner: QueryRunner): SqlExecutor {
  return {
    executeSql: async (text, values) => ({ rows: (await runner.query(text, values, true)).records ?? [] }),
  };
}
