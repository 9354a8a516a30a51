import { Injectable, Module } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import {
  definePlugin,
  loadConfig,
  Scheduler,
  type JobRunContext,
  type JobRunResult,
  type ScheduledJob,
} from '@quire/core';
import { createTestApp, createTestDatabase, type TestApp, type TestDatabase } from '@quire/testing';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';

const TICK = 'scheduler-test.tick';
const MANUAL = 'scheduler-test.manual';
const BROKEN = 'scheduler-test.broken';
const SLOW = 'scheduler-test.slow';
const NEVER = '0 0 1 1 *'; // yearly: these jobs run only through runNow in the test

class SchedulerTestInit1763900000000 implements MigrationInterface {
  name = 'SchedulerTestInit1763900000000';
  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE scheduler_test_executions (run_id uuid PRIMARY KEY, job_name text NOT NULL)`);
  }
  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE scheduler_test_executions`);
  }
}

/** Counts its executions in a table, so the test can compare them with the recorded runs. */
@Injectable()
class CountingJob implements ScheduledJob {
  constructor(private readonly dataSource: DataSource) {}
  async run(run: JobRunContext): Promise<JobRunResult> {
    // Long enough for the other instance's attempt on the same slot to meet the lock.
    if (run.jobName === MANUAL) await new Promise((resolve) => setTimeout(resolve, 100));
    await this.dataSource.query(`INSERT INTO scheduler_test_executions (run_id, job_name) VALUES ($1, $2)`, [
      run.runId,
      run.jobName,
    ]);
    return { affectedRows: 1, details: { actor: run.ctx.actor.id } };
  }
}

@Injectable()
class BrokenJob implements ScheduledJob {
  async run(): Promise<JobRunResult> {
    throw new Error('the job broke');
  }
}

const slowJobAborts: unknown[] = [];

/** Returns only when its signal aborts, as a well-behaved long job does on timeout. */
@Injectable()
class SlowJob implements ScheduledJob {
  async run(run: JobRunContext): Promise<JobRunResult> {
    await new Promise((resolve) => run.signal.addEventListener('abort', resolve, { once: true }));
    slowJobAborts.push(run.signal.reason);
    return { affectedRows: 0 };
  }
}

@Module({ providers: [CountingJob, BrokenJob, SlowJob] })
class SchedulerTestModule {}

