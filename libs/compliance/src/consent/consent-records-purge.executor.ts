import { Injectable } from '@nestjs/common';
import type { RetentionBatch, RetentionExecutor } from '@quire/core';

/**
 * Deletes a batch of consent history rows for the retention engine. The history is append-only: the trigger lets a
 * DELETE through only when the transaction says `quire.consent_purge = 'on'`, set here for this transaction alone.
 */
@Injectable()
export class ConsentRecordsPurgeExecutor implements RetentionExecutor {
  async apply({ manager, ids }: RetentionBatch): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`SELECT set_config('quire.consent_purge', 'on', true)`);
    await manager.query(`DELETE FROM compliance_consent_records WHERE id = ANY($1::uuid[])`, [ids]);
    await manager.query(`SELECT set_config('quire.consent_purge', 'off', true)`);
  }
}
