import { Injectable, Logger } from '@nestjs/common';
import {
  EventBus,
  QuireError,
  TenantDataSource,
  type JobRunContext,
  type JobRunResult,
  type RequestContext,
  type ScheduledJob,
} from '@quire/core';
import { EntryService } from '../entries/entry.service';
import type { ScheduleAction } from './schedule-record';

export const SCHEDULED_PUBLISHING_JOB = 'content.scheduled-publishing';

/** Schedules run per transaction: a batch's publishes commit together, and its row locks stay short. */
export const SCHEDULED_PUBLISHING_BATCH_SIZE = 50;

interface DueRow {
  id: string;
  workspace_id: string;
  workspace_slug: string;
  entry_id: string;
  locale: string;
  action: ScheduleAction;
  created_by: string | null;
}

type Outcome = 'published' | 'unpublished' | 'failed';

/**
 * Runs the due schedules of every workspace: the publish or unpublish of the locale through the entries service,
 * exactly as a member's request would (validation, revision, delivery generation bump, event), with the job as the
 * actor. The kernel's scheduler runs it once per slot across instances and records each run.
 *
 * A batch is one transaction holding its due rows `FOR UPDATE SKIP LOCKED` (a member cancelling one of them waits
 * or finds it done). Each schedule runs in a savepoint: when it fails (required fields empty, entry trashed) its
 * partial work is rolled back, so nothing is half-published, and the schedule is recorded failed with the problem.
 */
@Injectable()
export class ScheduledPublishingJob implements ScheduledJob {
  private readonly logger = new Logger(ScheduledPublishingJob.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly entries: EntryService,
  ) {}

  async run(run: JobRunContext): Promise<JobRunResult> {
    const counts: Record<Outcome, number> = { published: 0, unpublished: 0, failed: 0 };
    while (!run.signal.aborted) {
      const outcomes = await this.runBatch(run.ctx);
      for (const outcome of outcomes) counts[outcome] += 1;
      if (outcomes.length < SCHEDULED_PUBLISHING_BATCH_SIZE) break;
    }
    return {
      affectedRows: counts.published + counts.unpublished + counts.failed,
      details: { ...counts, interrupted: run.signal.aborted },
    };
  }

  private runBatch(ctx: RequestContext): Promise<Outcome[]> {
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const due: DueRow[] = await manager.query(
        `SELECT s.id, s.workspace_id, w.slug AS workspace_slug, s.entry_id, s.locale, s.action, s.created_by
           FROM content_schedules s
           JOIN workspaces w ON w.id = s.workspace_id
          WHERE s.status = 'pending' AND s.run_at <= now()
          ORDER BY s.run_at, s.id
          LIMIT $1
            FOR UPDATE OF s SKIP LOCKED`,
        [SCHEDULED_PUBLISHING_BATCH_SIZE],
      );
      const outcomes: Outcome[] = [];
      for (const row of due) {
        const inWorkspace = tx.withWorkspace({ id: row.workspace_id, slug: row.workspace_slug });
        await manager.query('SAVEPOINT scheduled_entry');
        try {
          if (row.action === 'publish') await this.entries.publish(inWorkspace, row.entry_id, row.locale);
          else await this.entries.unpublish(inWorkspace, row.entry_id, row.locale);
          await manager.query('RELEASE SAVEPOINT scheduled_entry');
          await this.finish(inWorkspace, row.id, 'done', null);
          outcomes.push(row.action === 'publish' ? 'published' : 'unpublished');
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT scheduled_entry');
          const recorded = problemOf(error);
          if (!(error instanceof QuireError)) this.logger.error(`Schedule ${row.id} failed`, error as Error);
          await this.finish(inWorkspace, row.id, 'failed', recorded);
          await this.events.publish(inWorkspace, 'content.entry.schedule-failed', {
            scheduleId: row.id,
            entryId: row.entry_id,
            locale: row.locale,
            action: row.action,
            scheduledBy: row.created_by,
            code: String(recorded.code),
          });
          outcomes.push('failed');
        }
      }
      return outcomes;
    });
  }

  private async finish(
    ctx: RequestContext,
    id: string,
    status: 'done' | 'failed',
    error: Record<string, unknown> | null,
  ): Promise<void> {
    await this.db
      .manager(ctx)
      .query(
        `UPDATE content_schedules SET status = $3, executed_at = now(), error = $4 WHERE id = $1 AND workspace_id = $2`,
        [id, ctx.workspaceId, status, error === null ? null : JSON.stringify(error)],
      );
  }
}

/** What a failed schedule records: the problem as the API would have answered it; internals stay in the log. */
function problemOf(error: unknown): Record<string, unknown> {
  if (error instanceof QuireError) {
    return {
      code: error.code,
      status: error.status,
      title: error.title,
      detail: error.detail ?? null,
      errors: error.errors ?? [],
    };
  }
  return { code: 'content.schedule-run-error', status: 500, title: 'Schedule could not run', detail: null, errors: [] };
}