const SchedulerTestPlugin = definePlugin({
  name: 'scheduler-test',
  version: '1.0.0',
  module: SchedulerTestModule,
  migrations: [SchedulerTestInit1763900000000],
  jobs: [
    { name: TICK, cron: '* * * * * *', run: CountingJob },
    { name: MANUAL, cron: NEVER, run: CountingJob },
    { name: BROKEN, cron: NEVER, run: BrokenJob },
    { name: SLOW, cron: NEVER, run: SlowJob, timeoutMs: 100 },
  ],
});

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(Scheduler.name, () => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;

  const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> => first.dataSource.query(sql, params);
  const runsOf = (job: string) =>
    query<{ id: string; scheduled_for: Date; status: string; instance_id: string; affected_rows: number | null }>(
      `SELECT id, scheduled_for, status, instance_id, affected_rows FROM quire_job_runs WHERE job_name = $1`,
      [job],
    );
  const executionsOf = (job: string) =>
    query<{ run_id: string }>(`SELECT run_id FROM scheduler_test_executions WHERE job_name = $1`, [job]);

  beforeAll(async () => {
    // Owned by the test, so that both instances can be closed before it is inspected and dropped.
    database = await createTestDatabase();
    first = await createTestApp({ plugins: [SchedulerTestPlugin], database });
    second = await createTestApp({ plugins: [SchedulerTestPlugin], database });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await database?.drop();
  });

  it('runs each slot of an every-second job once across two instances', async () => {
    const bothUp = new Date();
    await until(
      async () => (await runsOf(TICK)).filter((run) => run.scheduled_for > bothUp).length >= 3,
      'three slots ran with both instances up',
    );
    for (const app of [first, second]) app.app.get(SchedulerRegistry).getCronJob(TICK).stop();
    await until(async () => (await runsOf(TICK)).every((run) => run.status !== 'running'), 'the last run finished');

    const runs = await runsOf(TICK);
    const slots = runs.map((run) => run.scheduled_for.getTime());
    expect(new Set(slots).size).toBe(slots.length);
    expect(slots.every((slot) => slot % 1000 === 0)).toBe(true);
    expect(runs.every((run) => run.status === 'succeeded' && run.affected_rows === 1)).toBe(true);
    const instances = [first, second].map((app) => app.app.get(Scheduler).instanceId);
    expect(runs.every((run) => instances.includes(run.instance_id))).toBe(true);

    const executions = await executionsOf(TICK);
    expect(executions).toHaveLength(runs.length);
    expect(executions.map((e) => e.run_id).sort()).toEqual(runs.map((run) => run.id).sort());
  });

  it('runs a slot once when both instances run it at the same time, and records its result', async () => {
    const slot = new Date('2030-01-01T00:00:00.456Z');
    const results = await Promise.all([first, second].map((app) => app.app.get(Scheduler).runNow(MANUAL, slot)));

    const ran = results.filter((run) => run !== null);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({
      jobName: MANUAL,
      plugin: 'scheduler-test',
      scheduledFor: new Date('2030-01-01T00:00:00.000Z'),
      status: 'succeeded',
      affectedRows: 1,
      details: { actor: MANUAL },
      error: null,
      finishedAt: expect.any(Date),
    });
    expect(await executionsOf(MANUAL)).toHaveLength(1);
    // The slot is taken for good: running it again later is skipped.
    expect(await first.app.get(Scheduler).runNow(MANUAL, slot)).toBeNull();
    expect(await executionsOf(MANUAL)).toHaveLength(1);
  });

  it('records a failing job as failed with its message, and keeps serving', async () => {
    const run = await first.app.get(Scheduler).runNow(BROKEN, new Date('2030-01-01T00:00:00Z'));

    expect(run).toMatchObject({
      status: 'failed',
      error: 'the job broke',
      affectedRows: null,
      finishedAt: expect.any(Date),
    });
    await first.http.get('/health/live').expect(200);
    // Its lock was released: the next slot runs.
    expect(await first.app.get(Scheduler).runNow(BROKEN, new Date('2030-01-01T00:00:01Z'))).toMatchObject({
      status: 'failed',
    });
  });

  it('records a run that passes its timeout as failed, after aborting its signal', async () => {
    const run = await first.app.get(Scheduler).runNow(SLOW, new Date('2030-01-01T00:00:00Z'));

    expect(run).toMatchObject({ status: 'failed', error: 'timed out after 100 ms' });
    expect(slowJobAborts).toEqual([new Error('timed out after 100 ms')]);
  });

  it('names the loaded jobs when asked to run an unknown one', async () => {
    await expect(first.app.get(Scheduler).runNow('scheduler-test.nope')).rejects.toThrow(
      /No scheduled job "scheduler-test.nope"; loaded jobs: .*scheduler-test.tick/,
    );
  });
});

describe('JOB_SCHEDULES', () => {
  it("replaces a job's declared cron: a yearly job runs every second", async () => {
    const sut = await createTestApp({
      plugins: [SchedulerTestPlugin],
      env: { JOB_SCHEDULES: `${MANUAL}=* * * * * *` },
    });
    try {
      const runs = () =>
        sut.dataSource.query<Array<{ status: string }>>(`SELECT status FROM quire_job_runs WHERE job_name = $1`, [
          MANUAL,
        ]);
      await until(async () => (await runs()).filter((run) => run.status === 'succeeded').length >= 2, 'two runs');
      // Jobs without an override keep their own cron.
      expect(sut.app.get(SchedulerRegistry).getCronJob(BROKEN).cronTime.source).toBe(NEVER);
    } finally {
      await sut.close();
    }
  });

  it('refuses to start when it names a job no plugin declares, listing the loaded jobs', async () => {
    await expect(
      createTestApp({ plugins: [SchedulerTestPlugin], env: { JOB_SCHEDULES: 'scheduler-test.nope=* * * * * *' } }),
    ).rejects.toThrow(/JOB_SCHEDULES names scheduler-test.nope, which no loaded plugin declares; loaded jobs: .*tick/);
  });

  it('refuses a malformed value at configuration time, naming the pair', () => {
    expect(() => loadConfig({ JOB_SCHEDULES: 'compliance.retention' })).toThrow(/JOB_SCHEDULES/);
    expect(() => loadConfig({ JOB_SCHEDULES: 'compliance.retention=every day' })).toThrow(
      /JOB_SCHEDULES.*invalid cron expression for compliance.retention/,
    );
  });
});
