import { EventBus, loadConfig, RequestContext, type QuireEventName } from '@quire/core';
import {
  createTestApp,
  startSmtpMailbox,
  testAccounts,
  type SmtpMailbox,
  type TestAccount,
  type TestApp,
  type TestWorkspace,
} from '@quire/testing';
import { plugins } from '../../../apps/api/src/quire.config';
import { REDACTED } from '../src/audit-log/audit-redaction';

type Row = Record<string, unknown>;

/**
 * The audit log end to end: real actions through the API, recorded by the kernel's event recorders in the same
 * transaction, read, exported and verified over HTTP; tampering and the append-only trigger checked in SQL.
 */
describe('Audit log', () => {
  let sut: TestApp;
  let smtp: SmtpMailbox;
  let owner: TestAccount;
  let workspace: TestWorkspace;
  let counter = 0;
  const unique = () => `${Date.now().toString(36)}-${counter++}`;
  const USER_AGENT = 'audit-e2e/1.0';
  const IP = '203.0.113.7';

  const { signUp, newWorkspace, member, platformAdmin, bearer } = testAccounts(() => sut);

  const log = (ws: TestWorkspace = workspace) => `/api/v1/workspaces/${ws.slug}/audit-log`;

  async function records(query: Record<string, string> = {}, by: TestAccount = owner): Promise<Row[]> {
    const response = await sut.http
      .get(log())
      .query({ pageSize: '200', sort: 'sequence', ...query })
      .set(bearer(by))
      .expect(200);
    return response.body.data as Row[];
  }

  beforeAll(async () => {
    smtp = await startSmtpMailbox();
    // TRUST_PROXY: the test client is the loopback proxy, so X-Forwarded-For names the client IP recorded.
    const env = { SMTP_URL: smtp.url, OUTBOUND_ALLOWED_NETWORKS: '127.0.0.1/32', TRUST_PROXY: 'loopback' };
    sut = await createTestApp({ plugins: plugins(loadConfig(env)), env });
    owner = await signUp('owner');
    workspace = await newWorkspace(owner);
  });
  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  describe('recording', () => {
    let requestId: string;
    let entryId: string;

    beforeAll(async () => {
      const ws = `/api/v1/workspaces/${workspace.slug}`;
      await sut.http
        .post(`${ws}/content-types`)
        .set(bearer(owner))
        .set('User-Agent', USER_AGENT)
        .set('X-Forwarded-For', IP)
        .send({ apiId: 'article', kind: 'collection', name: 'Article', fields: [{ name: 'title', type: 'text' }] })
        .expect(201);
      const entry = await sut.http
        .post(`${ws}/content-types/article/entries`)
        .set(bearer(owner))
        .set('User-Agent', USER_AGENT)
        .set('X-Forwarded-For', IP)
        .send({ data: { title: 'Audited' } })
        .expect(201);
      entryId = entry.body.id as string;
      requestId = entry.headers['x-request-id'] as string;
      await sut.http
        .post(`${ws}/invitations`)
        .set(bearer(owner))
        .send({ email: `invitee-${unique()}@example.com`, role: 'editor' })
        .expect(201);
      await sut.http
        .post(`${ws}/webhooks`)
        .set(bearer(owner))
        .send({ url: 'http://127.0.0.1:9/hook', events: ['content.entry.*'] })
        .expect(201);
    });

    it('records each action with actor, action, subject, request id, IP and user agent', async () => {
      const rows = await records();
      const actions = rows.map((row) => row['action']);
      expect(actions).toEqual(
        expect.arrayContaining([
          'content.type.created',
          'content.entry.created',
          'workspaces.invitation.created',
          'webhooks.subscription.created',
        ]),
      );
      const created = rows.find((row) => row['action'] === 'content.entry.created');
      expect(created).toMatchObject({
        actorType: 'user',
        actorId: owner.userId,
        impersonatorId: null,
        subjectType: 'content.entry',
        subjectId: entryId,
        requestId,
        ip: IP,
        userAgent: USER_AGENT,
      });
      // Sequences of the workspace's chain are gap-free from 1, each record linked to the one before.
      expect(rows.map((row) => row['sequence'])).toEqual(rows.map((_, i) => i + 1));
      rows.slice(1).forEach((row, i) => expect(row['prevHash']).toBe(rows[i]!['hash']));
    });

    it('filters by actor, action, subject and time, and pages', async () => {
      const byAction = await records({ 'filter[action]': 'content.entry.created' });
      expect(byAction.map((row) => row['subjectId'])).toEqual([entryId]);
      const bySubject = await records({ 'filter[subjectType]': 'content.type' });
      expect(bySubject.map((row) => row['action'])).toEqual(['content.type.created']);
      expect(await records({ 'filter[actorId]': 'nobody' })).toEqual([]);
      expect(await records({ 'filter[occurredAt][gt]': new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
      const page = await sut.http.get(log()).query({ pageSize: '1', fields: 'sequence,action' }).set(bearer(owner));
      expect(page.status).toBe(200);
      expect(page.body.data).toHaveLength(1);
      expect(Object.keys(page.body.data[0]).sort()).toEqual(['action', 'sequence']);
      expect(page.body.meta.total).toBeGreaterThanOrEqual(4);
      const bad = await sut.http.get(log()).query({ 'filter[nope]': 'x' }).set(bearer(owner));
      expect(bad.status).toBe(400);
    });

    it('names the impersonator of an impersonated action', async () => {
      const admin = await platformAdmin();
      const started = await sut.http
        .post('/api/v1/admin/impersonation')
        .set(bearer(admin))
        .send({ userId: owner.userId, reason: 'Support ticket 4711: entry cannot be saved' })
        .expect(201);
      const impersonated = { userId: owner.userId, token: started.body.accessToken as string };
      await sut.http
        .post(`/api/v1/workspaces/${workspace.slug}/content-types/article/entries`)
        .set(bearer(impersonated))
        .send({ data: { title: 'By support' } })
        .expect(201);
      const [row] = (await records({ 'filter[impersonatorId]': admin.userId })).filter(
        (r) => r['action'] === 'content.entry.created',
      );
      expect(row).toMatchObject({ actorId: owner.userId, impersonatorId: admin.userId });
    });

    it('keeps declared changes with secrets and sensitive fields redacted', async () => {
      const ctx = RequestContext.system('audit-test').withWorkspace({ id: workspace.id, slug: workspace.slug });
      await sut.app.get(EventBus).publish(
        ctx,
        'webhooks.secret.rotated' as QuireEventName,
        {
          subscriptionId: '0190a5a0-0000-7000-8000-000000000001',
          changes: {
            url: { before: 'https://a.example', after: 'https://b.example' },
            secret: { before: 'whsec_old', after: 'whsec_new' },
            nested: { passwordHash: 'argon2id$…', kept: 1 },
          },
        } as never,
      );
      const [row] = await records({ 'filter[actorId]': 'audit-test' });
      expect(row).toMatchObject({
        actorType: 'system',
        subjectType: 'webhooks.secret',
        changes: {
          url: { before: 'https://a.example', after: 'https://b.example' },
          secret: REDACTED,
          nested: { passwordHash: REDACTED, kept: 1 },
        },
      });
      expect(JSON.stringify(row)).not.toContain('whsec_');
    });
  });

  describe('access', () => {
    it('lets the auditor read and export, refuses an editor, hides another workspace', async () => {
      const auditor = await member(workspace, 'auditor');
      const editor = await member(workspace, 'editor');
      await sut.http.get(log()).set(bearer(auditor)).expect(200);
      const refused = await sut.http.get(log()).set(bearer(editor));
      expect(refused.status).toBe(403);
      await sut.http.get(`${log()}/export`).query({ format: 'csv' }).set(bearer(editor)).expect(403);
      await sut.http.post(`${log()}/verify`).send({}).set(bearer(editor)).expect(403);

      const stranger = await signUp('stranger');
      const other = await newWorkspace(stranger);
      await sut.http.get(log(other)).set(bearer(owner)).expect(404);
      await sut.http
        .get(`${log(other)}/export`)
        .query({ format: 'jsonl' })
        .set(bearer(auditor))
        .expect(404);
      await sut.http
        .post(`${log(other)}/verify`)
        .send({})
        .set(bearer(owner))
        .expect(404);
      // The other workspace's own log holds none of this workspace's records.
      const theirs = await sut.http.get(log(other)).set(bearer(stranger)).expect(200);
      expect(theirs.body.data.map((row: Row) => row['action'])).not.toContain('content.entry.created');
    });

    it('has no route that changes or removes a record', async () => {
      const [row] = await records();
      for (const method of ['patch', 'put', 'delete'] as const) {
        const response = await sut.http[method](`${log()}/${row!['id'] as string}`).set(bearer(owner));
        expect([404, 405]).toContain(response.status);
      }
      const bulk = await sut.http.delete(log()).set(bearer(owner));
      expect([404, 405]).toContain(bulk.status);
    });
  });

  describe('export', () => {
    it('streams JSON Lines that parse back, with the filters applied', async () => {
      const auditor = await member(workspace, 'auditor');
      const response = await sut.http
        .get(`${log()}/export`)
        .query({ format: 'jsonl', 'filter[action]': 'content.entry.created' })
        .set(bearer(auditor))
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => done(null, text));
        })
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/jsonl/);
      expect(response.headers['content-disposition']).toMatch(/attachment; filename=".*\.jsonl"/);
      const lines = (response.body as string)
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Row);
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(new Set(lines.map((line) => line['action']))).toEqual(new Set(['content.entry.created']));
      const listed = await records({ 'filter[action]': 'content.entry.created' });
      expect(lines).toEqual(listed);
    });

    it('streams CSV that parses back to the same records', async () => {
      const response = await sut.http
        .get(`${log()}/export`)
        .query({ format: 'csv' })
        .set(bearer(owner))
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => done(null, text));
        })
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...rows] = parseCsv(response.body as string);
      const listed = await records();
      expect(rows).toHaveLength(listed.length);
      const byColumn = (cells: string[]) => Object.fromEntries(header!.map((name, i) => [name, cells[i]]));
      rows.forEach((cells, i) => {
        const parsed = byColumn(cells);
        expect(parsed['hash']).toBe(listed[i]!['hash']);
        expect(Number(parsed['sequence'])).toBe(listed[i]!['sequence']);
        expect(parsed['changes'] === '' ? null : JSON.parse(parsed['changes']!)).toEqual(listed[i]!['changes']);
      });
    });

    it('refuses an unknown or missing format and a bad filter', async () => {
      for (const query of [{ format: 'xml' }, {}]) {
        const response = await sut.http.get(`${log()}/export`).query(query).set(bearer(owner));
        expect(response.status).toBe(400);
        expect(response.body.type).toBe('urn:quire:problem:compliance.audit-export-format-unsupported');
      }
      // A bad filter is still a problem answer: the first batch is read before the headers go out.
      const badFilter = await sut.http
        .get(`${log()}/export`)
        .query({ format: 'csv', 'filter[nope]': 'x' })
        .set(bearer(owner));
      expect(badFilter.status).toBe(400);
      expect(badFilter.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('verification and tamper resistance', () => {
    const verify = (body: Record<string, unknown>) => sut.http.post(`${log()}/verify`).set(bearer(owner)).send(body);

    it('reports ok over the whole chain and over a range', async () => {
      const all = await verify({}).expect(200);
      expect(all.body).toMatchObject({ ok: true, fromSequence: 1, firstBroken: null });
      expect(all.body.checked).toBeGreaterThanOrEqual(4);
      const range = await verify({ fromSequence: 2, toSequence: 3 }).expect(200);
      expect(range.body).toEqual({ ok: true, checked: 2, fromSequence: 2, toSequence: 3, firstBroken: null });
      const byTime = await verify({ from: new Date(Date.now() - 3600_000).toISOString() }).expect(200);
      expect(byTime.body.ok).toBe(true);
    });

    it('refuses a bad range', async () => {
      const backwards = await verify({ fromSequence: 5, toSequence: 2 });
      expect(backwards.status).toBe(400);
      expect(backwards.body.type).toBe('urn:quire:problem:compliance.audit-verify-range-invalid');
      expect((await verify({ fromSequence: 0 })).status).toBe(400);
      expect((await verify({ from: 'yesterday' })).status).toBe(400);
    });

    it('refuses UPDATE and DELETE in SQL', async () => {
      await expect(
        sut.dataSource.query(`UPDATE compliance_audit_log SET action = 'forged' WHERE workspace_id = $1`, [
          workspace.id,
        ]),
      ).rejects.toThrow(/append-only: UPDATE refused/);
      await expect(
        sut.dataSource.query(`DELETE FROM compliance_audit_log WHERE workspace_id = $1`, [workspace.id]),
      ).rejects.toThrow(/append-only: DELETE refused/);
      // The purge's switch allows DELETE only, never UPDATE.
      await expect(
        sut.dataSource.transaction(async (manager) => {
          await manager.query(`SET LOCAL quire.audit_purge = 'on'`);
          await manager.query(`UPDATE compliance_audit_log SET action = 'forged' WHERE workspace_id = $1`, [
            workspace.id,
          ]);
        }),
      ).rejects.toThrow(/append-only: UPDATE refused/);
    });

    it('finds a record changed directly in SQL as the first broken link', async () => {
      await sut.dataSource.query(`ALTER TABLE compliance_audit_log DISABLE TRIGGER compliance_audit_log_append_only`);
      try {
        await sut.dataSource.query(
          `UPDATE compliance_audit_log SET actor_id = 'someone-else' WHERE workspace_id = $1 AND sequence = 3`,
          [workspace.id],
        );
      } finally {
        await sut.dataSource.query(`ALTER TABLE compliance_audit_log ENABLE TRIGGER compliance_audit_log_append_only`);
      }
      const [stored] = await sut.dataSource.query(
        `SELECT hash FROM compliance_audit_log WHERE workspace_id = $1 AND sequence = 3`,
        [workspace.id],
      );
      const result = await verify({}).expect(200);
      expect(result.body).toMatchObject({
        ok: false,
        checked: 3,
        firstBroken: { sequence: 3, reason: 'hash-mismatch', storedHash: stored.hash },
      });
      expect(result.body.firstBroken.expectedHash).toMatch(/^[0-9a-f]{64}$/);
      expect(result.body.firstBroken.expectedHash).not.toBe(stored.hash);
      // A range after the tampered record still verifies: its first link is checked against record 3's stored hash.
      expect((await verify({ fromSequence: 4 }).expect(200)).body.ok).toBe(true);
    });
  });

  describe('retention purge', () => {
    it('removes records past the retention through the trigger and keeps the rest verifiable', async () => {
      const purged = await newWorkspace(owner);
      const ws = `/api/v1/workspaces/${purged.slug}`;
      for (const apiId of ['one', 'two', 'three', 'four']) {
        await sut.http
          .post(`${ws}/content-types`)
          .set(bearer(owner))
          .send({ apiId, kind: 'collection', name: apiId, fields: [{ name: 'title', type: 'text' }] })
          .expect(201);
      }
      const before = await sut.http.get(`${ws}/audit-log`).query({ sort: 'sequence' }).set(bearer(owner));
      const oldest = (before.body.data as Row[]).slice(0, 2);
      // Ages the two oldest records past the 7-year retention (the trigger is off for the test's own change only).
      await sut.dataSource.query(`ALTER TABLE compliance_audit_log DISABLE TRIGGER compliance_audit_log_append_only`);
      try {
        await sut.dataSource.query(
          `UPDATE compliance_audit_log SET occurred_at = now() - interval '8 years' WHERE id = ANY($1::uuid[])`,
          [oldest.map((row) => row['id'])],
        );
      } finally {
        await sut.dataSource.query(`ALTER TABLE compliance_audit_log ENABLE TRIGGER compliance_audit_log_append_only`);
      }
      // The retention engine runs the policy, as its daily job does (compliance.retention).
      const operator = await platformAdmin();
      const run = await sut.http
        .post('/api/v1/retention/runs')
        .set(bearer(operator))
        .send({ policies: ['compliance.audit-log'] })
        .expect(200);
      expect(run.body.results).toEqual([expect.objectContaining({ policy: 'compliance.audit-log', rowsAffected: 2 })]);
      const after = await sut.http.get(`${ws}/audit-log`).query({ sort: 'sequence' }).set(bearer(owner));
      const remaining = (after.body.data as Row[]).map((row) => row['sequence']);
      expect(remaining).toEqual(remaining.map((_, i) => i + 3));
      const [head] = await sut.dataSource.query(
        `SELECT anchor_sequence, anchor_hash FROM compliance_audit_chain_heads WHERE chain_key = $1`,
        [purged.id],
      );
      expect({ sequence: Number(head.anchor_sequence), hash: head.anchor_hash }).toEqual({
        sequence: 2,
        hash: oldest[1]!['hash'],
      });
      const verified = await sut.http.post(`${ws}/audit-log/verify`).set(bearer(owner)).send({}).expect(200);
      expect(verified.body).toMatchObject({ ok: true, fromSequence: 3, firstBroken: null });
    });
  });
});

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF line ends). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}
