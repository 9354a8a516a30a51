import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectPluginOptions, RequestRecorders, uuidv7, type RequestRecord, type RequestRecorder } from '@quire/core';
import { DataSource } from 'typeorm';
import type { ComplianceOptions } from '../compliance.options';
import { coveringIncidentId } from './incident-match';

/** Records per INSERT statement, and the buffer size that triggers a flush before the timer does. */
export const SYSTEM_LOG_BATCH_SIZE = 500;
/** Records kept in memory while the database refuses them; past this the oldest are dropped (and counted). */
export const SYSTEM_LOG_BUFFER_LIMIT = 10_000;

/** Longer user agents are cut: the header may be kilobytes, the record needs only enough to recognise a client. */
const USER_AGENT_MAX_LENGTH = 512;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keeps every finished API request in `compliance_system_logs`. Requests only append to an in-memory buffer; a timer
 * (every `systemLogFlushIntervalMs`), a full batch and shutdown write it out, one multi-row INSERT per batch. When the
 * database refuses, records stay buffered up to a limit, then the oldest go (docs/adr/0026-system-logs.md). Rows
 * recorded while an open incident covers them are flagged at insert.
 */
@Injectable()
export class SystemLogRecorder
  implements RequestRecorder, OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(SystemLogRecorder.name);
  private buffer: RequestRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private droppedSinceWarning = 0;
  /** Records dropped because the buffer was full, since the process started. */
  dropped = 0;

  constructor(
    private readonly recorders: RequestRecorders,
    private readonly dataSource: DataSource,
    @InjectPluginOptions('compliance') private readonly options: ComplianceOptions,
  ) {}

  onModuleInit(): void {
    this.recorders.register(this);
    const interval = this.options.systemLogFlushIntervalMs;
    if (interval > 0) {
      this.timer = setInterval(() => void this.flush(), interval);
      this.timer.unref();
    }
  }

  record(record: RequestRecord): void {
    this.buffer.push(record);
    if (this.buffer.length > SYSTEM_LOG_BUFFER_LIMIT) {
      const over = this.buffer.length - SYSTEM_LOG_BUFFER_LIMIT;
      this.buffer.splice(0, over);
      this.dropped += over;
      this.droppedSinceWarning += over;
    }
    if (this.buffer.length === SYSTEM_LOG_BATCH_SIZE) void this.flush();
  }

  /** Records waiting to be written. */
  get pending(): number {
    return this.buffer.length;
  }

  /**
   * Writes every record buffered so far (after any write already running). Never throws: on a database error the
   * records go back to the buffer for the next flush, and the error is logged.
   */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.writeBuffered());
    return this.writing;
  }

  /** Writes what is left while the database pool is certainly still open (the HTTP server is drained by now). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  onApplicationShutdown(): void {
    if (this.buffer.length > 0) {
      this.logger.warn(`${this.buffer.length} system-log records were not written before shutdown`);
    }
  }

  private async writeBuffered(): Promise<void> {
    this.warnAboutDropped();
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, SYSTEM_LOG_BATCH_SIZE);
      try {
        await this.insert(batch);
      } catch (error) {
        // Back in front, in order, for the next flush; the limit still applies.
        this.buffer.unshift(...batch);
        const over = this.buffer.length - SYSTEM_LOG_BUFFER_LIMIT;
        if (over > 0) {
          this.buffer.splice(0, over);
          this.dropped += over;
          this.droppedSinceWarning += over;
        }
        this.logger.warn(
          `Could not write ${batch.length} system-log records (${this.buffer.length} buffered): ${describe(error)}`,
        );
        return;
      }
    }
  }

  private warnAboutDropped(): void {
    if (this.droppedSinceWarning === 0) return;
    this.logger.warn(
      `Dropped ${this.droppedSinceWarning} system-log records: the buffer was full (${this.dropped} since start)`,
    );
    this.droppedSinceWarning = 0;
  }

  /** One statement for the whole batch: the rows travel as 15 arrays, unnested into rows. */
  private async insert(batch: RequestRecord[]): Promise<void> {
    const column = <T>(pick: (record: RequestRecord) => T): T[] => batch.map(pick);
    const uuidOrNull = (value: string | null) => (value !== null && UUID.test(value) ? value : null);
    await this.dataSource.query(
      `INSERT INTO compliance_system_logs (id, occurred_at, method, route, status, duration_ms, actor_type, actor_id,
         impersonator_id, workspace_id, ip, user_agent, request_id, rate_limited, error_code, incident_id)
       SELECT log.*, ${coveringIncidentId('log')}
         FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[],
                     $8::uuid[], $9::uuid[], $10::uuid[], $11::text[], $12::text[], $13::text[], $14::boolean[],
                     $15::text[])
           AS log(id, occurred_at, method, route, status, duration_ms, actor_type, actor_id, impersonator_id,
                  workspace_id, ip, user_agent, request_id, rate_limited, error_code)`,
      [
        column(() => uuidv7()),
        column((r) => r.occurredAt.toISOString()),
        column((r) => r.method),
        column((r) => r.route),
        column((r) => r.status),
        column((r) => Math.min(Math.round(r.durationMs), 2_147_483_647)),
        column((r) => r.actorType),
        column((r) => uuidOrNull(r.actorId)),
        column((r) => uuidOrNull(r.impersonatorId)),
        column((r) => uuidOrNull(r.workspaceId)),
        column((r) => r.ip),
        column((r) => r.userAgent?.slice(0, USER_AGENT_MAX_LENGTH) ?? null),
        column((r) => r.requestId),
        column((r) => r.rateLimited),
        column((r) => r.errorCode),
      ],
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
