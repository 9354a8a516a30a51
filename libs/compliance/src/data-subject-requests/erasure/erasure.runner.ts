import { Injectable, Logger } from '@nestjs/common';
import { EventBus, TenantDataSource, type RequestContext } from '@quire/core';
import { ApiKeyService, SessionService } from '@quire/identity';
import { LegalHolds } from '../../legal-holds/legal-holds';
import { SystemLogRecorder } from '../../system-logs/system-log.recorder';
import { DataSubjectRequest } from '../data-subject-request.entity';
import {
  DataSubjectNotFoundError,
  ErasureSoleOwnerError,
  ErasureUnderLegalHoldError,
  RequestStatusConflictError,
  RequestTypeMismatchError,
} from '../data-subject-request.errors';
import '../data-subject-request.events';
import { jsonValue } from '../json-value';
import { SubjectTableCatalog } from '../subject-table-catalog';
import { subjectKeys, type SubjectKeys, type SubjectTable } from '../subject-tables';
import { soleOwnedSharedWorkspace } from './sole-owner-lookup';
import {
  anonymizedColumns,
  countSubjectRows,
  eraseBatch,
  keptReason,
  type ErasedTable,
  type KeptTable,
} from './subject-erasure';

export interface ErasureResult {
  erased: ErasedTable[];
  kept: KeptTable[];
}

/**
 * Erases a person's data across every plugin, as the data inventory declares it: in a first transaction the account
 * is closed and its sessions and API keys end; then table by table (children before parents), in batches of 1000
 * rows with one transaction each, rows are deleted or anonymized; tables declared `keep` are left and reported with
 * their reason. The last transaction completes the request with the result and publishes the events.
 */
@Injectable()
export class ErasureRunner {
  private readonly logger = new Logger(ErasureRunner.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly catalog: SubjectTableCatalog,
    private readonly sessions: SessionService,
    private readonly apiKeys: ApiKeyService,
    private readonly systemLogs: SystemLogRecorder,
    private readonly holds: LegalHolds,
  ) {}

  /** Refuses when the person is under a legal hold or is the only owner of a shared workspace. */
  async assertErasable(ctx: RequestContext, userId: string): Promise<void> {
    const manager = this.db.manager(ctx);
    const [hold] = await this.holds.activeForUser(userId, manager);
    if (hold) throw new ErasureUnderLegalHoldError(hold);
    const workspace = await soleOwnedSharedWorkspace(manager, userId);
    if (workspace) throw new ErasureSoleOwnerError(workspace);
  }

  async run(ctx: RequestContext, requestId: string): Promise<DataSubjectRequest> {
    const subject = await this.start(ctx, requestId);
    // The person's API requests still buffered in memory are written first, so the erasure reaches them too.
    await this.systemLogs.flush();
    const result: ErasureResult = { erased: [], kept: [] };
    for (const table of await this.catalog.erasureOrder()) {
      const { activity } = table;
      if (activity.onErasure === 'keep') {
        const rows = await countSubjectRows(this.db.manager(ctx), table, subject);
        result.kept.push({ plugin: activity.plugin, table: activity.table, rows, reason: keptReason(activity) });
        continue;
      }
      const rows = await this.eraseTable(ctx, table, subject);
      result.erased.push({
        plugin: activity.plugin,
        table: activity.table,
        subjectColumn: activity.subjectColumn,
        action: activity.onErasure,
        rows,
        ...(activity.onErasure === 'anonymize' ? { columns: anonymizedColumns(table) } : {}),
      });
    }
    return this.finish(ctx, requestId, subject.userId, result);
  }

  /**
   * Erases again what the person's own last requests left: the request that ran a self-service erasure was made
   * by the person, so its system-log record is written after the erasure. Called once its response is sent;
   * idempotent, and never throws (it is past any response).
   */
  async sweepAfterResponse(ctx: RequestContext, userId: string): Promise<void> {
    try {
      await this.systemLogs.flush();
      const subject = subjectKeys(userId, null);
      for (const table of await this.catalog.erasureOrder()) {
        if (table.activity.onErasure !== 'keep') await this.eraseTable(ctx, table, subject);
      }
    } catch (error) {
      this.logger.error(`Sweep after the erasure of user ${userId} failed: ${(error as Error).message}`);
    }
  }

