import { loadConfig, RequestContext, uuidv7 } from '@quire/core';
import { createTestApp, testAccounts, type TestAccount, type TestApp, type TestWorkspace } from '@quire/testing';
import { plugins } from '../../../apps/api/src/quire.config';
import { AuditChainVerificationJob } from '../src/report/audit-chain-verification.job';

/**
 * The compliance report end to end: what retention, legal holds, data-subject requests and the scheduled audit chain
 * verification recorded, answered as JSON and Markdown to the people allowed to see it.
 */
describe('Compliance report', () => {
  let sut: TestApp;
  let operator: TestAccount;
  let owner: TestAccount;
  let workspace: TestWorkspace;
  const { signUp, newWorkspace, member, platformAdmin, bearer } = testAccounts(() => sut);

  const runVerification = () =>
    sut.app.get(AuditChainVerificationJob).run({
      jobName: 'compliance.audit-chain-verification',
      runId: uuidv7(),
      startedAt: new Date(),
      ctx: RequestContext.system('compliance.audit-chain-verification'),
      signal: new AbortController().signal,
    });

  const installationReport = () => sut.http.get('/api/v1/compliance-report').set(bearer(operator)).expect(200);
  const workspaceReport = (by: TestAccount = owner, ws: TestWorkspace = workspace) =>
    sut.http.get(`/api/v1/workspaces/${ws.slug}/compliance-report`).set(bearer(by));

  beforeAll(async () => {
    sut = await createTestApp({ plugins: plugins(loadConfig({ NODE_ENV: 'test' })) });
    operator = await platformAdmin();
    owner = await signUp('owner');
    workspace = await newWorkspace(owner);
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('lists every retention policy, and each one’s last run once retention has run', async () => {
    const before = await installationReport();
    const names = (before.body.retentionPolicies as Array<{ name: string }>).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['identity.expired-sessions', 'compliance.audit-log']));
    const sessions = () =>
      (before.body.retentionPolicies as Array<{ name: string; lastRun: unknown }>).find(
        (p) => p.name === 'identity.expired-sessions',
      );
    expect(sessions()?.lastRun).toBeNull();
    await sut.http.post('/api/v1/retention/runs').set(bearer(operator)).send({}).expect(200);
    const after = await installationReport();
    for (const policy of after.body.retentionPolicies as Array<{ name: string; lastRun: Record<string, unknown> }>) {
      expect(policy.lastRun).toMatchObject({ policy: policy.name, error: null });
      expect(typeof policy.lastRun.rowsAffected).toBe('number');
    }
  });

  it('names the legal holds in force, and a workspace sees only its own', async () => {
    const other = await newWorkspace(owner);
    const placed = await sut.http
      .post(`/api/v1/workspaces/${workspace.slug}/legal-holds`)
      .set(bearer(owner))
      .send({ scope: 'workspace', reason: 'Litigation hold: case 2026-17' })
      .expect(201);
    const elsewhere = await sut.http
      .post(`/api/v1/workspaces/${other.slug}/legal-holds`)
      .set(bearer(owner))
      .send({ scope: 'workspace', reason: 'Regulator inquiry' })
      .expect(201);
    const installation = await installationReport();
    const ids = (installation.body.legalHolds as Array<{ id: string }>).map((h) => h.id);
    expect(ids).toEqual(expect.arrayContaining([placed.body.id, elsewhere.body.id]));
    const own = (await workspaceReport().expect(200)).body.legalHolds as Array<{ id: string }>;
    expect(own.map((h) => h.id)).toEqual([placed.body.id]);
    await sut.http
      .post(`/api/v1/workspaces/${workspace.slug}/legal-holds/${placed.body.id}/release`)
      .set(bearer(owner))
      .send({ reason: 'Case settled' })
      .expect(200);
    expect((await workspaceReport().expect(200)).body.legalHolds).toEqual([]);
  });

  it('counts open and overdue data-subject requests by type and lists the overdue ones', async () => {
    const person = await signUp('subject');
    const overdueId = uuidv7();
    await sut.dataSource.query(
      `INSERT INTO compliance_data_subject_requests
         (id, user_id, type, status, requested_by, channel, verification_method, verified_at, due_at, created_at)
       VALUES ($1, $2, 'access', 'verified', $2, 'self-service', 'email-code', now(), now() - interval '2 days',
               now() - interval '32 days'),
              ($3, $2, 'erasure', 'awaiting-verification', $2, 'self-service', 'email-code', NULL,
               now() + interval '29 days', now()),
              ($4, $2, 'objection', 'completed', $2, 'self-service', 'email-code', now(), now() - interval '1 day',
               now() - interval '31 days')`,
      [overdueId, person.userId, uuidv7(), uuidv7()],
    );
    const report = (await installationReport()).body.dataSubjectRequests;
    expect(report.open).toBeGreaterThanOrEqual(2);
    expect(report.overdue).toBeGreaterThanOrEqual(1);
    expect(report.byType).toEqual(
      expect.arrayContaining([
        { type: 'access', open: expect.any(Number), overdue: expect.any(Number) },
        { type: 'erasure', open: expect.any(Number), overdue: 0 },
      ]),
    );
    const overdue = report.overdueRequests as Array<{ id: string; type: string; userId: string }>;
    expect(overdue).toEqual(expect.arrayContaining([expect.objectContaining({ id: overdueId, type: 'access' })]));
    // A completed request is not open, even past its due date.
    expect(overdue.some((r) => r.type === 'objection' && r.userId === person.userId)).toBe(false);
  });

  it('reports every audit chain verified, then names a tampered chain and its first broken link', async () => {
    await sut.http
      .post(`/api/v1/workspaces/${workspace.slug}/content-types`)
      .set(bearer(owner))
      .send({ apiId: 'page', kind: 'collection', name: 'Page', fields: [{ name: 'title', type: 'text' }] })
      .expect(201);
    await runVerification();
    const clean = (await installationReport()).body.auditChains;
    expect(clean.failing).toEqual([]);
    expect(clean.verified).toBe(clean.chains);
    expect(clean.installation).toMatchObject({ chainKey: 'installation', ok: true });
    expect((await workspaceReport().expect(200)).body.auditChain).toMatchObject({
      ok: true,
      workspaceId: workspace.id,
    });

    await sut.dataSource.query(`ALTER TABLE compliance_audit_log DISABLE TRIGGER compliance_audit_log_append_only`);
    try {
      await sut.dataSource.query(
        `UPDATE compliance_audit_log SET actor_id = 'someone-else' WHERE workspace_id = $1 AND sequence = 2`,
        [workspace.id],
      );
    } finally {
      await sut.dataSource.query(`ALTER TABLE compliance_audit_log ENABLE TRIGGER compliance_audit_log_append_only`);
    }
    await expect(runVerification()).rejects.toThrow(new RegExp(`failed verification: .*${workspace.id}`));
    const tampered = (await installationReport()).body.auditChains;
    expect(tampered.failing).toEqual([
      expect.objectContaining({
        chainKey: workspace.id,
        ok: false,
        firstBroken: expect.objectContaining({ sequence: 2, reason: 'hash-mismatch' }),
      }),
    ]);
    const markdown = await sut.http.get('/api/v1/compliance-report?format=markdown').set(bearer(operator)).expect(200);
    expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
    expect(markdown.text).toContain('# Compliance report');
    expect(markdown.text).toMatch(
      new RegExp(`\\| ${workspace.id} \\| .* \\| FAILED \\| .* \\| sequence 2 \\(hash-mismatch\\) \\|`),
    );
    expect(markdown.text).toContain('## Retention policies');
    expect(markdown.text).toContain('## Data-subject requests');
    const workspaceMarkdown = await workspaceReport().query({ format: 'markdown' }).expect(200);
    expect(workspaceMarkdown.text).toContain('FAILED');
  });

  it('answers the workspace report to owners, admins and auditors only, and the installation report to operators', async () => {
    for (const role of ['admin', 'auditor'])
      expect((await workspaceReport(await member(workspace, role))).status).toBe(200);
    for (const role of ['editor', 'viewer'])
      expect((await workspaceReport(await member(workspace, role))).status).toBe(403);
    const stranger = await signUp('stranger');
    expect((await workspaceReport(stranger)).status).toBe(404);
    const refused = await sut.http.get('/api/v1/compliance-report').set(bearer(owner));
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/identity\.platform-admin-required$/);
    const badFormat = await workspaceReport().query({ format: 'pdf' });
    expect(badFormat.status).toBe(400);
    expect(JSON.stringify(badFormat.body)).toContain('format');
  });
});
