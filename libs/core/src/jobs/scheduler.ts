import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource, type QueryRunner } from 'typeorm';
import { QUIRE_CONFIG } from '../config/config.module';
import type { QuireConfig } from '../config/config.schema';
import { RequestContext } from '../context/request-context';
import { uuidv7 } from '../database/uuid-v7';
import { PluginRegistry } from '../plugin/plugin-registry';
import { advisoryLockKey } from './advisory-lock-key';
import { JobRun } from './entities/job-run.entity';
import type { JobRunContext, JobRunResult, ScheduledJob, ScheduledJobDeclaration } from './job.types';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_ERROR_LENGTH = 2000;

type JobDeclaration = ScheduledJobDeclaration & { plugin: string };
type Outcome = { ok: true; result: JobRunResult } | { ok: false; error: unknown };

/**
 * Runs the plugins' scheduled jobs so that, with N instances, each slot of each job runs once and two runs of a
 * job never overlap.
 *
 * Every instance's cron ticks; the database decides who runs:
 *  1. On a dedicated connection, `pg_try_advisory_lock(<job key>)`. Not acquired: a run of this job is under way
 *     somewhere, so this slot is skipped (as with preventOverlap).
 *  2. `INSERT INTO quire_job_runs … ON CONFLICT (job_name, scheduled_for) DO NOTHING` (autocommit). No row: this
 *     slot already ran on another instance, which held the lock before us and has released it.
 *  3. Run the job, record the outcome, unlock, release the connection.
 *
 * Why a session-level lock on its own connection rather than `pg_try_advisory_xact_lock` in a transaction kept
 * open for the run: a transaction held open for minutes pins the xmin horizon (vacuum stops cleaning) and is cut
 * by `idle_in_transaction_session_timeout`; a session lock holds no snapshot. If the process dies, the connection
 * closes and PostgreSQL releases the lock, so a crash never wedges a job.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Scheduler.name);
  /** Recorded on every run this process claims, so operators can tell instances apart. */
  readonly instanceId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly declarations: ReadonlyMap<string, JobDeclaration>;
  private readonly crons = new Map<string, CronJob>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly aborts = new Set<AbortController>();
  private stopping = false;

  constructor(
    private readonly registry: PluginRegistry,
    private readonly moduleRef: ModuleRef,
    private readonly dataSource: DataSource,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Inject(QUIRE_CONFIG) private readonly config: QuireConfig,
  ) {
    this.declarations = new Map(this.registry.jobs().map((job) => [job.name, job]));
  }

  onApplicationBootstrap(): void {
    // Resolved now, even with the scheduler off: a job whose provider is missing is a wiring bug to fail on at boot.
    for (const declaration of this.declarations.values()) this.jobOf(declaration);
    const unknown = Object.keys(this.config.JOB_SCHEDULES).filter((name) => !this.declarations.has(name));
    if (unknown.length > 0)
      throw new Error(
        `JOB_SCHEDULES names ${unknown.join(', ')}, which no loaded plugin declares; loaded jobs: ` +
          `${[...this.declarations.keys()].join(', ') || 'none'}.`,
      );
    if (!this.config.SCHEDULER_ENABLED) {
      if (this.declarations.size > 0)
        this.logger.log(`SCHEDULER_ENABLED is false: ${this.declarations.size} job(s) not scheduled in this instance`);
      return;
    }
    for (const declaration of this.declarations.values()) this.schedule(declaration);
  }

  /** Before onApplicationShutdown, where Nest closes the DataSource that runs and their records need. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const [name, cron] of this.crons) {
      await cron.stop();
      if (this.schedulerRegistry.doesExist('cron', name)) this.schedulerRegistry.deleteCronJob(name);
    }
    this.crons.clear();
    if (this.inFlight.size === 0) return;
    // Ask running jobs to stop at a safe point, then give them the shutdown budget to do so.
    for (const controller of this.aborts) controller.abort(new Error('the instance is shutting down'));
    if (await this.drained(Date.now() + this.config.SHUTDOWN_TIMEOUT_MS)) return;
    this.logger.warn(`Shutting down with ${this.inFlight.size} job run(s) still going; recording them as failed`);
    await this.dataSource
      .query(
        `UPDATE quire_job_runs SET status = 'failed', finished_at = now(), error = $2
          WHERE instance_id = $1 AND status = 'running'`,
        [this.instanceId, 'interrupted: the instance shut down before the run finished'],
      )
      .catch((error: unknown) => this.logger.error(`Could not record interrupted runs: ${messageOf(error)}`));
  }

  /**
   * Runs a job now for `slot` (truncated to the second) with the same claim as a cron tick: returns the recorded
   * run, or null when the slot already ran or a run of this job is under way on any instance. Rejects for a job
   * that is not loaded.
   */
  async runNow(jobName: string, slot: Date = new Date()): Promise<JobRun | null> {
    const declaration = this.declarations.get(jobName);
    if (!declaration) {
      const known = [...this.declarations.keys()];
      throw new Error(`No scheduled job "${jobName}"; loaded jobs: ${known.length > 0 ? known.join(', ') : 'none'}.`);
    }
    if (this.stopping) throw new Error(`Cannot run "${jobName}": the scheduler is shutting down.`);
    return this.track(this.execute(declaration, new Date(Math.floor(slot.getTime() / 1000) * 1000)));
  }

  private schedule(declaration: JobDeclaration): void {
    let armedFor = 0;
    let lastSlot = 0;
    const cron = CronJob.from({
      // The operator's JOB_SCHEDULES wins over the plugin's declaration.
      cronTime: this.config.JOB_SCHEDULES[declaration.name] ?? declaration.cron,
      start: false,
      name: declaration.name,
      onTick: () => {
        // The slot is the occurrence the timer was armed for, not the moment it fired (a timer can fire a
        // millisecond early or late), so that every instance names the same slot the same way.
        const slot = armedFor || Math.round(Date.now() / 1000) * 1000;
        armedFor = cron.nextDate().toMillis();
        // A timer that fired early re-arms for the same occurrence; its second tick is not a new slot.
        if (slot <= lastSlot || this.stopping) return;
        lastSlot = slot;
        void this.track(this.execute(declaration, new Date(slot)));
      },
    });
    cron.start();
    armedFor = cron.nextDate().toMillis();
    this.schedulerRegistry.addCronJob(declaration.name, cron);
    this.crons.set(declaration.name, cron);
  }

  /** Claims the slot and runs the job; never rejects (a failing job is recorded, not thrown). */
  private async execute(declaration: JobDeclaration, slot: Date): Promise<JobRun | null> {
    const name = declaration.name;
    const at = slot.toISOString();
    const lock = this.dataSource.createQueryRunner();
    let locked = false;
    let running: Promise<unknown> = Promise.resolve();
    try {
      await lock.connect();
      const [{ acquired }] = (await lock.query('SELECT pg_try_advisory_lock($1::bigint) AS acquired', [
        lockKey(name),
      ])) as Array<{ acquired: boolean }>;
      locked = acquired;
      if (!locked) {
        this.logger.debug(`${name} ${at}: skipped, a run of this job is under way (here or on another instance)`);
        return null;
      }
      const runId = uuidv7();
      const startedAt = new Date();
      const claimed = (await lock.query(
        `INSERT INTO quire_job_runs (id, job_name, plugin, scheduled_for, instance_id, status, started_at)
         VALUES ($1, $2, $3, $4, $5, 'running', $6)
         ON CONFLICT (job_name, scheduled_for) DO NOTHING
         RETURNING id`,
        [runId, name, declaration.plugin, slot, this.instanceId, startedAt],
      )) as unknown[];
      if (claimed.length === 0) {
        this.logger.debug(`${name} ${at}: skipped, this slot already ran`);
        return null;
      }
      const invocation = this.invoke(declaration, {
        jobName: name,
        runId,
        startedAt,
        ctx: RequestContext.system(name),
      });
      running = invocation.settled;
      const outcome = await invocation.outcome;
      await this.record(runId, outcome);
      const took = Date.now() - startedAt.getTime();
      if (outcome.ok) {
        this.logger.log(
          `${name} ${at}: succeeded in ${took} ms${outcome.result.affectedRows === undefined ? '' : `, ${outcome.result.affectedRows} row(s)`}`,
        );
      } else {
        this.logger.error(`${name} ${at}: failed after ${took} ms: ${messageOf(outcome.error)}`);
      }
      return await this.dataSource.getRepository(JobRun).findOneBy({ id: runId });
    } catch (error) {
      this.logger.error(`${name} ${at}: could not claim or record the run: ${messageOf(error)}`);
      return null;
    } finally {
      // Unlocked only once the job's promise settles, even past its timeout: two runs must never overlap.
      this.track(running.then(() => this.unlock(lock, name, locked)));
    }
  }

  private invoke(
    declaration: JobDeclaration,
    context: Omit<JobRunContext, 'signal'>,
  ): { outcome: Promise<Outcome>; settled: Promise<unknown> } {
    const controller = new AbortController();
    this.aborts.add(controller);
    const timeoutMs = declaration.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // Inside then(): a job that throws synchronously fails its run like one that rejects.
    const work = Promise.resolve().then(() => this.jobOf(declaration).run({ ...context, signal: controller.signal }));
    const settled = work.then(noop, noop).finally(() => this.aborts.delete(controller));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`timed out after ${timeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    const outcome = Promise.race([work, timeout]).then(
      (result): Outcome => ({ ok: true, result: result ?? {} }),
      (error: unknown): Outcome => ({ ok: false, error }),
    );
    return { outcome: outcome.finally(() => clearTimeout(timer)), settled };
  }

  private async record(runId: string, outcome: Outcome): Promise<void> {
    const affectedRows = outcome.ok ? outcome.result.affectedRows : undefined;
    const details = outcome.ok ? outcome.result.details : undefined;
    await this.dataSource.query(
      `UPDATE quire_job_runs
          SET status = $2, finished_at = now(), affected_rows = $3, details = $4, error = $5
        WHERE id = $1`,
      [
        runId,
        outcome.ok ? 'succeeded' : 'failed',
        Number.isInteger(affectedRows) ? affectedRows : null,
        details === undefined ? null : JSON.stringify(details),
        outcome.ok ? null : messageOf(outcome.error).slice(0, MAX_ERROR_LENGTH),
      ],
    );
  }

  private async unlock(lock: QueryRunner, name: string, locked: boolean): Promise<void> {
    try {
      if (locked) await lock.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey(name)]);
      await lock.release();
    } catch (error) {
      // A connection that may still hold the lock must not go back to the pool: closing it releases the lock.
      this.logger.error(`${name}: could not release its lock (${messageOf(error)}); closing the connection`);
      await (
        lock as QueryRunner & { releasePostgresConnection?(error: unknown): Promise<void> }
      ).releasePostgresConnection?.(error);
    }
  }

  private jobOf(declaration: JobDeclaration): ScheduledJob {
    try {
      return this.moduleRef.get(declaration.run, { strict: false });
    } catch {
      throw new Error(
        `Plugin "${declaration.plugin}" declares job "${declaration.name}" run by ${declaration.run.name}, but no such ` +
          `provider is loaded; add ${declaration.run.name} to the providers of the plugin's module.`,
      );
    }
  }

  /** Waits until nothing is in flight (runs add their unlock as they end), or the deadline passes. */
  private async drained(deadline: number): Promise<boolean> {
    while (this.inFlight.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0 || !(await settleWithin([...this.inFlight], left))) return false;
    }
    return true;
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(noop);
    return promise;
  }
}

function lockKey(jobName: string): string {
  return advisoryLockKey('quire.job', jobName);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function noop(): void {}

/** True when every promise settled within `ms`. */
async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = Promise.allSettled(promises).then(() => true as const);
  try {
    return await Promise.race([settled, expired]);
  } finally {
    clearTimeout(timer);
  }
}
