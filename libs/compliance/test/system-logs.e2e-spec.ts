import { randomUUID } from 'node:crypto';
import { loadConfig } from '@quire/core';
import { createTestApp, expectValidationProblem, testAccounts, type TestAccount, type TestApp } from '@quire/testing';
import { plugins } from '../../../apps/api/src/quire.config';
import { IDENTITY_RATE_LIMITS } from '../../identity/src/identity.rate-limits';
import { CompliancePlugin } from '../src';
import { SYSTEM_LOG_BUFFER_LIMIT, SystemLogRecorder } from '../src/system-logs/system-log.recorder';

type Row = Record<string, unknown>;

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${counter++}`;
let lastOctet = 0;
/** A client address no other test used (TEST-NET-2), as the trusted proxy reports it. */
const anIp = () => `198.51.100.${++lastOctet}`;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * System logs end to end: real requests through the real app are recorded by the kernel's request recorders, written
 * by the compliance recorder (flushed by the test, never waited for), read and flagged over HTTP by platform
 * administrators, and purged by the retention engine unless an incident holds them.
 */
describe('System logs', () => {
  let sut: TestApp;
  let admin: TestAccount;
  let user: TestAccount;
  let workspace: { id: string; slug: string };
  const { signUp, platformAdmin, bearer } = testAccounts(() => sut);

  const flush = () => sut.app.get(SystemLogRecorder).flush();

  /** The record of the request that answered with this X-Request-Id, read in SQL. */
  async function recordOf(requestId: string): Promise<Row> {
    await flush();
    const rows: Row[] = await sut.dataSource.query(`SELECT * FROM compliance_system_logs WHERE request_id = $1`, [
      requestId,
    ]);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  async function list(query: Record<string, string>, by: TestAccount = admin): Promise<Row[]> {
    await flush();
    const response = await sut.http.get('/api/v1/system-logs').query(query).set(bearer(by)).expect(200);
    return response.body.data as Row[];
  }

  /** Rows as an old installation has them, straight in SQL: `count` requests from `ip`, `days` ago. */
  async function seed(count: number, ip: string, days: number): Promise<void> {
    await sut.dataSource.query(
      `INSERT INTO compliance_system_logs (id, occurred_at, method, route, status, duration_ms, actor_type, ip,
         request_id, rate_limited)
       SELECT gen_random_uuid(), now() - make_interval(days => $3::int) + make_interval(secs => n), 'GET',
              '/api/v1/seeded', 200, 1, 'anonymous', $2, 'seed-' || n, false
         FROM generate_series(1, $1::int) AS n`,
      [count, ip, days],
    );
  }

  beforeAll(async () => {
    // TRUST_PROXY: the test client is the loopback proxy, so X-Forwarded-For names the client IP recorded.
    const env = { TRUST_PROXY: 'loopback', ROUTE_RATE_LIMITS: 'true' };
    sut = await createTestApp({ plugins: plugins(loadConfig(env)), env });
    admin = await platformAdmin();
    user = await signUp('user');
    const slug = `logs-${unique()}`;
    const created = await sut.http
      .post('/api/v1/workspaces')
      .set(bearer(user))
      .set('X-Forwarded-For', anIp())
      .send({ name: 'Logs', slug })
      .expect(201);
    workspace = { id: created.body.id, slug };
  });
  afterAll(async () => {
    await sut?.close();
  });

  describe('recording', () => {
    it('records the route pattern, status, duration, actor, workspace, client and the error code of a problem', async () => {
      const ip = anIp();
      const missing = randomUUID();
      const response = await sut.http
        .get(`/api/v1/workspaces/${workspace.slug}/entries/${missing}`)
        .set(bearer(user))
        .set('X-Forwarded-For', ip)
        .set('User-Agent', 'system-logs-e2e/1.0')
        .expect(404);
      expect(response.body.type).toBe('urn:quire:problem:content.entry-not-found');
      const record = await recordOf(response.headers['x-request-id'] as string);
      expect(record).toMatchObject({
        method: 'GET',
        route: '/api/v1/workspaces/:workspace/entries/:id',
        status: 404,
        actor_type: 'user',
        actor_id: user.userId,
        impersonator_id: null,
        workspace_id: workspace.id,
        ip,
        user_agent: 'system-logs-e2e/1.0',
        rate_limited: false,
        error_code: 'content.entry-not-found',
        incident_id: null,
      });
      expect(record['duration_ms']).toEqual(expect.any(Number));
      expect(record['duration_ms'] as number).toBeGreaterThanOrEqual(0);
      expect(JSON.stringify(record)).not.toContain(missing);
      expect(JSON.stringify(record)).not.toContain(workspace.slug);
    });

    it('records a success without an error code, and never the query string', async () => {
      const response = await sut.http
        .get(`/api/v1/workspaces/${workspace.slug}/members`)
        .query({ pageSize: '5', secretish: 'x' })
        .set(bearer(user))
        .set('X-Forwarded-For', anIp());
      const record = await recordOf(response.headers['x-request-id'] as string);
      expect(record['route']).toBe('/api/v1/workspaces/:workspace/members');
      expect(JSON.stringify(record)).not.toContain('secretish');
      const ok = await sut.http.get('/api/v1/me').set(bearer(user)).set('X-Forwarded-For', anIp()).expect(200);
      expect(await recordOf(ok.headers['x-request-id'] as string)).toMatchObject({
        route: '/api/v1/me',
        status: 200,
        error_code: null,
        actor_id: user.userId,
        workspace_id: null,
      });
    });

    it('keeps nothing of the request body', async () => {
      const response = await sut.http
        .post('/api/v1/auth/sign-in')
        .set('X-Forwarded-For', anIp())
        .send({ email: user.email, password: 'a wrong password to log nowhere' })
        .expect(401);
      const record = await recordOf(response.headers['x-request-id'] as string);
      expect(record).toMatchObject({ route: '/api/v1/auth/sign-in', status: 401, actor_type: 'anonymous' });
      const text = JSON.stringify(record);
      expect(text).not.toContain('a wrong password to log nowhere');
      expect(text).not.toContain(user.email);
    });

    it('marks a request a rate limit refused', async () => {
      const ip = anIp();
      const { perAccount } = IDENTITY_RATE_LIMITS.signIn;
      const email = `limited-${unique()}@example.com`;
      for (let i = 0; i < perAccount.limit; i++) {
        await sut.http.post('/api/v1/auth/sign-in').set('X-Forwarded-For', ip).send({ email, password: 'wrong' });
      }
      const refused = await sut.http
        .post('/api/v1/auth/sign-in')
        .set('X-Forwarded-For', ip)
        .send({ email, password: 'wrong' })
        .expect(429);
      expect(await recordOf(refused.headers['x-request-id'] as string)).toMatchObject({
        status: 429,
        rate_limited: true,
        error_code: 'core.rate-limited',
      });
      const limited = await list({ 'filter[rateLimited]': 'true', 'filter[ip]': ip });
      expect(limited.map((row) => row['requestId'])).toEqual([refused.headers['x-request-id']]);
    });

    it('records a request no route matched without its URL', async () => {
      const response = await sut.http.get('/api/v1/no-such-thing/12345').set('X-Forwarded-For', anIp()).expect(404);
      const record = await recordOf(response.headers['x-request-id'] as string);
      expect(record).toMatchObject({ route: null, status: 404, error_code: 'core.route-not-found' });
      expect(JSON.stringify(record)).not.toContain('12345');
    });

    it('keeps answering while the database refuses the records, and writes them once it is back', async () => {
      const recorder = sut.app.get(SystemLogRecorder);
      await flush();
      await sut.dataSource.query(`ALTER TABLE compliance_system_logs RENAME TO compliance_system_logs_away`);
      const requestIds: string[] = [];
      try {
        for (let i = 0; i < 3; i++) {
          const response = await sut.http.get('/api/v1/me').set(bearer(user)).expect(200);
          requestIds.push(response.headers['x-request-id'] as string);
        }
        await expect(recorder.flush()).resolves.toBeUndefined();
        expect(recorder.pending).toBeGreaterThanOrEqual(3);
      } finally {
        await sut.dataSource.query(`ALTER TABLE compliance_system_logs_away RENAME TO compliance_system_logs`);
      }
      await flush();
      expect(recorder.pending).toBe(0);
      const rows: Row[] = await sut.dataSource.query(
        `SELECT request_id FROM compliance_system_logs WHERE request_id = ANY($1)`,
        [requestIds],
      );
      expect(rows).toHaveLength(3);
    });
  });

  it('writes what it has buffered when the server stops', async () => {
    // A second instance on the same database that writes only at 500 records and at shutdown.
    const env = { TRUST_PROXY: 'loopback' };
    const installed = plugins(loadConfig(env)).map((plugin) =>
      plugin.definition.name === 'compliance' ? CompliancePlugin.with({ systemLogFlushIntervalMs: 0 }) : plugin,
    );
    const second = await createTestApp({ plugins: installed, env, database: sut.database });
    const requestIds: string[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const response = await second.http.get('/api/v1/me').set(bearer(user)).expect(200);
        requestIds.push(response.headers['x-request-id'] as string);
      }
      expect(second.app.get(SystemLogRecorder).pending).toBeGreaterThanOrEqual(2);
    } finally {
      await second.close();
    }
    const rows: Row[] = await sut.dataSource.query(
      `SELECT request_id FROM compliance_system_logs WHERE request_id = ANY($1)`,
      [requestIds],
    );
    expect(rows).toHaveLength(2);
  });

  it('drops the oldest records, counted, once the buffer is full while the database refuses them', async () => {
    const recorder = sut.app.get(SystemLogRecorder);
    await flush();
    const droppedBefore = recorder.dropped;
    const record = (n: number) => ({
      occurredAt: new Date(),
      method: 'GET',
      route: '/api/v1/synthetic',
      status: 200,
      durationMs: 1,
      actorType: 'anonymous' as const,
      actorId: null,
      impersonatorId: null,
      workspaceId: null,
      ip: null,
      userAgent: null,
      requestId: `buffer-${n}`,
      rateLimited: false,
      errorCode: null,
    });
    await sut.dataSource.query(`ALTER TABLE compliance_system_logs RENAME TO compliance_system_logs_away`);
    try {
      for (let n = 0; n < SYSTEM_LOG_BUFFER_LIMIT + 5; n++) recorder.record(record(n));
      await flush();
      expect(recorder.pending).toBe(SYSTEM_LOG_BUFFER_LIMIT);
      expect(recorder.dropped - droppedBefore).toBe(5);
    } finally {
      await sut.dataSource.query(`ALTER TABLE compliance_system_logs_away RENAME TO compliance_system_logs`);
    }
    await flush();
    const [kept] = await sut.dataSource.query(
      `SELECT count(*)::int AS n, min(substr(request_id, 8)::int) AS first FROM compliance_system_logs
        WHERE request_id LIKE 'buffer-%'`,
    );
    expect(kept).toEqual({ n: SYSTEM_LOG_BUFFER_LIMIT, first: 5 });
  });

  describe('GET /system-logs', () => {
    it('filters by route, status, actor, workspace, error code, IP and time, newest first', async () => {
      const ip = anIp();
      const since = new Date(Date.now() - 1000).toISOString();
      for (let i = 0; i < 2; i++) {
        await sut.http
          .get(`/api/v1/workspaces/${workspace.slug}/entries/${randomUUID()}`)
          .set(bearer(user))
          .set('X-Forwarded-For', ip)
          .expect(404);
      }
      await sut.http.get('/api/v1/me').set(bearer(user)).set('X-Forwarded-For', ip).expect(200);
      const mine = await list({ 'filter[ip]': ip });
      expect(mine).toHaveLength(3);
      const times = mine.map((row) => Date.parse(row['occurredAt'] as string));
      expect([...times].sort((a, b) => b - a)).toEqual(times);

      const filtered = await list({
        'filter[ip]': ip,
        'filter[route]': '/api/v1/workspaces/:workspace/entries/:id',
        'filter[status]': '404',
        'filter[actorId]': user.userId,
        'filter[workspaceId]': workspace.id,
        'filter[errorCode]': 'content.entry-not-found',
        'filter[occurredAt][gte]': since,
        'filter[rateLimited]': 'false',
      });
      expect(filtered).toHaveLength(2);
      expect(await list({ 'filter[ip]': ip, 'filter[occurredAt][lt]': since })).toHaveLength(0);
      const page = await sut.http
        .get('/api/v1/system-logs')
        .query({ 'filter[ip]': ip, pageSize: '1', fields: 'route,status' })
        .set(bearer(admin))
        .expect(200);
      expect(page.body.meta).toMatchObject({ total: 3, pageSize: 1, pageCount: 3 });
      expect(Object.keys(page.body.data[0]).sort()).toEqual(['route', 'status']);
    });

    it('refuses an unknown filter field or a bad value, naming it', async () => {
      const unknown = await sut.http
        .get('/api/v1/system-logs')
        .query({ 'filter[password]': 'x' })
        .set(bearer(admin))
        .expect(400);
      expect(JSON.stringify(unknown.body)).toContain('password');
      const badUuid = await sut.http
        .get('/api/v1/system-logs')
        .query({ 'filter[actorId]': 'not-a-uuid' })
        .set(bearer(admin))
        .expect(400);
      expect(JSON.stringify(badUuid.body)).toContain('actorId');
    });
  });

  describe('incidents', () => {
    const open = (body: object, by: TestAccount = admin) =>
      sut.http.post('/api/v1/system-logs/incidents').set(bearer(by)).send(body);
    const close = (id: string, by: TestAccount = admin) =>
      sut.http.post(`/api/v1/system-logs/incidents/${id}/close`).set(bearer(by)).send({ reason: 'Investigated' });
    const flaggedBy = async (incidentId: string): Promise<number> =>
      Number(
        (
          await sut.dataSource.query(`SELECT count(*) FROM compliance_system_logs WHERE incident_id = $1`, [incidentId])
        )[0].count,
      );

    it('flags the matching rows, keeps them through retention, and releases them on close (audited)', async () => {
      const attacker = anIp();
      const bystander = anIp();
      await seed(5, attacker, 200);
      await seed(4, bystander, 200);
      const opened = await open({
        reason: 'Credential stuffing',
        from: daysAgo(201),
        until: daysAgo(199),
        ip: attacker,
      }).expect(201);
      expect(opened.body).toMatchObject({
        reason: 'Credential stuffing',
        filter: { ip: attacker },
        flaggedRows: 5,
        openedBy: admin.userId,
        closedAt: null,
      });
      const incidentId = opened.body.id as string;
      expect(await flaggedBy(incidentId)).toBe(5);

      const run = await sut.http
        .post('/api/v1/retention/runs')
        .set(bearer(admin))
        .send({ policies: ['compliance.system-logs'] })
        .expect(200);
      expect(run.body.results[0]).toMatchObject({ policy: 'compliance.system-logs', error: null });
      const left = async (ip: string) =>
        Number(
          (await sut.dataSource.query(`SELECT count(*) FROM compliance_system_logs WHERE ip = $1`, [ip]))[0].count,
        );
      expect(await left(attacker)).toBe(5);
      expect(await left(bystander)).toBe(0);

      const listed = await sut.http.get('/api/v1/system-logs/incidents').set(bearer(admin)).expect(200);
      expect(listed.body.data.map((i: Row) => i['id'])).toContain(incidentId);

      const closed = await close(incidentId).expect(200);
      expect(closed.body).toMatchObject({ id: incidentId, releasedRows: 5, handedOverRows: 0, closedBy: admin.userId });
      expect(closed.body.closedAt).toEqual(expect.any(String));
      expect(await flaggedBy(incidentId)).toBe(0);
      await sut.http
        .post('/api/v1/retention/runs')
        .set(bearer(admin))
        .send({ policies: ['compliance.system-logs'] })
        .expect(200);
      expect(await left(attacker)).toBe(0);

      const audited: Row[] = await sut.dataSource.query(
        `SELECT action, actor_id, workspace_id FROM compliance_audit_log
          WHERE subject_id = $1 ORDER BY sequence`,
        [incidentId],
      );
      expect(audited).toEqual([
        { action: 'compliance.incident.opened', actor_id: admin.userId, workspace_id: null },
        { action: 'compliance.incident.closed', actor_id: admin.userId, workspace_id: null },
      ]);
      await close(incidentId).expect(409);
    });

    it('flags requests recorded later while it is open, and hands rows over to another open incident on close', async () => {
      const ip = anIp();
      const first = await open({ reason: 'Ongoing', from: daysAgo(1), until: daysAgo(-1), ip }).expect(201);
      const second = await open({ reason: 'Ongoing too', from: daysAgo(1), until: daysAgo(-1), ip }).expect(201);
      const later = await sut.http.get('/api/v1/me').set(bearer(user)).set('X-Forwarded-For', ip).expect(200);
      expect((await recordOf(later.headers['x-request-id'] as string))['incident_id']).toBe(first.body.id);
      const closed = await close(first.body.id).expect(200);
      expect(closed.body).toMatchObject({ releasedRows: 0, handedOverRows: 1 });
      expect(await flaggedBy(second.body.id)).toBe(1);
      await close(second.body.id).expect(200);
    });

    it('combines the filters: actor, route and workspace', async () => {
      const ip = anIp();
      await sut.http
        .get(`/api/v1/workspaces/${workspace.slug}/entries/${randomUUID()}`)
        .set(bearer(user))
        .set('X-Forwarded-For', ip)
        .expect(404);
      await sut.http.get('/api/v1/me').set(bearer(user)).set('X-Forwarded-For', ip).expect(200);
      await flush();
      const opened = await open({
        reason: 'Scraping',
        from: daysAgo(1),
        until: new Date().toISOString(),
        actorId: user.userId,
        route: '/api/v1/workspaces/:workspace/entries/:id',
        workspaceId: workspace.id,
        ip,
      }).expect(201);
      expect(opened.body.flaggedRows).toBe(1);
      await close(opened.body.id).expect(200);
    });

    it('refuses bad input, naming the field', async () => {
      const range = { reason: 'x', from: daysAgo(1), until: daysAgo(2) };
      expectValidationProblem(await open(range).expect(400), ['until']);
      expectValidationProblem(await open({ ...range, until: daysAgo(0), foo: 1 }).expect(400), ['foo']);
      expectValidationProblem(await open({ ...range, until: daysAgo(0), actorId: 'nope' }).expect(400), ['actorId']);
      expectValidationProblem(await open({ ...range, until: daysAgo(0), ip: '999.1.1.1' }).expect(400), ['ip']);
      expectValidationProblem(await open({ ...range, from: 'yesterday' }).expect(400), ['from']);
      expectValidationProblem(await open({ from: daysAgo(1), until: daysAgo(0) }).expect(400), ['reason']);
      expectValidationProblem(await close('not-a-uuid').expect(400), ['id']);
      const missing = await close(randomUUID()).expect(404);
      expect(missing.body.type).toBe('urn:quire:problem:compliance.incident-not-found');
    });
  });

  it('refuses every route to anyone but a platform administrator', async () => {
    const id = randomUUID();
    const body = { reason: 'x', from: daysAgo(1), until: daysAgo(0) };
    const routes = [
      () => sut.http.get('/api/v1/system-logs'),
      () => sut.http.get('/api/v1/system-logs/incidents'),
      () => sut.http.post('/api/v1/system-logs/incidents').send(body),
      () => sut.http.post(`/api/v1/system-logs/incidents/${id}/close`).send({ reason: 'x' }),
    ];
    for (const route of routes) {
      const refused = await route().set(bearer(user)).expect(403);
      expect(refused.body.type).toBe('urn:quire:problem:identity.platform-admin-required');
      await route().expect(401);
    }
    const incidents: Row[] = await sut.dataSource.query(`SELECT id FROM compliance_incidents WHERE reason = 'x'`);
    expect(incidents).toHaveLength(0);
  });
});
