import { Injectable, Logger } from '@nestjs/common';
import { EventBus, QuireError, TenantDataSource, type RequestContext } from '@quire/core';
import { EntryService } from '../entries/entry.service';
import { failuresOf, type ReleaseFailure } from './release-failure';
import { RELEASE_ITEM_COLUMNS, type ReleaseItemRow } from './release-record';

export type ReleaseOutcome = 'done' | 'failed';

/**
 * Runs a release inside the caller's transaction, whose workspace it is in and which holds the release's row lock:
 * every item through the entries service (validation, revision, delivery generation bump, event) as publishing it
 * by hand would. When any item fails, everything the release did is rolled back to a savepoint (nothing
 * half-published) and the release is recorded failed with every item's reasons; otherwise done.
 */
@Injectable()
export class ReleaseRunner {
  private readonly logger = new Logger(ReleaseRunner.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly entries: EntryService,
  ) {}

  async run(tx: RequestContext, releaseId: string): Promise<ReleaseOutcome> {
    const manager = this.db.manager(tx);
    const items: ReleaseItemRow[] = await manager.query(
      `SELECT ${RELEASE_ITEM_COLUMNS} FROM content_release_items
        WHERE release_id = $1 AND workspace_id = $2 ORDER BY id`,
      [releaseId, tx.workspaceId],
    );
    const failures: ReleaseFailure[] = [];
    await manager.query('SAVEPOINT release_run');
    for (const item of items) {
      // Each item in a savepoint of its own: after a failure the transaction stays usable to try (and report) the rest.
      await manager.query('SAVEPOINT release_item');
      try {
        if (item.action === 'publish') await this.entries.publish(tx, item.entry_id, item.locale);
        else await this.entries.unpublish(tx, item.entry_id, item.locale);
        await manager.query('RELEASE SAVEPOINT release_item');
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT release_item');
        if (!(error instanceof QuireError)) this.logger.error(`Release ${releaseId} item ${item.id} failed`, error);
        failures.push(...failuresOf(item, error));
      }
    }
    if (failures.length > 0) {
      await manager.query('ROLLBACK TO SAVEPOINT release_run');
      await this.finish(tx, releaseId, 'failed', { code: 'content.release-invalid', failures });
      await this.events.publish(tx, 'content.release.failed', { releaseId, failures: failures.length });
      return 'failed';
    }
    await manager.query('RELEASE SAVEPOINT release_run');
    await this.finish(tx, releaseId, 'done', null);
    await this.events.publish(tx, 'content.release.published', { releaseId, items: items.length });
    return 'done';
  }

  private async finish(
    tx: RequestContext,
    id: string,
    status: ReleaseOutcome,
    error: Record<string, unknown> | null,
  ): Promise<void> {
    await this.db
      .manager(tx)
      .query(
        `UPDATE content_releases SET status = $3, executed_at = now(), error = $4 WHERE id = $1 AND workspace_id = $2`,
        [id, tx.workspaceId, status, error === null ? null : JSON.stringify(error)],
      );
  }
}
