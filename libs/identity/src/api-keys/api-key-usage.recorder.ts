import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectPluginOptions } from '@quire/core';
import { DataSource } from 'typeorm';
import type { IdentityOptions } from '../identity.options';

/** Rows per statement: far below PostgreSQL's 65 535 parameters (3 per row); one statement in practice. */
const MAX_ROWS_PER_STATEMENT = 5000;

interface Usage {
  count: number;
  lastUsedAt: Date;
}

/**
 * Counts API key requests in memory and writes them in batches: one `UPDATE … FROM (VALUES …)` per flush for all
 * keys used since the last one, every `apiKeyUsageFlushSeconds` and at shutdown. A write per request would put
 * a row lock and a WAL record on the hot path of every key, and serialize a busy key's requests on its row.
 * The price: counts are as fresh as the last flush of each instance, and a crash loses at most one interval.
 */
@Injectable()
export class ApiKeyUsageRecorder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ApiKeyUsageRecorder.name);
  private pending = new Map<string, Usage>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    @InjectPluginOptions('identity') private readonly options: IdentityOptions,
  ) {}

  record(keyId: string, at: Date = new Date()): void {
    const usage = this.pending.get(keyId);
    if (usage) {
      usage.count++;
      if (at > usage.lastUsedAt) usage.lastUsedAt = at;
    } else {
      this.pending.set(keyId, { count: 1, lastUsedAt: at });
    }
  }

  /** Requests counted on this instance and not yet written. */
  get pendingCount(): number {
    let total = 0;
    for (const usage of this.pending.values()) total += usage.count;
    return total;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), this.options.apiKeyUsageFlushSeconds * 1000);
    this.timer.unref();
  }

  /** Before onApplicationShutdown, where Nest closes the DataSource the last flush needs. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /**
   * Writes what was counted so far. Flushes run one after the other, so two cannot add the same counts. A failed
   * write puts its counts back for the next flush (and is logged); it never throws, being called from a timer.
   */
  flush(): Promise<void> {
    this.writing = this.writing
      .then(() => this.writePending())
      .catch((error: Error) => this.logger.error(`API key usage flush failed: ${error.message}`));
    return this.writing;
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const rows = [...batch.entries()];
    for (let start = 0; start < rows.length; start += MAX_ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + MAX_ROWS_PER_STATEMENT);
      try {
        await this.write(chunk);
      } catch (error) {
        for (const [keyId, usage] of chunk) this.putBack(keyId, usage);
        this.logger.warn(
          `Could not write the usage of ${chunk.length} API key(s); retrying at the next flush: ${(error as Error).message}`,
        );
      }
    }
  }

  private async write(rows: Array<[string, Usage]>): Promise<void> {
    const values = rows.map((_, i) => `($${i * 3 + 1}::uuid, $${i * 3 + 2}::bigint, $${i * 3 + 3}::timestamptz)`);
    const parameters = rows.flatMap(([keyId, usage]) => [keyId, usage.count, usage.lastUsedAt]);
    // GREATEST ignores NULL: the first use sets last_used_at; an older batch from a slower instance never moves it back.
    await this.dataSource.query(
      `UPDATE identity_api_keys k
          SET request_count = k.request_count + u.n, last_used_at = GREATEST(k.last_used_at, u.t)
         FROM (VALUES ${values.join(', ')}) AS u(id, n, t)
        WHERE k.id = u.id`,
      parameters,
    );
  }

  private putBack(keyId: string, usage: Usage): void {
    const newer = this.pending.get(keyId);
    if (!newer) {
      this.pending.set(keyId, usage);
      return;
    }
    newer.count += usage.count;
    if (usage.lastUsedAt > newer.lastUsedAt) newer.lastUsedAt = usage.lastUsedAt;
  }
}
