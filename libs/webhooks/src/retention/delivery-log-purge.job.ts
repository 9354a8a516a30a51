import { Injectable } from '@nestjs/common';
import { TenantDataSource, type JobRunContext, type JobRunResult, type ScheduledJob } from '@quire/core';
import { DELIVERY_LOG_RETENTION_DAYS } from '../webhooks.retention';

export const DELIVERY_LOG_PURGE_JOB = 'webhooks.delivery-log-purge';

/** Deliveries erased per statement: one short transaction each. */
export const DELIVERY_LOG_PURGE_BATCH_SIZE = 1000;

/**
 * Erases finished deliveries older than the delivery log's retention (their attempts go with them, by cascade), across
 * workspaces: the retention policy `webhooks.delivery-log`, until the compliance engine runs policies itself. Deliveries
 * still pending or retrying are left alone. Stops at a batch boundary when the run is aborted.
 */
@Injectable()
export class DeliveryLogPurgeJob implements ScheduledJob {
  constructor(private readonly db: TenantDataSource) {}

  async run(run: JobRunContext): Promise<JobRunResult> {
    let affectedRows = 0;
    while (!run.signal.aborted) {
      const result: unknown[] | [unknown[], number] = await this.db.manager(run.ctx).query(
        `WITH doomed AS (
           SELECT id FROM webhook_deliveries
            WHERE status IN ('succeeded', 'dead', 'cancelled')
              AND created_at < now() - make_interval(days => $1::int)
            ORDER BY created_at
            LIMIT $2
              FOR UPDATE SKIP LOCKED)
         DELETE FROM webhook_deliveries d USING doomed WHERE d.id = doomed.id
         RETURNING d.id`,
        [DELIVERY_LOG_RETENTION_DAYS, DELIVERY_LOG_PURGE_BATCH_SIZE],
      );
      // TypeORM answers DELETE … RETURNING with [rows, count] on PostgreSQL.
      const deleted = (Array.isArray(result[0]) ? result[0] : result) as unknown[];
      affectedRows += deleted.length;
      if (deleted.length < DELIVERY_LOG_PURGE_BATCH_SIZE) break;
    }
    return { affectedRows, details: { retentionDays: DELIVERY_LOG_RETENTION_DAYS, interrupted: run.signal.aborted } };
  }
}
