import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TenantDataSource, type RequestContext, type RetentionExecutor } from '@quire/core';
import type { EntityManager } from 'typeorm';
import { PolicySelection, type BatchCursor } from './policy-selection';

/** Result of DELETE/UPDATE through TypeORM on PostgreSQL: `[rows, affectedCount]`. */
function affectedCount(result: unknown, fallback: number): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : fallback;
}

/**
 * Runs one policy to the end, batch after batch: each batch is one short transaction that selects (and locks) the
 * next due rows and applies the action — the policy's executor, or a plain DELETE/UPDATE. The run's signal is
 * checked between batches: an aborted run stops at a batch boundary and the next run carries on.
 */
@Injectable()
export class RetentionBatchRunner {
  constructor(
    private readonly db: TenantDataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** `onChanged` hears each committed batch, so a policy that fails half-way still reports what it removed. */
  async run(
    ctx: RequestContext,
    selection: PolicySelection,
    signal: AbortSignal,
    onChanged: (rows: number) => void,
  ): Promise<void> {
    const executor = this.executorFor(selection);
    let cursor: BatchCursor | undefined;
    while (!signal.aborted) {
      const batch = await this.db.transaction(ctx, async (tx) => {
        const manager = this.db.manager(tx);
        const next = selection.nextBatch(cursor);
        const rows: Array<{ id: string; age: string }> = await manager.query(next.sql, next.params);
        if (rows.length === 0) return { size: 0, changed: 0, last: undefined };
        const ids = rows.map((row) => String(row.id));
        const changed = executor
          ? await this.applyExecutor(executor, selection, ids, tx, manager)
          : await this.applyPlain(selection, ids, manager);
        return { size: rows.length, changed, last: rows[rows.length - 1] };
      });
      onChanged(batch.changed);
      if (batch.last === undefined || batch.size < selection.batchSize) break;
      cursor = { age: batch.last.age, id: String(batch.last.id) };
    }
  }

  private async applyPlain(selection: PolicySelection, ids: string[], manager: EntityManager): Promise<number> {
    const statement = selection.apply(ids);
    return affectedCount(await manager.query(statement.sql, statement.params), ids.length);
  }

  private async applyExecutor(
    executor: RetentionExecutor,
    selection: PolicySelection,
    ids: string[],
    tx: RequestContext,
    manager: EntityManager,
  ): Promise<number> {
    const changed = await executor.apply({ policy: selection.policy, ids, tx, manager });
    return typeof changed === 'number' ? changed : ids.length;
  }

  private executorFor(selection: PolicySelection): RetentionExecutor | undefined {
    const type = selection.policy.executor;
    // strict: false — the executor is a provider of the declaring plugin's module, not of compliance's.
    return type ? this.moduleRef.get(type, { strict: false }) : undefined;
  }
}
