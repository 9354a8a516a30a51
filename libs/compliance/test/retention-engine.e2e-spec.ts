import { Injectable } from '@nestjs/common';
import { definePlugin, loadConfig, Scheduler, uuidv7, type RetentionBatch, type RetentionExecutor } from '@quire/core';
import { createTestApp, expectValidationProblem, testAccounts, type TestAccount, type TestApp } from '@quire/testing';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { plugins } from '../../../apps/api/src/quire.config';
import { RetentionEngine } from '../src/retention/retention-engine';

interface Outcome {
  policy: string;
  action: string;
  rowsAffected: number;
  rowsHeld: number;
  durationMs: number;
  error: string | null;
}

@Entity({ name: 'fixture_notes' })
class FixtureNote {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'written_at', type: 'timestamptz' }) writtenAt!: Date;
}

/** Provided by no module: the engine must refuse to boot rather than fail on the first due row. */
@Injectable()
class UnprovidedExecutor implements RetentionExecutor {
  async apply(batch: RetentionBatch): Promise<void> {
    void batch;
  }
}

/**
 * The retention engine's routes and run records, its batches, its isolation of a failing policy, the identity
 * anonymizer, the scheduled job and its boot errors — on the real app and database, over HTTP.
 */
describe('Retention engine', () => {
  let sut: TestApp;
  let operator: TestAccount;
  let counter = 0;
  const unique = () => `${Date.now().toString(36)}-${counter++}`;
  const { signUp, newWorkspace, platformAdmin, bearer } = testAccounts(() => sut);
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
    sut.dataSource.query(query, params);

  const run = (policies: string[]) =>
    sut.http.post('/api/v1/retention/runs').set(bearer(operator)).send({ policies }).expect(200);
  const outcomeOf = (body: { results: Outcome[] }, policy: string) =>
    body.results.find((outcome) => outcome.policy === policy);

  /** Sessions of a fresh user, expired `daysAgo` days ago. */
  async function expiredSessions(count: number, daysAgo: number): Promise<string> {
    const [{ id }] = await sql<{ id: string }>(
      `INSERT INTO identity_users (id, email, display_name) VALUES ($1, $2, 'S') RETURNING id`,
      [uuidv7(), `sessions-${unique()}@example.com`],
    );
    await sql(
      `INSERT INTO identity_sessions (id, user_id, family_id, refresh_token_hash, last_seen_at, expires_at)
       SELECT gen_random_uuid(), $1, gen_random_uuid(), 'h-' || $2 || '-' || n, now(), now() - make_interval(days => $3)
         FROM generate_series(1, $4) AS n`,
      [id, unique(), daysAgo, count],
    );
    return id;
  }

  beforeAll(async () => {
    sut = await createTestApp({ plugins: plugins(loadConfig({ NODE_ENV: 'test' })) });
    operator = await platformAdmin();
  });
  afterAll(async () => {
    await sut?.close();
  });

  describe('access and bad input', () => {
    it('is for platform administrators only', async () => {
      const member = await signUp('member');
      for (const [method, path] of [
        ['get', '/api/v1/retention/policies'],
        ['post', '/api/v1/retention/dry-run'],
        ['post', '/api/v1/retention/runs'],
        ['get', '/api/v1/retention/runs'],
        ['get', `/api/v1/retention/runs/${uuidv7()}`],
      ] as const) {
        const response = await sut.http[method](path).set(bearer(member)).send({});
        expect({ path, status: response.status, type: response.body.type }).toEqual({
          path,
          status: 403,
          type: 'urn:quire:problem:identity.platform-admin-required',
        });
        expect((await sut.http[method](path).send({})).status).toBe(401);
      }
      expect(await sql(`SELECT 1 FROM compliance_retention_runs WHERE requested_by = $1`, [member.userId])).toEqual([]);
    });

    it('refuses an unknown policy name with a 400 naming policies[i], and runs nothing', async () => {
      const before = await sql(`SELECT count(*)::int AS n FROM compliance_retention_runs`);
      for (const path of ['/api/v1/retention/dry-run', '/api/v1/retention/runs']) {
        const response = await sut.http
          .post(path)
          .set(bearer(operator))
          .send({ policies: ['identity.expired-sessions', 'billing.invoices'] })
          .expect(400);
        expectValidationProblem(response, ['policies[1]']);
        expect(response.body.errors).toEqual([
          { path: 'policies[1]', message: '"billing.invoices" is not a retention policy of this installation' },
        ]);
      }
      const notAList = await sut.http
        .post('/api/v1/retention/runs')
        .set(bearer(operator))
        .send({ policies: 'identity.expired-sessions' })
        .expect(400);
      expectValidationProblem(notAList, ['policies']);
      expect(await sql(`SELECT count(*)::int AS n FROM compliance_retention_runs`)).toEqual(before);
    });

    it('answers an unknown run id with 404 and a malformed one with 400', async () => {
      const missing = await sut.http.get(`/api/v1/retention/runs/${uuidv7()}`).set(bearer(operator)).expect(404);
      expect(missing.body.type).toBe('urn:quire:problem:compliance.retention-run-not-found');
      const malformed = await sut.http.get('/api/v1/retention/runs/nope').set(bearer(operator)).expect(400);
      expectValidationProblem(malformed, ['id']);
    });
  });

  describe('runs', () => {
    it('works through more rows than one batch, and a dry run predicts exactly that count', async () => {
      await expiredSessions(2345, 31);
      const fresh = await expiredSessions(3, 29);

      const dry = await sut.http
        .post('/api/v1/retention/dry-run')
        .set(bearer(operator))
        .send({ policies: ['identity.expired-sessions'] })
        .expect(200);
      expect(outcomeOf(dry.body, 'identity.expired-sessions')).toMatchObject({ rowsAffected: 2345, rowsHeld: 0 });
      const done = await run(['identity.expired-sessions']);
      expect(outcomeOf(done.body, 'identity.expired-sessions')).toMatchObject({
        action: 'delete',
        rowsAffected: 2345,
        error: null,
      });
      expect(
        await sql(`SELECT count(*)::int AS n FROM identity_sessions WHERE expires_at < now() - interval '30 days'`),
      ).toEqual([{ n: 0 }]);
      expect(await sql(`SELECT count(*)::int AS n FROM identity_sessions WHERE user_id = $1`, [fresh])).toEqual([
        { n: 3 },
      ]);
    });

    it('records each run with its per-policy results, listed newest first and readable by id', async () => {
      const dry = await sut.http
        .post('/api/v1/retention/dry-run')
        .set(bearer(operator))
        .send({ policies: ['identity.mail-outbox'] })
        .expect(200);
      const real = await run(['identity.mail-outbox', 'identity.expired-codes']);
      expect(real.body).toMatchObject({
        trigger: 'manual',
        dryRun: false,
        status: 'succeeded',
        requestedBy: operator.userId,
      });
      expect(real.body.finishedAt).not.toBeNull();
      expect(real.body.results.map((outcome: Outcome) => outcome.policy)).toEqual([
        'identity.expired-codes',
        'identity.mail-outbox',
      ]);
      for (const outcome of real.body.results as Outcome[]) {
        expect(outcome).toEqual({
          policy: outcome.policy,
          action: 'delete',
          rowsAffected: expect.any(Number),
          rowsHeld: 0,
          durationMs: expect.any(Number),
          error: null,
        });
      }

      const one = await sut.http.get(`/api/v1/retention/runs/${real.body.id}`).set(bearer(operator)).expect(200);
      expect(one.body).toEqual(real.body);
      const list = await sut.http
        .get('/api/v1/retention/runs')
        .query({ pageSize: '2' })
        .set(bearer(operator))
        .expect(200);
      expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([real.body.id, dry.body.id]);
      expect(list.body.meta).toMatchObject({ page: 1, pageSize: 2 });
      const dryOnly = await sut.http
        .get('/api/v1/retention/runs')
        .query({ 'filter[dryRun]': 'true' })
        .set(bearer(operator))
        .expect(200);
      expect(dryOnly.body.data.every((r: { dryRun: boolean }) => r.dryRun)).toBe(true);
      const bad = await sut.http.get('/api/v1/retention/runs').query({ 'filter[nope]': 'x' }).set(bearer(operator));
      expect(bad.status).toBe(400);
    });

    it('records a failing policy with its error, and still runs the others', async () => {
      await sql(
        `INSERT INTO identity_mail_outbox (id, recipient, template, subject, text_body, html_body, status, created_at)
         VALUES ($1, 'old@example.com', 't', 's', '', '', 'sent', now() - interval '40 days')`,
        [uuidv7()],
      );
      await expiredSessions(2, 40);
      await sql(`
        CREATE FUNCTION fixture_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'fixture: mail outbox is locked'; END $$`);
      await sql(`CREATE TRIGGER fixture_refuse_delete BEFORE DELETE ON identity_mail_outbox
                 FOR EACH ROW EXECUTE FUNCTION fixture_refuse_delete()`);
      try {
        const done = await run(['identity.mail-outbox', 'identity.expired-sessions']);
        expect(done.body.status).toBe('failed');
        expect(outcomeOf(done.body, 'identity.mail-outbox')).toMatchObject({
          rowsAffected: 0,
          error: expect.stringContaining('fixture: mail outbox is locked'),
        });
        expect(outcomeOf(done.body, 'identity.expired-sessions')).toMatchObject({ rowsAffected: 2, error: null });
      } finally {
        await sql(`DROP TRIGGER fixture_refuse_delete ON identity_mail_outbox`);
        await sql(`DROP FUNCTION fixture_refuse_delete()`);
      }
    });

    it('is the daily scheduled job compliance.retention, which runs every policy and records the run', async () => {
      const job = await sut.app.get(Scheduler).runNow('compliance.retention');
      expect(job).toMatchObject({ jobName: 'compliance.retention', status: 'succeeded' });
      const [recorded] = await sql<{ trigger: string; dry_run: boolean; results: number }>(
        `SELECT r.trigger, r.dry_run, (SELECT count(*)::int FROM compliance_retention_results x WHERE x.run_id = r.id)
                AS results
           FROM compliance_retention_runs r ORDER BY r.started_at DESC, r.id DESC LIMIT 1`,
      );
      const policies = await sut.http.get('/api/v1/retention/policies').set(bearer(operator)).expect(200);
      expect(recorded).toEqual({ trigger: 'schedule', dry_run: false, results: policies.body.data.length });
    });

    it('stops at a batch boundary when the run is aborted, and says so', async () => {
      const aborted = new AbortController();
      aborted.abort();
      const result = await sut.app
        .get(RetentionEngine)
        .run({ trigger: 'schedule', dryRun: false, signal: aborted.signal });
      expect(result).toMatchObject({ status: 'interrupted', results: [] });
    });
  });

  describe('closed accounts (identity.closed-accounts)', () => {
    it('anonymizes accounts closed over 90 days ago once, deleting credentials, sessions and codes', async () => {
      const closed = await signUp('closing');
      const recent = await signUp('recently-closed');
      const workspace = await newWorkspace(closed);
      const [key] = await sql<{ id: string }>(
        `INSERT INTO identity_api_keys (id, workspace_id, name, prefix, secret_hash, scopes, kind, created_by)
         VALUES ($1, $2, 'k', $3, $4, '{}', 'delivery', $5) RETURNING id`,
        [uuidv7(), workspace.id, `p${unique()}`, `s${unique()}`, closed.userId],
      );
      await sql(`INSERT INTO identity_recovery_codes (id, user_id, code_hash) VALUES ($1, $2, 'h')`, [
        uuidv7(),
        closed.userId,
      ]);
      await sql(`UPDATE identity_users SET closed_at = now() - interval '91 days' WHERE id = $1`, [closed.userId]);
      await sql(`UPDATE identity_users SET closed_at = now() - interval '89 days' WHERE id = $1`, [recent.userId]);

      const first = await run(['identity.closed-accounts']);
      expect(outcomeOf(first.body, 'identity.closed-accounts')).toMatchObject({
        action: 'anonymize',
        rowsAffected: 1,
      });
      const [user] = await sql(
        `SELECT email, display_name, avatar_url, password_hash, totp_secret, email_verified_at, preferences, closed_at
           FROM identity_users WHERE id = $1`,
        [closed.userId],
      );
      expect(user).toEqual({
        email: `erased+${closed.userId}@erased.invalid`,
        display_name: 'Erased user',
        avatar_url: null,
        password_hash: null,
        totp_secret: null,
        email_verified_at: null,
        preferences: {},
        closed_at: expect.any(Date),
      });
      for (const table of ['identity_sessions', 'identity_recovery_codes', 'identity_one_time_codes']) {
        expect(await sql(`SELECT 1 FROM ${table} WHERE user_id = $1`, [closed.userId])).toEqual([]);
      }
      expect(await sql(`SELECT created_by FROM identity_api_keys WHERE id = $1`, [key!.id])).toEqual([
        { created_by: null },
      ]);
      const [kept] = await sql(`SELECT email, password_hash FROM identity_users WHERE id = $1`, [recent.userId]);
      expect(kept!['email']).toMatch(/^recently-closed-/);
      expect(kept!['password_hash']).not.toBeNull();

      // Anonymized rows are not due again.
      const second = await run(['identity.closed-accounts']);
      expect(outcomeOf(second.body, 'identity.closed-accounts')).toMatchObject({ rowsAffected: 0 });
    });
  });
});

