import { EventBus, loadConfig, RequestContext, TenantDataSource, type QuirePlugin } from '@quire/core';
import { createTestApp, testAccounts, type TestAccount, type TestApp, type TestWorkspace } from '@quire/testing';
import { plugins } from '../../../apps/api/src/quire.config';
import { AuditSealer } from '../src/audit-log/audit-sealer';
import type { ComplianceOptions } from '../src/compliance.options';

/**
 * Sealing (docs/adr/0023-audit-log.md): records are written unsealed in the business transaction and chained after
 * commit, so a long transaction never holds up the workspace's other writers, and concurrent sealers never leave a
 * gap or a fork in a chain.
 */
describe('Audit chains: sealing and the installation chain', () => {
  let sut: TestApp;
  let owner: TestAccount;
  const { signUp, newWorkspace, platformAdmin, bearer } = testAccounts(() => sut);

  const createType = (workspace: TestWorkspace, apiId: string) =>
    sut.http
      .post(`/api/v1/workspaces/${workspace.slug}/content-types`)
      .set(bearer(owner))
      .send({ apiId, kind: 'collection', name: apiId, fields: [{ name: 'title', type: 'text' }] });

  const verify = (workspace: TestWorkspace) =>
    sut.http.post(`/api/v1/workspaces/${workspace.slug}/audit-log/verify`).set(bearer(owner)).send({}).expect(200);

  beforeAll(async () => {
    // The timer is off: the tests decide when sealing happens.
    const loaded = plugins(loadConfig({})).map((plugin) =>
      plugin.definition.name === 'compliance'
        ? (plugin as QuirePlugin<ComplianceOptions>).with({ auditSealIntervalMs: 0 })
        : plugin,
    );
    sut = await createTestApp({ plugins: loaded });
    owner = await signUp();
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('does not make other writers of the workspace wait for an open transaction, and chains both on commit', async () => {
    const workspace = await newWorkspace(owner);
    const db = sut.app.get(TenantDataSource);
    const events = sut.app.get(EventBus);
    const ctx = RequestContext.system('audit-sealing-test').withWorkspace({ id: workspace.id, slug: workspace.slug });
    await db.transaction(ctx, async (tx) => {
      await events.publish(tx, 'workspaces.workspace.updated', {
        workspaceId: workspace.id,
        changed: ['name'],
        slug: workspace.slug,
      });
      // Still inside the open transaction: with a chain lock held until commit, this request would wait forever.
      await createType(workspace, 'during').expect(201);
    });
    const list = await sut.http
      .get(`/api/v1/workspaces/${workspace.slug}/audit-log`)
      .query({ sort: 'sequence', pageSize: '100' })
      .set(bearer(owner))
      .expect(200);
    const actions = (list.body.data as Array<{ action: string; sequence: number }>).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['workspaces.workspace.updated', 'content.type.created']));
    const sequences = (list.body.data as Array<{ sequence: number }>).map((r) => r.sequence);
    expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    expect((await verify(workspace)).body).toMatchObject({ ok: true, checked: sequences.length });
  });

  it('leaves records unsealed until a sealer or a reader chains them, and seals each once', async () => {
    const workspace = await newWorkspace(owner);
    await createType(workspace, 'one').expect(201);
    const [pending] = await sut.dataSource.query(
      `SELECT count(*)::int AS n FROM compliance_audit_log WHERE workspace_id = $1 AND hash IS NULL`,
      [workspace.id],
    );
    expect(pending.n).toBeGreaterThan(0);
    expect(await sut.app.get(AuditSealer).sealPending()).toBeGreaterThanOrEqual(pending.n);
    const [after] = await sut.dataSource.query(
      `SELECT count(*)::int AS n FROM compliance_audit_log WHERE workspace_id = $1 AND hash IS NULL`,
      [workspace.id],
    );
    expect(after.n).toBe(0);
    // Sealing twice changes nothing.
    expect(await sut.app.get(AuditSealer).sealWorkspace(workspace.id)).toBe(0);
  });

  it('lets concurrent sealers take turns without gaps or forks', async () => {
    const workspace = await newWorkspace(owner);
    for (let i = 0; i < 12; i++) await createType(workspace, `t${i}`).expect(201);
    const sealer = sut.app.get(AuditSealer);
    await Promise.all([sealer.sealWorkspace(workspace.id), sealer.sealWorkspace(workspace.id), sealer.sealPending()]);
    const rows: Array<{ sequence: string }> = await sut.dataSource.query(
      `SELECT sequence FROM compliance_audit_log WHERE workspace_id = $1 ORDER BY sequence`,
      [workspace.id],
    );
    expect(rows.map((r) => Number(r.sequence))).toEqual(rows.map((_, i) => i + 1));
    expect((await verify(workspace)).body.ok).toBe(true);
  });

  it('refuses, in SQL, resealing a sealed record and changing an unsealed one', async () => {
    const workspace = await newWorkspace(owner);
    await createType(workspace, 'sealed').expect(201);
    await sut.app.get(AuditSealer).sealWorkspace(workspace.id);
    await expect(
      sut.dataSource.query(`UPDATE compliance_audit_log SET hash = repeat('f', 64) WHERE workspace_id = $1`, [
        workspace.id,
      ]),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await createType(workspace, 'unsealed').expect(201);
    // Sealing columns plus another column at once: refused, so an unsealed record cannot be rewritten on the way.
    await expect(
      sut.dataSource.query(
        `UPDATE compliance_audit_log SET action = 'forged', sequence = 999, prev_hash = 'x', hash = 'y'
          WHERE workspace_id = $1 AND hash IS NULL`,
        [workspace.id],
      ),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(
      sut.dataSource.query(
        `UPDATE compliance_audit_log SET action = 'forged' WHERE workspace_id = $1 AND hash IS NULL`,
        [workspace.id],
      ),
    ).rejects.toThrow(/append-only: UPDATE refused/);
  });

  it('answers the installation chain (sign-ups and other events outside workspaces) to platform administrators only', async () => {
    const admin = await platformAdmin();
    const newcomer = await signUp();
    const list = await sut.http
      .get('/api/v1/audit-log')
      .query({ 'filter[subjectId]': newcomer.userId, pageSize: '50' })
      .set(bearer(admin))
      .expect(200);
    const rows = list.body.data as Array<{ id: string; action: string; sequence: number; hash: string }>;
    expect(rows.map((row) => row.action)).toContain('identity.account.created');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.sequence > 0 && /^[0-9a-f]{64}$/.test(row.hash))).toBe(true);
    const verified = await sut.http.post('/api/v1/audit-log/verify').set(bearer(admin)).send({}).expect(200);
    expect(verified.body).toMatchObject({ ok: true, firstBroken: null });
    const exported = await sut.http.get('/api/v1/audit-log/export?format=jsonl').set(bearer(admin)).expect(200);
    expect(exported.headers['content-type']).toMatch(/ndjson|jsonl/);
    const lines = String(exported.text)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; action: string });
    expect(lines.map((line) => line.id)).toEqual(expect.arrayContaining(rows.map((row) => row.id)));
    // Workspace events (the content types created above) belong to their workspaces' chains, not this one.
    expect(lines.some((line) => line.action === 'content.type.created')).toBe(false);
    for (const path of ['/api/v1/audit-log', '/api/v1/audit-log/export?format=csv']) {
      const refused = await sut.http.get(path).set(bearer(owner));
      expect(refused.status).toBe(403);
      expect(refused.body.type).toMatch(/identity\.platform-admin-required$/);
    }
    expect((await sut.http.post('/api/v1/audit-log/verify').set(bearer(owner)).send({})).status).toBe(403);
    expect((await sut.http.get('/api/v1/audit-log')).status).toBe(401);
  });
});
