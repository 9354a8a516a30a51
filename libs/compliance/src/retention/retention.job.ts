import { Injectable } from '@nestjs/common';
import type { JobRunContext, JobRunResult, ScheduledJob } from '@quire/core';
import { RetentionEngine } from './retention-engine';

export const RETENTION_JOB = 'compliance.retention';

/**
 * The daily run of every retention policy of every loaded plugin. The kernel's scheduler runs it once per slot
 * across instances; its signal (timeout, shutdown) stops the run at a batch boundary and the next slot carries on.
 */
@Injectable()
export class RetentionJob implements ScheduledJob {
  constructor(private readonly engine: RetentionEngine) {}

  async run(run: JobRunContext): Promise<JobRunResult> {
    const result = await this.engine.run({ trigger: 'schedule', dryRun: false, signal: run.signal });
    return {
      affectedRows: result.results.reduce((sum, outcome) => sum + outcome.rowsAffected, 0),
      details: {
        retentionRunId: result.id,
        status: result.status,
        failedPolicies: result.results.filter((outcome) => outcome.error !== null).map((outcome) => outcome.policy),
      },
    };
  }
}
