import { Injectable } from '@nestjs/common';
import { fetchPage, parseListQuery, RequestContext, TenantDataSource, type ListQuerySpec } from '@quire/core';
import { RetentionRunNotFoundError } from '../compliance.errors';
import type {
  RetentionPolicyOutcome,
  RetentionRunListResponse,
  RetentionRunResponse,
} from './dto/retention-run.response';
import { RetentionPolicyResult } from './entities/retention-policy-result.entity';
import { RetentionRun, type RetentionRunStatus, type RetentionTrigger } from './entities/retention-run.entity';

/** The list language of GET /retention/runs. */
export const retentionRunListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true },
    trigger: { type: 'text', column: 'trigger', filterable: true, sortable: true },
    dryRun: { type: 'boolean', column: 'dryRun', filterable: true },
    status: { type: 'text', column: 'status', filterable: true, sortable: true },
    startedAt: { type: 'datetime', column: 'startedAt', filterable: true, sortable: true },
  },
  defaultSort: '-startedAt',
  tieBreaker: 'id',
  defaultPageSize: 20,
  maxPageSize: 100,
};

/**
 * Records runs: a run row when it starts, one result row per policy as each finishes (so a crash mid-run still
 * shows what was done), the status when it ends. Written outside the batches' transactions.
 */
@Injectable()
export class RetentionRunRecorder {
  private readonly ctx = RequestContext.system('compliance.retention');

  constructor(private readonly db: TenantDataSource) {}

  async start(trigger: RetentionTrigger, dryRun: boolean, requestedBy: string | null): Promise<RetentionRun> {
    const repo = this.db.manager(this.ctx).getRepository(RetentionRun);
    return repo.save(repo.create({ trigger, dryRun, requestedBy, status: 'running', startedAt: new Date() }));
  }

  async record(runId: string, outcome: RetentionPolicyOutcome): Promise<void> {
    await this.db
      .manager(this.ctx)
      .getRepository(RetentionPolicyResult)
      .insert({
        runId,
        policy: outcome.policy,
        action: outcome.action,
        rowsAffected: String(outcome.rowsAffected),
        rowsHeld: String(outcome.rowsHeld),
        durationMs: outcome.durationMs,
        error: outcome.error,
      });
  }

  async finish(runId: string, status: RetentionRunStatus): Promise<void> {
    await this.db.manager(this.ctx).getRepository(RetentionRun).update(runId, { status, finishedAt: new Date() });
  }

  async get(id: string): Promise<RetentionRunResponse> {
    const run = await this.db.manager(this.ctx).getRepository(RetentionRun).findOneBy({ id });
    if (!run) throw new RetentionRunNotFoundError(id);
    const [view] = await this.withResults([run]);
    return view!;
  }

  async list(rawQuery: Record<string, unknown>): Promise<RetentionRunListResponse> {
    const query = parseListQuery(rawQuery, retentionRunListSpec);
    const builder = this.db.manager(this.ctx).getRepository(RetentionRun).createQueryBuilder('run');
    const page = await fetchPage(builder, 'run', query, retentionRunListSpec);
    return { data: await this.withResults(page.data), meta: page.meta };
  }

  /** The latest result of each policy among real (not dry) runs, for the compliance report. */
  async lastResults(): Promise<Map<string, RetentionPolicyOutcome & { runId: string; finishedAt: Date | null }>> {
    const rows: Array<Record<string, unknown>> = await this.db.manager(this.ctx).query(
      `SELECT DISTINCT ON (r.policy) r.*, run.started_at, run.finished_at
         FROM compliance_retention_results r
         JOIN compliance_retention_runs run ON run.id = r.run_id AND NOT run.dry_run
        ORDER BY r.policy, run.started_at DESC, run.id DESC`,
    );
    return new Map(
      rows.map((row) => [
        String(row['policy']),
        {
          runId: String(row['run_id']),
          finishedAt: (row['finished_at'] as Date | null) ?? null,
          policy: String(row['policy']),
          action: row['action'] as 'delete' | 'anonymize',
          rowsAffected: Number(row['rows_affected']),
          rowsHeld: Number(row['rows_held']),
          durationMs: Number(row['duration_ms']),
          error: (row['error'] as string | null) ?? null,
        },
      ]),
    );
  }

  private async withResults(runs: RetentionRun[]): Promise<RetentionRunResponse[]> {
    if (runs.length === 0) return [];
    const results = await this.db
      .manager(this.ctx)
      .getRepository(RetentionPolicyResult)
      .createQueryBuilder('result')
      .where('result.runId IN (:...ids)', { ids: runs.map((run) => run.id) })
      .orderBy('result.policy', 'ASC')
      .getMany();
    return runs.map((run) => ({
      id: run.id,
      trigger: run.trigger,
      dryRun: run.dryRun,
      status: run.status,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      requestedBy: run.requestedBy,
      results: results
        .filter((result) => result.runId === run.id)
        .map((result) => ({
          policy: result.policy,
          action: result.action,
          rowsAffected: Number(result.rowsAffected),
          rowsHeld: Number(result.rowsHeld),
          durationMs: result.durationMs,
          error: result.error,
        })),
    }));
  }
}