describe('Retention engine boot errors', () => {
  const fixture = (retention: Record<string, unknown>) =>
    definePlugin({
      name: 'fixture',
      version: '1.0.0',
      entities: [FixtureNote],
      retention: [
        {
          name: 'fixture.old-notes',
          table: 'fixture_notes',
          ageColumn: 'written_at',
          action: 'delete',
          keep: { days: 30 },
          description: 'Old notes',
          ...retention,
        },
      ],
    });

  it('refuses to boot when a policy names a column its table does not have', async () => {
    await expect(
      createTestApp({
        plugins: [...plugins(loadConfig({ NODE_ENV: 'test' })), fixture({ workspaceColumn: 'workspace_id' })],
      }),
    ).rejects.toThrow(
      'Plugin "fixture": retention policy "fixture.old-notes": workspaceColumn "workspace_id" is not a column of table "fixture_notes"',
    );
  });

  it("refuses to boot when a policy's executor is not a provider of any module", async () => {
    await expect(
      createTestApp({
        plugins: [...plugins(loadConfig({ NODE_ENV: 'test' })), fixture({ executor: UnprovidedExecutor })],
      }),
    ).rejects.toThrow(
      'retention policy "fixture.old-notes": executor UnprovidedExecutor is not a provider of any loaded module',
    );
  });
});
