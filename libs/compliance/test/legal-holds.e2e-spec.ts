import { loadConfig, uuidv7 } from '@quire/core';
import {
  createTestApp,
  expectValidationProblem,
  testAccounts,
  type TestAccount,
  type TestApp,
  type TestWorkspace,
} from '@quire/testing';
import { plugins } from '../../../apps/api/src/quire.config';
import { LegalHolds } from '../src/legal-holds/legal-holds';

/**
 * Legal holds over HTTP: placed, listed and released in a workspace by its owners and admins (read by auditors), and
 * across the installation by platform administrators; refused for weaker roles and other workspaces' ids; audited.
 */
describe('Legal holds', () => {
  let sut: TestApp;
  let owner: TestAccount;
  let workspace: TestWorkspace;
  const { signUp, newWorkspace, member, platformAdmin, bearer } = testAccounts(() => sut);
  const holds = (ws: TestWorkspace = workspace) => `/api/v1/workspaces/${ws.slug}/legal-holds`;

  async function auditActions(
    ws: TestWorkspace,
    action: string,
    by: TestAccount = owner,
  ): Promise<Array<Record<string, unknown>>> {
    const response = await sut.http
      .get(`/api/v1/workspaces/${ws.slug}/audit-log`)
      .query({ 'filter[action]': action, sort: 'sequence', pageSize: '200' })
      .set(bearer(by))
      .expect(200);
    return response.body.data;
  }

  beforeAll(async () => {
    sut = await createTestApp({ plugins: plugins(loadConfig({ NODE_ENV: 'test' })) });
    owner = await signUp('owner');
    workspace = await newWorkspace(owner);
  });
  afterAll(async () => {
    await sut?.close();
  });

  describe('in a workspace', () => {
    it('places a workspace hold, lists and reads it, releases it once, and audits both steps', async () => {
      const placed = await sut.http
        .post(holds())
        .set(bearer(owner))
        .send({ scope: 'workspace', reason: 'Litigation hold: case 2026-117' })
        .expect(201);
      expect(placed.body).toEqual({
        id: expect.any(String),
        scope: 'workspace',
        workspaceId: workspace.id,
        userId: null,
        heldFrom: null,
        heldUntil: null,
        reason: 'Litigation hold: case 2026-117',
        placedBy: owner.userId,
        placedAt: expect.any(String),
        active: true,
        releasedAt: null,
        releasedBy: null,
        releaseReason: null,
      });
      const one = await sut.http.get(`${holds()}/${placed.body.id}`).set(bearer(owner)).expect(200);
      expect(one.body).toEqual(placed.body);

      const released = await sut.http
        .post(`${holds()}/${placed.body.id}/release`)
        .set(bearer(owner))
        .send({ reason: 'Case settled' })
        .expect(200);
      expect(released.body).toMatchObject({
        active: false,
        releasedBy: owner.userId,
        releaseReason: 'Case settled',
        releasedAt: expect.any(String),
      });
      const again = await sut.http
        .post(`${holds()}/${placed.body.id}/release`)
        .set(bearer(owner))
        .send({ reason: 'Twice' })
        .expect(409);
      expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(again.body.type).toBe('urn:quire:problem:compliance.legal-hold-already-released');
      const stored = await sut.dataSource.query(`SELECT release_reason FROM compliance_legal_holds WHERE id = $1`, [
        placed.body.id,
      ]);
      expect(stored).toEqual([{ release_reason: 'Case settled' }]);

      const placedRecords = await auditActions(workspace, 'compliance.legal-hold.placed');
      expect(placedRecords).toEqual([
        expect.objectContaining({
          actorId: owner.userId,
          action: 'compliance.legal-hold.placed',
          subjectType: 'compliance.legal-hold',
          subjectId: placed.body.id,
        }),
      ]);
      const releasedRecords = await auditActions(workspace, 'compliance.legal-hold.released');
      expect(releasedRecords).toEqual([
        expect.objectContaining({
          actorId: owner.userId,
          action: 'compliance.legal-hold.released',
          subjectId: placed.body.id,
        }),
      ]);
    });

    it('places a user hold on a member and a time-range hold; refuses a non-member and a bad range, naming fields', async () => {
      const admin = await member(workspace, 'admin');
      const editor = await member(workspace, 'editor');
      const user = await sut.http
        .post(holds())
        .set(bearer(admin))
        .send({ scope: 'user', userId: editor.userId, reason: 'Internal investigation' })
        .expect(201);
      expect(user.body).toMatchObject({ scope: 'user', userId: editor.userId, workspaceId: workspace.id });
      expect((await sut.app.get(LegalHolds).activeForUser(editor.userId)).map((hold) => hold.id)).toEqual([
        user.body.id,
      ]);

      const outsider = await signUp('outsider');
      const notMember = await sut.http
        .post(holds())
        .set(bearer(admin))
        .send({ scope: 'user', userId: outsider.userId, reason: 'x' })
        .expect(400);
      expectValidationProblem(notMember, ['userId']);
      expect(notMember.body.errors[0].message).toContain('is not a member of this workspace');

      const range = await sut.http
        .post(holds())
        .set(bearer(admin))
        .send({
          scope: 'time-range',
          heldFrom: '2026-01-01T00:00:00Z',
          heldUntil: '2026-03-31T23:59:59Z',
          reason: 'Tax audit Q1',
        })
        .expect(201);
      expect(range.body).toMatchObject({
        scope: 'time-range',
        workspaceId: workspace.id,
        heldFrom: '2026-01-01T00:00:00.000Z',
        heldUntil: '2026-03-31T23:59:59.000Z',
      });

      const backwards = await sut.http
        .post(holds())
        .set(bearer(admin))
        .send({ scope: 'time-range', heldFrom: '2026-03-01T00:00:00Z', heldUntil: '2026-01-01T00:00:00Z', reason: 'x' })
        .expect(400);
      expectValidationProblem(backwards, ['heldUntil']);
      const missing = await sut.http
        .post(holds())
        .set(bearer(admin))
        .send({ scope: 'time-range', heldUntil: '2026-01-01T00:00:00Z', reason: 'x' })
        .expect(400);
      expectValidationProblem(missing, ['heldFrom']);
      const noReason = await sut.http.post(holds()).set(bearer(admin)).send({ scope: 'workspace' }).expect(400);
      expectValidationProblem(noReason, ['reason']);
      const badScope = await sut.http
        .post(holds())
        .set(bearer(admin))
        .send({ scope: 'planet', reason: 'x' })
        .expect(400);
      expectValidationProblem(badScope, ['scope']);
      const otherWorkspace = await sut.http
        .post(holds())
        .set(bearer(admin))
        .send({ scope: 'workspace', workspaceId: uuidv7(), reason: 'x' })
        .expect(400);
      expectValidationProblem(otherWorkspace, ['workspaceId']);
    });

    it('lists with the list language: active, scope, placedAt', async () => {
      const active = await sut.http.get(holds()).query({ active: 'true' }).set(bearer(owner)).expect(200);
      expect(active.body.data.length).toBeGreaterThan(0);
      expect(active.body.data.every((hold: { active: boolean }) => hold.active)).toBe(true);
      const released = await sut.http.get(holds()).query({ active: 'false' }).set(bearer(owner)).expect(200);
      expect(released.body.data.every((hold: { active: boolean }) => !hold.active)).toBe(true);
      const users = await sut.http.get(holds()).query({ 'filter[scope]': 'user' }).set(bearer(owner)).expect(200);
      expect(users.body.data.map((hold: { scope: string }) => hold.scope)).toEqual(['user']);
      const oldestFirst = await sut.http.get(holds()).query({ sort: 'placedAt' }).set(bearer(owner)).expect(200);
      const times = oldestFirst.body.data.map((hold: { placedAt: string }) => hold.placedAt);
      expect(times).toEqual([...times].sort());
      expect(oldestFirst.body.meta).toMatchObject({ page: 1, total: times.length });
      expectValidationProblem(await sut.http.get(holds()).query({ active: 'maybe' }).set(bearer(owner)).expect(400), [
        'active',
      ]);
      expect((await sut.http.get(holds()).query({ 'filter[nope]': 'x' }).set(bearer(owner))).status).toBe(400);
    });

    it('lets an auditor read but not place or release; an editor does not even read', async () => {
      const auditor = await member(workspace, 'auditor');
      const editor = await member(workspace, 'editor');
      const [hold] = (await sut.http.get(holds()).query({ active: 'true' }).set(bearer(owner)).expect(200)).body.data;
      await sut.http.get(holds()).set(bearer(auditor)).expect(200);
      await sut.http.get(`${holds()}/${hold.id}`).set(bearer(auditor)).expect(200);
      const place = await sut.http
        .post(holds())
        .set(bearer(auditor))
        .send({ scope: 'workspace', reason: 'x' })
        .expect(403);
      expect(place.body.type).toBe('urn:quire:problem:core.forbidden');
      await sut.http.post(`${holds()}/${hold.id}/release`).set(bearer(auditor)).send({ reason: 'x' }).expect(403);
      await sut.http.get(holds()).set(bearer(editor)).expect(403);
      await sut.http.get(`${holds()}/${hold.id}`).set(bearer(editor)).expect(403);
      const [still] = await sut.dataSource.query(`SELECT released_at FROM compliance_legal_holds WHERE id = $1`, [
        hold.id,
      ]);
      expect(still.released_at).toBeNull();
    });

    it("answers another workspace's hold id with 404 and leaves it alone; a malformed id with 400", async () => {
      const other = await signUp('other');
      const theirs = await newWorkspace(other);
      const hold = await sut.http
        .post(holds(theirs))
        .set(bearer(other))
        .send({ scope: 'workspace', reason: 'Theirs' })
        .expect(201);
      const read = await sut.http.get(`${holds()}/${hold.body.id}`).set(bearer(owner)).expect(404);
      expect(read.body.type).toBe('urn:quire:problem:compliance.legal-hold-not-found');
      await sut.http
        .post(`${holds()}/${hold.body.id}/release`)
        .set(bearer(owner))
        .send({ reason: 'Not mine' })
        .expect(404);
      const list = await sut.http.get(holds()).set(bearer(owner)).expect(200);
      expect(list.body.data.map((h: { id: string }) => h.id)).not.toContain(hold.body.id);
      // Their workspace's own routes are not ours at all.
      await sut.http.get(holds(theirs)).set(bearer(owner)).expect(404);
      expect(
        (await sut.dataSource.query(`SELECT released_at FROM compliance_legal_holds WHERE id = $1`, [hold.body.id]))[0]
          .released_at,
      ).toBeNull();
      expectValidationProblem(await sut.http.get(`${holds()}/nope`).set(bearer(owner)).expect(400), ['id']);
    });
  });

  describe('across the installation', () => {
    it('is for platform administrators only', async () => {
      await sut.http.get('/api/v1/legal-holds').set(bearer(owner)).expect(403);
      await sut.http
        .post('/api/v1/legal-holds')
        .set(bearer(owner))
        .send({ scope: 'time-range', heldFrom: '2020-01-01T00:00:00Z', heldUntil: '2021-01-01T00:00:00Z', reason: 'x' })
        .expect(403);
      await sut.http.get('/api/v1/legal-holds').expect(401);
    });

    it('places holds of any scope, lists every workspace, and audits installation-wide holds', async () => {
      const admin = await platformAdmin();
      const stranger = await signUp('stranger');
      const wide = await sut.http
        .post('/api/v1/legal-holds')
        .set(bearer(admin))
        .send({
          scope: 'time-range',
          heldFrom: '2020-01-01T00:00:00Z',
          heldUntil: '2021-01-01T00:00:00Z',
          reason: 'Regulator',
        })
        .expect(201);
      expect(wide.body).toMatchObject({ scope: 'time-range', workspaceId: null, placedBy: admin.userId });
      const user = await sut.http
        .post('/api/v1/legal-holds')
        .set(bearer(admin))
        .send({ scope: 'user', userId: stranger.userId, reason: 'Subpoena' })
        .expect(201);
      expect(user.body).toMatchObject({ scope: 'user', userId: stranger.userId, workspaceId: null });
      const held = await sut.http
        .post('/api/v1/legal-holds')
        .set(bearer(admin))
        .send({ scope: 'workspace', workspaceId: workspace.id, reason: 'Whole tenant' })
        .expect(201);
      expect(held.body).toMatchObject({ scope: 'workspace', workspaceId: workspace.id });
      // A workspace hold placed by the operator is listed, and audited, in that workspace.
      const inWorkspace = await sut.http.get(`${holds()}/${held.body.id}`).set(bearer(owner)).expect(200);
      expect(inWorkspace.body.reason).toBe('Whole tenant');
      expect(
        (await auditActions(workspace, 'compliance.legal-hold.placed')).some((r) => r['actorId'] === admin.userId),
      ).toBe(true);

      expectValidationProblem(
        await sut.http
          .post('/api/v1/legal-holds')
          .set(bearer(admin))
          .send({ scope: 'workspace', reason: 'x' })
          .expect(400),
        ['workspaceId'],
      );
      expectValidationProblem(
        await sut.http
          .post('/api/v1/legal-holds')
          .set(bearer(admin))
          .send({ scope: 'user', userId: uuidv7(), reason: 'x' })
          .expect(400),
        ['userId'],
      );

      const all = await sut.http.get('/api/v1/legal-holds').query({ pageSize: '200' }).set(bearer(admin)).expect(200);
      const ids = all.body.data.map((h: { id: string }) => h.id);
      expect(ids).toEqual(expect.arrayContaining([wide.body.id, user.body.id, held.body.id]));
      expect(all.body.data.some((h: { workspaceId: string | null }) => h.workspaceId === workspace.id)).toBe(true);

      await sut.http
        .post(`/api/v1/legal-holds/${wide.body.id}/release`)
        .set(bearer(admin))
        .send({ reason: 'Closed' })
        .expect(200);
      await sut.http
        .post(`/api/v1/legal-holds/${wide.body.id}/release`)
        .set(bearer(admin))
        .send({ reason: 'Closed' })
        .expect(409);
      await sut.http.get(`/api/v1/legal-holds/${uuidv7()}`).set(bearer(admin)).expect(404);
      const installationRecords = await sut.dataSource.query(
        `SELECT action FROM compliance_audit_log
          WHERE workspace_id IS NULL AND action LIKE 'compliance.legal-hold.%' AND actor_id = $1 ORDER BY occurred_at`,
        [admin.userId],
      );
      expect(installationRecords.map((r: { action: string }) => r.action)).toEqual([
        'compliance.legal-hold.placed',
        'compliance.legal-hold.placed',
        'compliance.legal-hold.released',
      ]);
    });
  });
});
