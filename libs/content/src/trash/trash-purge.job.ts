import { Injectable } from '@nestjs/common';
import {
  EventBus,
  InjectPluginOptions,
  TenantDataSource,
  type JobRunContext,
  type JobRunResult,
  type ScheduledJob,
} from '@quire/core';
import type { ContentOptions } from '../content.options';
import { bumpDeliveryGeneration } from '../shared/delivery-generation';

export const TRASH_PURGE_JOB = 'content.trash-purge';

/** Entries erased per statement: small enough that one batch's transaction stays short. */
export const TRASH_PURGE_BATCH_SIZE = 500;

interface PurgedRow {
  id: string;
  workspace_id: string;
  workspace_slug: string;
  api_id: string;
}

/**
 * Erases entries that have been in the trash longer than their workspace plan's retention
 * (`ContentOptions.trashRetentionDays[plan] ?? .default`), with their locales, revisions and references (the
 * foreign keys cascade). It implements the retention policy `content.trashed-entries` until the compliance
 * engine runs retention policies itself. The kernel's scheduler runs it once per slot across instances.
 *
 * Each batch is one statement and one transaction: the rows it erases, a `content.entry.purged` event per entry
 * and a delivery generation bump per workspace touched commit together. `SKIP LOCKED` leaves rows a member is
 * restoring right now to the next run. Between batches the run's signal is checked, so a shutdown or timeout
 * ends the run at a batch boundary; the next slot carries on.
 */
@Injectable()
export class TrashPurgeJob implements ScheduledJob {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    @InjectPluginOptions('content') private readonly options: ContentOptions,
  ) {}

  async run(run: JobRunContext): Promise<JobRunResult> {
    let affectedRows = 0;
    const workspaces = new Set<string>();
    while (!run.signal.aborted) {
      const purged = await this.purgeBatch(run);
      affectedRows += purged.length;
      for (const row of purged) workspaces.add(row.workspace_id);
      if (purged.length < TRASH_PURGE_BATCH_SIZE) break;
    }
    return { affectedRows, details: { workspaces: workspaces.size, interrupted: run.signal.aborted } };
  }

  private purgeBatch(run: JobRunContext): Promise<PurgedRow[]> {
    return this.db.transaction(run.ctx, async (tx) => {
      const { default: defaultDays, ...perPlan } = this.options.trashRetentionDays;
      const result: PurgedRow[] | [PurgedRow[], number] = await this.db.manager(tx).query(
        `WITH doomed AS (
           SELECT e.id, w.slug
             FROM content_entries e
             JOIN workspaces w ON w.id = e.workspace_id
            WHERE e.deleted_at IS NOT NULL
              AND e.deleted_at < now() - make_interval(days => COALESCE(($1::jsonb ->> w.plan)::int, $2::int))
            ORDER BY e.deleted_at
            LIMIT $3
              FOR UPDATE OF e SKIP LOCKED)
         DELETE FROM content_entries e
          USING doomed, content_types t
          WHERE e.id = doomed.id AND t.id = e.content_type_id
         RETURNING e.id, e.workspace_id, doomed.slug AS workspace_slug, t.api_id`,
        [JSON.stringify(perPlan), defaultDays, TRASH_PURGE_BATCH_SIZE],
      );
      // TypeORM answers DELETE … RETURNING with [rows, count] on PostgreSQL.
      const purged = (Array.isArray(result[0]) ? result[0] : result) as PurgedRow[];
      const byWorkspace = new Map<string, PurgedRow[]>();
      for (const row of purged) byWorkspace.set(row.workspace_id, [...(byWorkspace.get(row.workspace_id) ?? []), row]);
      for (const [workspaceId, rows] of byWorkspace) {
        const inWorkspace = tx.withWorkspace({ id: workspaceId, slug: rows[0].workspace_slug });
        for (const row of rows) {
          await this.events.publish(inWorkspace, 'content.entry.purged', {
            entryId: row.id,
            contentType: row.api_id,
            purged: true,
          });
        }
        await bumpDeliveryGeneration(inWorkspace, this.db.manager(tx));
      }
      return purged;
    });
  }
}
