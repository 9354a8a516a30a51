import { loadConfig, RequestContext, TenantDataSource } from '@quire/core';
import {
  createTestApp,
  startSmtpMailbox,
  testAccounts,
  type SmtpMailbox,
  type TestAccount,
  type TestApp,
} from '@quire/testing';
import { plugins } from '../../../apps/api/src/quire.config';
import { ConsentRecordsPurgeExecutor } from '../src/consent/consent-records-purge.executor';
import { RetentionEngine } from '../src/retention/retention-engine';
import { ConsentService } from '../src/consent/consent.service';
import { consentRetention } from '../src/consent/consent.retention';

type Row = Record<string, unknown>;

/**
 * Consent end to end: answers given and withdrawn over HTTP, the current state and the history with time and source,
 * the audited events, platform administrators' routes, refusals, and the append-only history in the database.
 */
describe('Consent', () => {
  let sut: TestApp;
  let smtp: SmtpMailbox;
  let consents: ConsentService;
  const { signUp, newWorkspace, platformAdmin, bearer } = testAccounts(() => sut);
  const USER_AGENT = 'consent-e2e/1.0';
  const IP = '203.0.113.9';

  const answer = (account: Pick<TestAccount, 'token'>, purpose: string, body: object) =>
    sut.http
      .put(`/api/v1/me/consents/${purpose}`)
      .set(bearer(account))
      .set('User-Agent', USER_AGENT)
      .set('X-Forwarded-For', IP)
      .send(body);

  async function mine(account: TestAccount): Promise<Row[]> {
    const response = await sut.http.get('/api/v1/me/consents').set(bearer(account)).expect(200);
    return response.body.data as Row[];
  }

  async function myHistory(account: TestAccount, query: Record<string, string> = {}): Promise<Row[]> {
    const response = await sut.http.get('/api/v1/me/consents/history').query(query).set(bearer(account)).expect(200);
    return response.body.data as Row[];
  }

  beforeAll(async () => {
    smtp = await startSmtpMailbox();
    const env = { SMTP_URL: smtp.url, OUTBOUND_ALLOWED_NETWORKS: '127.0.0.1/32', TRUST_PROXY: 'loopback' };
    sut = await createTestApp({ plugins: plugins(loadConfig(env)), env });
    consents = sut.app.get(ConsentService);
  });
  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  describe('for the signed-in user', () => {
    it('lists every declared purpose, not granted until asked', async () => {
      const user = await signUp('fresh');
      expect(await mine(user)).toEqual([
        {
          purpose: 'marketing',
          description: 'News and offers by email',
          granted: false,
          source: null,
          changedAt: null,
        },
        expect.objectContaining({ purpose: 'product-updates', granted: false, source: null, changedAt: null }),
        expect.objectContaining({ purpose: 'usage-analytics', granted: false, source: null, changedAt: null }),
      ]);
      expect(await myHistory(user)).toEqual([]);
    });

    it('records an opt-in and a withdrawal with time and source; the withdrawal takes effect at once', async () => {
      const user = await signUp('answers');
      const granted = await answer(user, 'marketing', { granted: true, source: 'console' }).expect(200);
      expect(granted.body).toMatchObject({ purpose: 'marketing', granted: true, source: 'console' });
      expect(Date.parse(granted.body.changedAt as string)).not.toBeNaN();
      expect(await consents.isGranted(user.userId, 'marketing')).toBe(true);
      expect(await consents.isGranted(user.userId, 'usage-analytics')).toBe(false);

      const withdrawn = await answer(user, 'marketing', { granted: false }).expect(200);
      expect(withdrawn.body).toMatchObject({ purpose: 'marketing', granted: false, source: 'api' });
      // No cache anywhere: the very next check sees the withdrawal.
      expect(await consents.isGranted(user.userId, 'marketing')).toBe(false);

      const state = await mine(user);
      expect(state.find((row) => row['purpose'] === 'marketing')).toMatchObject({
        granted: false,
        source: 'api',
        changedAt: withdrawn.body.changedAt,
      });
      const history = await myHistory(user);
      expect(history).toHaveLength(2);
      expect(history[0]).toMatchObject({
        purpose: 'marketing',
        granted: false,
        source: 'api',
        ip: IP,
        userAgent: USER_AGENT,
        recordedBy: user.userId,
        occurredAt: withdrawn.body.changedAt,
      });
      expect(history[1]).toMatchObject({ purpose: 'marketing', granted: true, source: 'console' });
      expect(Date.parse(history[0]!['occurredAt'] as string)).toBeGreaterThanOrEqual(
        Date.parse(history[1]!['occurredAt'] as string),
      );
    });

    it('records a first refusal, and changes nothing on the same answer again', async () => {
      const user = await signUp('same');
      await answer(user, 'usage-analytics', { granted: false }).expect(200);
      await answer(user, 'usage-analytics', { granted: false }).expect(200);
      await answer(user, 'product-updates', { granted: true }).expect(200);
      await answer(user, 'product-updates', { granted: true }).expect(200);
      const history = await myHistory(user, { sort: 'purpose' });
      expect(history.map((row) => [row['purpose'], row['granted']])).toEqual([
        ['product-updates', true],
        ['usage-analytics', false],
      ]);
    });

    it('pages and filters the history with the list language', async () => {
      const user = await signUp('pages');
      for (const granted of [true, false, true]) await answer(user, 'marketing', { granted }).expect(200);
      await answer(user, 'product-updates', { granted: true }).expect(200);
      const page = await sut.http
        .get('/api/v1/me/consents/history')
        .query({ pageSize: '2', page: '1', 'filter[purpose]': 'marketing', fields: 'granted,source' })
        .set(bearer(user))
        .expect(200);
      expect(page.body.meta).toMatchObject({ page: 1, pageSize: 2, total: 3, pageCount: 2 });
      expect(page.body.data).toEqual([
        { granted: true, source: 'api' },
        { granted: false, source: 'api' },
      ]);
      const bad = await sut.http.get('/api/v1/me/consents/history').query({ 'filter[nope]': 'x' }).set(bearer(user));
      expect(bad.status).toBe(400);
    });

    it('keeps each user to their own consents', async () => {
      const ada = await signUp('ada');
      const bob = await signUp('bob');
      await answer(ada, 'marketing', { granted: true }).expect(200);
      expect((await mine(bob)).every((row) => row['granted'] === false)).toBe(true);
      expect(await myHistory(bob)).toEqual([]);
      // /me has no user in its path: another user's id reaches nothing.
      const other = await sut.http.get(`/api/v1/me/consents/${ada.userId}`).set(bearer(bob));
      expect(other.status).toBe(404);
      expect(await consents.isGranted(bob.userId, 'marketing')).toBe(false);
    });

    it('refuses an unknown purpose, naming it', async () => {
      const user = await signUp('unknown');
      const response = await answer(user, 'telepathy', { granted: true });
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        type: 'urn:quire:problem:compliance.consent-purpose-unknown',
        purpose: 'telepathy',
      });
      expect(response.body.detail).toContain('"telepathy"');
      expect(response.body.detail).toContain('marketing');
      await expect(consents.isGranted(user.userId, 'telepathy')).rejects.toThrow(/telepathy/);
    });

    it('refuses a bad body, naming the member and the rule', async () => {
      const user = await signUp('bad-body');
      for (const body of [{}, { granted: 'yes' }, { granted: null }]) {
        const response = await answer(user, 'marketing', body);
        expect(response.status).toBe(400);
        expect(response.body.type).toBe('urn:quire:problem:core.validation-failed');
        expect(response.body.errors).toEqual([expect.objectContaining({ path: 'granted' })]);
      }
      const claimed = await answer(user, 'marketing', { granted: true, source: 'administrator' });
      expect(claimed.status).toBe(400);
      expect(claimed.body.errors).toEqual([expect.objectContaining({ path: 'source' })]);
      const extra = await answer(user, 'marketing', { granted: true, purpose: 'other' });
      expect(extra.status).toBe(400);
      expect(await myHistory(user)).toEqual([]);
    });

    it('needs a signed-in user, and refuses an impersonating administrator to answer', async () => {
      await sut.http.get('/api/v1/me/consents').expect(401);
      await sut.http.put('/api/v1/me/consents/marketing').send({ granted: true }).expect(401);
      const user = await signUp('impersonated');
      const admin = await platformAdmin();
      const started = await sut.http
        .post('/api/v1/admin/impersonation')
        .set(bearer(admin))
        .send({ userId: user.userId, reason: 'Support ticket 4712: privacy settings question' })
        .expect(201);
      const impersonated = { userId: user.userId, token: started.body.accessToken as string };
      await sut.http.get('/api/v1/me/consents').set(bearer(impersonated)).expect(200);
      const refused = await answer(impersonated, 'marketing', { granted: true });
      expect(refused.status).toBe(403);
      expect(refused.body.type).toBe('urn:quire:problem:compliance.consent-impersonation-forbidden');
      expect(await consents.isGranted(user.userId, 'marketing')).toBe(false);
    });

    it('refuses an API key: consent is a person’s own answer', async () => {
      const user = await signUp('key-owner');
      const { slug } = await newWorkspace(user);
      const key = await sut.http
        .post(`/api/v1/workspaces/${slug}/api-keys`)
        .set(bearer(user))
        .send({ name: 'consent key', kind: 'management', scopes: ['read:ApiKey'] })
        .expect(201);
      const viaKey = { userId: user.userId, token: key.body.secret as string };
      for (const response of [
        await sut.http.get('/api/v1/me/consents').set(bearer(viaKey)),
        await answer(viaKey, 'marketing', { granted: true }),
      ]) {
        expect(response.status).toBe(403);
        expect(response.body.type).toBe('urn:quire:problem:compliance.consent-user-required');
      }
      expect(await consents.isGranted(user.userId, 'marketing')).toBe(false);
    });

    it('audits each change with before/after, IP and user agent', async () => {
      const user = await signUp('audited');
      const response = await answer(user, 'product-updates', { granted: true, source: 'console' }).expect(200);
      await answer(user, 'product-updates', { granted: false }).expect(200);
      const rows: Row[] = await sut.dataSource.query(
        `SELECT action, actor_id, subject_type, subject_id, request_id, ip, user_agent, changes, workspace_id
           FROM compliance_audit_log WHERE action LIKE 'compliance.consent.%' AND actor_id = $1
          ORDER BY occurred_at, id`,
        [user.userId],
      );
      expect(rows).toEqual([
        {
          action: 'compliance.consent.granted',
          actor_id: user.userId,
          subject_type: 'compliance.consent',
          subject_id: user.userId,
          request_id: response.headers['x-request-id'],
          ip: IP,
          user_agent: USER_AGENT,
          changes: { granted: { before: null, after: true } },
          workspace_id: null,
        },
        expect.objectContaining({
          action: 'compliance.consent.withdrawn',
          changes: { granted: { before: true, after: false } },
        }),
      ]);
    });
  });

  describe('withdrawAll (objection requests)', () => {
    it('withdraws every granted consent in the caller’s transaction', async () => {
      const user = await signUp('objection');
      await answer(user, 'marketing', { granted: true }).expect(200);
      await answer(user, 'usage-analytics', { granted: true }).expect(200);
      await answer(user, 'product-updates', { granted: false }).expect(200);
      const db = sut.app.get(TenantDataSource);
      const withdrawn = await db.transaction(RequestContext.system('consent-test'), (tx) =>
        consents.withdrawAll(tx, user.userId, 'administrator'),
      );
      expect(withdrawn.sort()).toEqual(['marketing', 'usage-analytics']);
      expect((await consents.currentFor(user.userId)).map((state) => state.granted)).toEqual([false, false, false]);
      const latest = await myHistory(user, { pageSize: '2' });
      expect(latest.map((row) => [row['purpose'], row['granted'], row['source'], row['recordedBy']]).sort()).toEqual([
        ['marketing', false, 'administrator', 'consent-test'],
        ['usage-analytics', false, 'administrator', 'consent-test'],
      ]);
    });

    it('rolls back with the caller’s transaction', async () => {
      const user = await signUp('rollback');
      await answer(user, 'marketing', { granted: true }).expect(200);
      const db = sut.app.get(TenantDataSource);
      await expect(
        db.transaction(RequestContext.system('consent-test'), async (tx) => {
          await consents.withdrawAll(tx, user.userId, 'api');
          throw new Error('the objection request failed later');
        }),
      ).rejects.toThrow('failed later');
      expect(await consents.isGranted(user.userId, 'marketing')).toBe(true);
      expect(await myHistory(user)).toHaveLength(1);
    });
  });

  describe('for platform administrators', () => {
    const path = (userId: string) => `/api/v1/admin/users/${userId}/consents`;

    it('reads any account’s consents and history, and records a paper form as source administrator', async () => {
      const admin = await platformAdmin();
      const user = await signUp('paper');
      await answer(user, 'marketing', { granted: true }).expect(200);
      const recorded = await sut.http
        .put(`${path(user.userId)}/product-updates`)
        .set(bearer(admin))
        .send({ granted: true })
        .expect(200);
      expect(recorded.body).toMatchObject({ purpose: 'product-updates', granted: true, source: 'administrator' });
      expect(await consents.isGranted(user.userId, 'product-updates')).toBe(true);

      const current = await sut.http.get(path(user.userId)).set(bearer(admin)).expect(200);
      expect(current.body.data.map((row: Row) => [row['purpose'], row['granted'], row['source']])).toEqual([
        ['marketing', true, 'api'],
        ['product-updates', true, 'administrator'],
        ['usage-analytics', false, null],
      ]);
      const history = await sut.http
        .get(`${path(user.userId)}/history`)
        .set(bearer(admin))
        .expect(200);
      expect(history.body.data[0]).toMatchObject({
        purpose: 'product-updates',
        source: 'administrator',
        recordedBy: admin.userId,
      });
      // The user sees the administrator's record in their own history.
      expect((await myHistory(user))[0]).toMatchObject({ source: 'administrator', recordedBy: admin.userId });
    });

    it('refuses anyone else, another user’s id included', async () => {
      const user = await signUp('target');
      const other = await signUp('nosy');
      for (const request of [
        sut.http.get(path(user.userId)).set(bearer(other)),
        sut.http.get(`${path(user.userId)}/history`).set(bearer(other)),
        sut.http
          .put(`${path(user.userId)}/marketing`)
          .set(bearer(other))
          .send({ granted: true }),
        sut.http.get(path(other.userId)).set(bearer(other)),
      ]) {
        const response = await request;
        expect(response.status).toBe(403);
        expect(response.body.type).toBe('urn:quire:problem:identity.platform-admin-required');
      }
      expect(await consents.isGranted(user.userId, 'marketing')).toBe(false);
    });

    it('answers 404 for an unknown account or purpose and 400 for a bad id or body', async () => {
      const admin = await platformAdmin();
      const missing = await sut.http.get(path('0190a5a0-0000-7000-8000-0000000000aa')).set(bearer(admin));
      expect(missing.status).toBe(404);
      expect(missing.body.type).toBe('urn:quire:problem:compliance.consent-user-not-found');
      const badId = await sut.http.get(path('not-a-uuid')).set(bearer(admin));
      expect(badId.status).toBe(400);
      expect(badId.body.errors).toEqual([expect.objectContaining({ path: 'userId' })]);
      const user = await signUp('admin-bad');
      const unknown = await sut.http
        .put(`${path(user.userId)}/telepathy`)
        .set(bearer(admin))
        .send({ granted: true });
      expect(unknown.status).toBe(404);
      expect(unknown.body.type).toBe('urn:quire:problem:compliance.consent-purpose-unknown');
      const body = await sut.http
        .put(`${path(user.userId)}/marketing`)
        .set(bearer(admin))
        .send({ granted: 1 });
      expect(body.status).toBe(400);
      expect(body.body.errors).toEqual([expect.objectContaining({ path: 'granted' })]);
      // Administrators name no source: it is always `administrator`.
      const source = await sut.http
        .put(`${path(user.userId)}/marketing`)
        .set(bearer(admin))
        .send({ granted: true, source: 'console' });
      expect(source.status).toBe(400);
    });
  });

  describe('retention', () => {
    const policies = ['compliance.consent-records', 'compliance.consents'];

    /** Backdates an account's closure and its consents by `years` (the history's trigger is off for the test only). */
    async function age(userId: string, years: number): Promise<void> {
      await sut.dataSource.transaction(async (manager) => {
        await manager.query(
          `ALTER TABLE compliance_consent_records DISABLE TRIGGER compliance_consent_records_append_only`,
        );
        await manager.query(
          `UPDATE compliance_consent_records SET occurred_at = occurred_at - make_interval(years => $2) WHERE user_id = $1`,
          [userId, years],
        );
        await manager.query(
          `ALTER TABLE compliance_consent_records ENABLE TRIGGER compliance_consent_records_append_only`,
        );
        await manager.query(
          `UPDATE compliance_consents SET changed_at = changed_at - make_interval(years => $2) WHERE user_id = $1`,
          [userId, years],
        );
        await manager.query(`UPDATE identity_users SET closed_at = now() - make_interval(years => $2) WHERE id = $1`, [
          userId,
          years,
        ]);
      });
    }

    const counts = async (userId: string) => {
      const [row]: Array<{ records: number; current: number }> = await sut.dataSource.query(
        `SELECT (SELECT count(*)::int FROM compliance_consent_records WHERE user_id = $1) AS records,
                (SELECT count(*)::int FROM compliance_consents WHERE user_id = $1) AS current`,
        [userId],
      );
      return row!;
    };

    it('keeps consents of live and recently closed accounts, removes them 3 years after closure; dry run agrees', async () => {
      const live = await signUp('live');
      const recent = await signUp('recently-closed');
      const gone = await signUp('long-closed');
      for (const account of [live, recent, gone]) {
        await answer(account, 'marketing', { granted: true }).expect(200);
        await answer(account, 'marketing', { granted: false }).expect(200);
      }
      await age(live.userId, 5);
      await sut.dataSource.query(`UPDATE identity_users SET closed_at = NULL WHERE id = $1`, [live.userId]);
      await age(recent.userId, 2);
      await age(gone.userId, 4);

      const engine = sut.app.get(RetentionEngine);
      const dry = await engine.run({ trigger: 'manual', dryRun: true, policies });
      const real = await engine.run({ trigger: 'manual', dryRun: false, policies });
      expect(real.results.map((r) => [r.policy, r.error])).toEqual([
        ['compliance.consent-records', null],
        ['compliance.consents', null],
      ]);
      expect(real.results.map((r) => r.rowsAffected)).toEqual(dry.results.map((r) => r.rowsAffected));
      expect(await counts(gone.userId)).toEqual({ records: 0, current: 0 });
      expect(await counts(recent.userId)).toEqual({ records: 2, current: 1 });
      expect(await counts(live.userId)).toEqual({ records: 2, current: 1 });
    });
  });

  describe('the history in the database', () => {
    it('refuses UPDATE, DELETE and TRUNCATE; only the retention executor deletes', async () => {
      const user = await signUp('append-only');
      await answer(user, 'marketing', { granted: true }).expect(200);
      await expect(
        sut.dataSource.query(`UPDATE compliance_consent_records SET granted = false WHERE user_id = $1`, [user.userId]),
      ).rejects.toThrow(/append-only: UPDATE refused/);
      await expect(
        sut.dataSource.query(`DELETE FROM compliance_consent_records WHERE user_id = $1`, [user.userId]),
      ).rejects.toThrow(/append-only: DELETE refused/);
      await expect(sut.dataSource.query(`TRUNCATE compliance_consent_records`)).rejects.toThrow(/append-only/);

      const [{ id }]: Array<{ id: string }> = await sut.dataSource.query(
        `SELECT id FROM compliance_consent_records WHERE user_id = $1`,
        [user.userId],
      );
      const executor = sut.app.get(ConsentRecordsPurgeExecutor);
      await sut.dataSource.transaction(async (manager) => {
        await executor.apply({
          policy: consentRetention[0]!,
          ids: [id],
          tx: RequestContext.system('retention-test').withManager(manager),
          manager,
        });
        // The permission ends with the batch: the same transaction cannot delete more.
        await expect(
          manager.query(`SAVEPOINT s; UPDATE compliance_consent_records SET granted = true`),
        ).rejects.toThrow(/append-only/);
        await manager.query(`ROLLBACK TO SAVEPOINT s`);
      });
      expect(await myHistory(user)).toEqual([]);
      // The current state is the user's to change and has no trigger.
      expect(await consents.isGranted(user.userId, 'marketing')).toBe(true);
    });
  });
});