  /** One table's rows of the person, batch by batch, each batch in its own transaction. Answers the rows changed. */
  private async eraseTable(ctx: RequestContext, table: SubjectTable, subject: SubjectKeys): Promise<number> {
    let rows = 0;
    let after: string[] | null = null;
    for (;;) {
      const batch = await this.db.transaction(ctx, (tx) => eraseBatch(this.db.manager(tx), table, subject, after));
      rows += batch.rows;
      if (!batch.last) return rows;
      after = batch.last;
    }
  }

  /**
   * Locks the request, checks it may run and that nothing blocks the erasure, marks it in progress and closes the
   * account: sessions revoked (their tokens refused at once), API keys revoked. Answers how the person is found.
   */
  private async start(ctx: RequestContext, requestId: string): Promise<SubjectKeys> {
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const request = await manager
        .getRepository(DataSubjectRequest)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id', { id: requestId })
        .getOne();
      if (!request) throw new Error(`Data-subject request ${requestId} vanished`);
      if (request.type !== 'erasure')
        throw new RequestTypeMismatchError(request.id, request.type, 'erase', ['erasure']);
      // In progress: an earlier run stopped half-way (a crash); running again finishes it, every step is idempotent.
      if (request.status !== 'verified' && request.status !== 'in-progress') {
        throw new RequestStatusConflictError(request.id, request.status, 'run the erasure');
      }
      await this.assertErasable(tx, request.userId);
      const [user] = (await manager.query(`SELECT id, email FROM identity_users WHERE id = $1 FOR UPDATE`, [
        request.userId,
      ])) as Array<{ id: string; email: string }>;
      if (!user) throw new DataSubjectNotFoundError(request.userId);
      await manager.update(DataSubjectRequest, { id: request.id }, { status: 'in-progress' });
      const [closed] = (await manager.query(
        `UPDATE identity_users SET closed_at = now(), updated_at = now() WHERE id = $1 AND closed_at IS NULL RETURNING id`,
        [user.id],
      )) as [Array<{ id: string }>, number];
      // As when the holder closes the account: whatever listens for closures (now or later) hears of this one.
      if (closed.length > 0) await this.events.publish(tx, 'identity.account.closed', { userId: user.id });
      await this.sessions.revokeAllForUser(user.id, 'account-closed', { manager });
      await this.apiKeys.revokeAllCreatedBy(tx, user.id);
      return subjectKeys(user.id, user.email);
    });
  }

  private async finish(
    ctx: RequestContext,
    requestId: string,
    userId: string,
    result: ErasureResult,
  ): Promise<DataSubjectRequest> {
    const completed = await this.db.transaction(ctx, async (tx) => {
      const repository = this.db.manager(tx).getRepository(DataSubjectRequest);
      await repository.update(
        { id: requestId },
        { status: 'completed', completedAt: new Date(), result: jsonValue({ ...result }) },
      );
      await this.events.publish(tx, 'compliance.data-subject-request.erasure-completed', {
        dataSubjectRequestId: requestId,
        userId,
        erased: result.erased.map(({ plugin, table, action, rows }) => ({ plugin, table, action, rows })),
        kept: result.kept.map(({ plugin, table, reason }) => ({ plugin, table, reason })),
      });
      await this.events.publish(tx, 'compliance.data-subject-request.completed', {
        dataSubjectRequestId: requestId,
        userId,
        type: 'erasure',
        summary: { erasedRows: result.erased.reduce((n, e) => n + e.rows, 0), keptTables: result.kept.length },
      });
      return repository.findOneByOrFail({ id: requestId });
    });
    this.logger.log(`Data-subject request ${requestId}: the data of user ${userId} was erased`);
    return completed;
  }
}
