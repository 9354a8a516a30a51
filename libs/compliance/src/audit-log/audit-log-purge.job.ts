import { Injectable } from '@nestjs/common';
import {
  InjectPluginOptions,
  TenantDataSource,
  type JobRunContext,
  type JobRunResult,
  type ScheduledJob,
} from '@quire/core';
import type { ComplianceOptions } from '../compliance.options';

export const AUDIT_LOG_PURGE_JOB = 'compliance.audit-log-purge';

/** Records removed per transaction. */
export const AUDIT_LOG_PURGE_BATCH_SIZE = 1000;

/**
 * The retention policy `compliance.audit-log`: removes records older than the retention, oldest first in each chain,
 * in short transactions that set `quire.audit_purge` (the only way past the append-only trigger). Each batch moves the
 * chain's anchor to the hash of the last record it removed, so verification of what remains still starts from a known
 * link.
 */
@Injectable()
export class AuditLogPurgeJob implements ScheduledJob {
  constructor(
    private readonly db: TenantDataSource,
    @InjectPluginOptions('compliance') private readonly options: ComplianceOptions,
  ) {}

  async run(run: JobRunContext): Promise<JobRunResult> {
    let affectedRows = 0;
    const chains: Array<{ chain_key: string }> = await this.db
      .manager(run.ctx)
      .query(`SELECT chain_key FROM compliance_audit_chain_heads ORDER BY chain_key`);
    for (const { chain_key: chainKey } of chains) {
      while (!run.signal.aborted) {
        const removed = await this.purgeBatch(run, chainKey);
        affectedRows += removed;
        if (removed < AUDIT_LOG_PURGE_BATCH_SIZE) break;
      }
    }
    return {
      affectedRows,
      details: { retentionDays: this.options.auditLogRetentionDays, interrupted: run.signal.aborted },
    };
  }

  private purgeBatch(run: JobRunContext, chainKey: string): Promise<number> {
    return this.db.transaction(run.ctx, async (tx) => {
      const manager = this.db.manager(tx);
      // Locks the head like an append does, so the anchor and the chain move together.
      await manager.query(`SELECT 1 FROM compliance_audit_chain_heads WHERE chain_key = $1 FOR UPDATE`, [chainKey]);
      await manager.query(`SET LOCAL quire.audit_purge = 'on'`);
      const result: unknown[] | [unknown[], number] = await manager.query(
        `WITH doomed AS (
           SELECT id FROM compliance_audit_log
            WHERE coalesce(workspace_id::text, 'installation') = $1
              AND occurred_at < now() - make_interval(days => $2::int)
            ORDER BY sequence
            LIMIT $3)
         DELETE FROM compliance_audit_log l USING doomed WHERE l.id = doomed.id
         RETURNING l.sequence, l.hash`,
        [chainKey, this.options.auditLogRetentionDays, AUDIT_LOG_PURGE_BATCH_SIZE],
      );
      // TypeORM answers DELETE … RETURNING with [rows, count] on PostgreSQL.
      const removed = (Array.isArray(result[0]) ? result[0] : result) as Array<{ sequence: string; hash: string }>;
      const last = removed.reduce<{ sequence: string; hash: string } | null>(
        (max, row) => (max === null || Number(row.sequence) > Number(max.sequence) ? row : max),
        null,
      );
      if (last) {
        await manager.query(
          `UPDATE compliance_audit_chain_heads SET anchor_sequence = $2, anchor_hash = $3 WHERE chain_key = $1`,
          [chainKey, last.sequence, last.hash],
        );
      }
      return removed.length;
    });
  }
}
