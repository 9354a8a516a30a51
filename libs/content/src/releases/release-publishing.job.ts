import { Injectable } from '@nestjs/common';
import { TenantDataSource, type JobRunContext, type JobRunResult, type ScheduledJob } from '@quire/core';
import { ReleaseRunner, type ReleaseOutcome } from './release-runner';

export const RELEASE_PUBLISHING_JOB = 'content.release-publishing';

/**
 * Runs the due scheduled releases of every workspace, with the job as the actor. The kernel's scheduler runs it once
 * per slot across instances and records each run in quire_job_runs. Each release is one transaction holding its row
 * `FOR UPDATE SKIP LOCKED`: another instance, or a member cancelling or publishing it now, never runs it twice.
 */
@Injectable()
export class ReleasePublishingJob implements ScheduledJob {
  constructor(
    private readonly db: TenantDataSource,
    private readonly runner: ReleaseRunner,
  ) {}

  async run(run: JobRunContext): Promise<JobRunResult> {
    const counts: Record<ReleaseOutcome, number> = { done: 0, failed: 0 };
    while (!run.signal.aborted) {
      const outcome = await this.db.transaction(run.ctx, async (tx) => {
        const [due]: Array<{ id: string; workspace_id: string; workspace_slug: string }> = await this.db
          .manager(tx)
          .query(
            `SELECT r.id, r.workspace_id, w.slug AS workspace_slug
               FROM content_releases r
               JOIN workspaces w ON w.id = r.workspace_id
              WHERE r.status = 'scheduled' AND r.scheduled_at <= now()
              ORDER BY r.scheduled_at, r.id
              LIMIT 1
                FOR UPDATE OF r SKIP LOCKED`,
          );
        if (!due) return null;
        return this.runner.run(tx.withWorkspace({ id: due.workspace_id, slug: due.workspace_slug }), due.id);
      });
      if (outcome === null) break;
      counts[outcome] += 1;
    }
    return {
      affectedRows: counts.done + counts.failed,
      details: { published: counts.done, failed: counts.failed, interrupted: run.signal.aborted },
    };
  }
}
