import { Injectable } from '@nestjs/common';
import type { RetentionBatch, RetentionExecutor } from '@quire/core';
import type { EntityManager } from 'typeorm';

interface Removed {
  sequence: string;
  hash: string;
}

/**
 * The action of the retention policy `compliance.audit-log`: removes a batch of expired, sealed records, chain by
 * chain, in the batch's transaction with `quire.audit_purge` set (the only way past the append-only trigger), and
 * moves each chain's anchor to the hash of the last record removed, so verification of what remains still starts
 * from a known link.
 *
 * Only a chain's oldest records go: a record of the batch is removed when no record kept (held by a legal hold, or
 * out of order at the batch's edge) comes before it in its chain. A kept record therefore stops the purge of its
 * chain there — what a hold spares stays verifiable, with everything after it.
 */
@Injectable()
export class AuditLogPurgeExecutor implements RetentionExecutor {
  async apply({ ids, manager }: RetentionBatch): Promise<number> {
    const chains: Array<{ chain_key: string }> = await manager.query(
      `SELECT DISTINCT coalesce(workspace_id::text, 'installation') AS chain_key
         FROM compliance_audit_log WHERE id = ANY($1::uuid[]) ORDER BY 1`,
      [ids],
    );
    await manager.query(`SELECT set_config('quire.audit_purge', 'on', true)`);
    let removed = 0;
    for (const { chain_key: chainKey } of chains) removed += await this.purgeChain(manager, chainKey, ids);
    await manager.query(`SELECT set_config('quire.audit_purge', 'off', true)`);
    return removed;
  }

  private async purgeChain(manager: EntityManager, chainKey: string, ids: string[]): Promise<number> {
    // Locks the head like sealing does, so the anchor and the chain move together.
    await manager.query(`SELECT 1 FROM compliance_audit_chain_heads WHERE chain_key = $1 FOR UPDATE`, [chainKey]);
    const result: unknown[] | [unknown[], number] = await manager.query(
      `WITH stop AS (
         SELECT min(sequence) AS sequence FROM compliance_audit_log
          WHERE coalesce(workspace_id::text, 'installation') = $1 AND sequence IS NOT NULL
            AND NOT (id = ANY($2::uuid[])))
       DELETE FROM compliance_audit_log l
        WHERE l.id = ANY($2::uuid[]) AND coalesce(l.workspace_id::text, 'installation') = $1
          AND l.sequence IS NOT NULL
          AND l.sequence < coalesce((SELECT sequence FROM stop), 9223372036854775807)
       RETURNING l.sequence, l.hash`,
      [chainKey, ids],
    );
    // TypeORM answers DELETE … RETURNING with [rows, count] on PostgreSQL.
    const rows = (Array.isArray(result[0]) ? result[0] : result) as Removed[];
    const last = rows.reduce<Removed | null>(
      (max, row) => (max === null || BigInt(row.sequence) > BigInt(max.sequence) ? row : max),
      null,
    );
    if (last) {
      await manager.query(
        `UPDATE compliance_audit_chain_heads SET anchor_sequence = $2, anchor_hash = $3 WHERE chain_key = $1`,
        [chainKey, last.sequence, last.hash],
      );
    }
    return rows.length;
  }
}
