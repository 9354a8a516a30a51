import type { Type } from '@nestjs/common';
import type { RequestContext } from '../context/request-context';

export interface JobRunContext {
  readonly jobName: string;
  readonly runId: string;
  readonly startedAt: Date;
  /** A system context (actor `system`, no workspace) for the job's data access. */
  readonly ctx: RequestContext;
  /**
   * Aborted when the run passes its timeout or the instance shuts down. A long job checks it between batches
   * and returns what it has done so far; the next slot carries on.
   */
  readonly signal: AbortSignal;
}

export interface JobRunResult {
  /** How many rows the run changed; recorded in `quire_job_runs`. */
  affectedRows?: number;
  details?: Record<string, unknown>;
}

/** A scheduled job's body: an injectable provider of the declaring plugin's module. */
export interface ScheduledJob {
  run(run: JobRunContext): Promise<JobRunResult>;
}

export interface ScheduledJobDeclaration {
  /** `<plugin>.<kebab-name>`, unique in the installation. */
  name: string;
  /** Six- or five-field cron expression (seconds optional), as @nestjs/schedule understands it. */
  cron: string;
  run: Type<ScheduledJob>;
  description?: string;
  /** A run still going after this long is recorded as failed. Default 10 minutes. */
  timeoutMs?: number;
}
