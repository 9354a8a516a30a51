import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { WorkspacesResolver } from '../src/workspaces/workspaces.resolver';

const PASSWORD = 'correct horse battery staple 42';

interface Account {
  userId: string;
  email: string;
  token: string;
}

let ipCounter = 0;
const anIp = () => `203.0.113.${(ipCounter++ % 250) + 1}`;
let emailCounter = 0;
const anEmail = () => `ws-${Date.now().toString(36)}-${emailCounter++}@example.com`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('Workspaces', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin] });
  });
  afterAll(async () => {
    await sut?.close();
  });

  async function signUp(): Promise<Account> {
    const email = anEmail();
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .set('X-Forwarded-For', anIp())
      .send({ email, password: PASSWORD, displayName: 'Member' })
      .expect(201);
    return { userId: response.body.user.id, email, token: response.body.accessToken };
  }

  let slugCounter = 0;
  const aSlug = (stem = 'team') => `${stem}-${Date.now().toString(36)}-${slugCounter++}`;

  const create = (as: Account, body: Record<string, unknown>) =>
    sut.http.post('/api/v1/workspaces').set(bearer(as.token)).send(body);

  async function newWorkspace(owner: Account, body: Record<string, unknown> = {}) {
    const response = await create(owner, { name: 'Acme', slug: aSlug(), ...body }).expect(201);
    return response.body as { id: string; slug: string } & Record<string, unknown>;
  }

  const workspaceUrl = (reference: string) => `/api/v1/workspaces/${reference}`;
  const membersUrl = (reference: string, userId = '') =>
    `/api/v1/workspaces/${reference}/members${userId ? `/${userId}` : ''}`;

  /** Makes `user` a member with `role` the way SSO does (the resolver's ensureMember), then sets the role. */
  async function addMember(workspace: { id: string; slug: string }, owner: Account, user: Account, role: string) {
    expect(await sut.app.get(WorkspacesResolver).ensureMember(workspace.id, user.userId, 'viewer')).toBe('added');
    if (role !== 'viewer') {
      await sut.http.patch(membersUrl(workspace.slug, user.userId)).set(bearer(owner.token)).send({ role }).expect(200);
    }
  }

  function expectProblem(
    response: { status: number; body: Record<string, unknown>; headers: Record<string, string> },
    status: number,
    code: string,
  ) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.type).toBe(`urn:quire:problem:${code}`);
  }

  describe('POST /workspaces', () => {
    it('creates a workspace with defaults; the creator is its owner and an event is published', async () => {
      const owner = await signUp();
      const slug = aSlug('acme');
      const response = await create(owner, { name: '  Acme Corp ', slug }).expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        name: 'Acme Corp',
        slug,
        logoUrl: null,
        defaultLocale: 'en',
        enabledLocales: ['en'],
        timeZone: 'UTC',
        plan: 'free',
        trialEndsAt: null,
        status: 'active',
        role: 'owner',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const members = await sut.dataSource.query(
        `SELECT user_id, role FROM workspace_members WHERE workspace_id = $1`,
        [response.body.id],
      );
      expect(members).toEqual([{ user_id: owner.userId, role: 'owner' }]);
      const events = await sut.dataSource.query(
        `SELECT event_name FROM quire_outbox WHERE workspace_id = $1 ORDER BY id`,
        [response.body.id],
      );
      expect(events.map((e: { event_name: string }) => e.event_name)).toEqual([
        'workspaces.workspace.created',
        'workspaces.member.added',
      ]);
    });

    it('accepts locales (canonicalized) and an IANA time zone', async () => {
      const owner = await signUp();
      const response = await create(owner, {
        name: 'Globex',
        slug: aSlug('globex'),
        enabledLocales: ['en', 'de-ch'],
        defaultLocale: 'de-CH',
        timeZone: 'Europe/Zurich',
        logoUrl: 'https://cdn.example.com/globex.png',
      }).expect(201);
      expect(response.body).toMatchObject({
        enabledLocales: ['en', 'de-CH'],
        defaultLocale: 'de-CH',
        timeZone: 'Europe/Zurich',
        logoUrl: 'https://cdn.example.com/globex.png',
      });
    });

    it.each([
      ['ab', 'slug must be 3 to 48 characters long'],
      ['a'.repeat(49), 'slug must be 3 to 48 characters long'],
      ['Acme', 'slug must be lower-case kebab-case: letters a-z, digits and single hyphens between them'],
      ['acme--corp', 'slug must be lower-case kebab-case: letters a-z, digits and single hyphens between them'],
      ['-acme', 'slug must be lower-case kebab-case: letters a-z, digits and single hyphens between them'],
      ['0192f0c4-7a3e-7c1d-8e2f-123456789abc', 'slug must not have the shape of a UUID'],
      ['api', 'slug "api" is reserved'],
      ['admin', 'slug "admin" is reserved'],
      ['auth', 'slug "auth" is reserved'],
      ['me', 'slug must be 3 to 48 characters long'],
      ['health', 'slug "health" is reserved'],
      ['www', 'slug "www" is reserved'],
    ])('refuses the slug %j with 400 naming slug and the rule', async (slug, message) => {
      const owner = await signUp();
      const response = await create(owner, { name: 'Bad', slug });
      expectProblem(response, 400, 'core.validation-failed');
      expect(response.body.errors).toEqual([{ path: 'slug', message }]);
    });

    it.each([
      [{ slug: 'fine-slug' }, 'name'],
      [{ name: 'No slug' }, 'slug'],
      [{ name: '   ', slug: 'fine-slug' }, 'name'],
      [{ name: 'X', slug: 'fine-slug', timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ name: 'X', slug: 'fine-slug', timeZone: '+01:00' }, 'timeZone'],
      [{ name: 'X', slug: 'fine-slug', enabledLocales: ['en', 'not a locale'] }, 'enabledLocales.1'],
      [{ name: 'X', slug: 'fine-slug', enabledLocales: ['en', 'EN'] }, 'enabledLocales'],
      [{ name: 'X', slug: 'fine-slug', defaultLocale: 'fr' }, 'defaultLocale'],
      [{ name: 'X', slug: 'fine-slug', enabledLocales: [] }, 'enabledLocales'],
      [{ name: 'X', slug: 'fine-slug', logoUrl: 'javascript:alert(1)' }, 'logoUrl'],
      [{ name: 'X', slug: 'fine-slug', plan: 'enterprise' }, 'plan'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const owner = await signUp();
      const response = await create(owner, body);
      expectProblem(response, 400, 'core.validation-failed');
      expect((response.body.errors as Array<{ path: string }>).map((e) => e.path)).toContain(field);
      expect(await sut.dataSource.query(`SELECT 1 FROM workspaces WHERE slug = 'fine-slug'`)).toEqual([]);
    });

    it('refuses a taken slug with 409, whatever its case', async () => {
      const owner = await signUp();
      const first = await newWorkspace(owner);
      expectProblem(await create(owner, { name: 'Again', slug: first.slug }), 409, 'workspaces.slug-taken');
      const [row] = await sut.dataSource.query(`SELECT count(*)::int AS n FROM workspaces WHERE slug = $1`, [
        first.slug,
      ]);
      expect(row.n).toBe(1);
    });

    it('needs a signed-in user', async () => {
      const response = await sut.http.post('/api/v1/workspaces').send({ name: 'Anon', slug: aSlug() });
      expectProblem(response, 401, 'core.unauthenticated');
    });
  });

  describe('GET /workspaces and /workspaces/:workspace', () => {
    it('lists only my active workspaces, with my role', async () => {
      const me = await signUp();
      const other = await signUp();
      const mine = await newWorkspace(me, { name: 'Zeta' });
      const shared = await newWorkspace(other, { name: 'Alpha' });
      await newWorkspace(other, { name: 'Not mine' });
      await addMember(shared, other, me, 'editor');
      const response = await sut.http.get('/api/v1/workspaces').set(bearer(me.token)).expect(200);
      expect(response.body.map((w: { id: string; role: string }) => [w.id, w.role])).toEqual([
        [shared.id, 'editor'],
        [mine.id, 'owner'],
      ]);
    });

    it('resolves a workspace by slug in any case and by id; a non-member gets 404, never data', async () => {
      const owner = await signUp();
      const stranger = await signUp();
      const workspace = await newWorkspace(owner);
      await sut.http.get(workspaceUrl(workspace.slug.toUpperCase())).set(bearer(owner.token)).expect(200);
      const byId = await sut.http.get(workspaceUrl(workspace.id)).set(bearer(owner.token)).expect(200);
      expect(byId.body).toMatchObject({ id: workspace.id, slug: workspace.slug, role: 'owner' });

      for (const reference of [workspace.slug, workspace.id]) {
        const response = await sut.http.get(workspaceUrl(reference)).set(bearer(stranger.token));
        expectProblem(response, 404, 'core.workspace-not-found');
        expect(JSON.stringify(response.body)).not.toContain(workspace.id === reference ? 'Acme' : workspace.id);
        expectProblem(
          await sut.http.get(membersUrl(reference)).set(bearer(stranger.token)),
          404,
          'core.workspace-not-found',
        );
        expectProblem(
          await sut.http.patch(workspaceUrl(reference)).set(bearer(stranger.token)).send({ name: 'Mine now' }),
          404,
          'core.workspace-not-found',
        );
        expectProblem(
          await sut.http.delete(workspaceUrl(reference)).set(bearer(stranger.token)),
          404,
          'core.workspace-not-found',
        );
      }
      const [row] = await sut.dataSource.query(`SELECT name, status FROM workspaces WHERE id = $1`, [workspace.id]);
      expect(row).toEqual({ name: 'Acme', status: 'active' });
    });

    it('refuses query parameters', async () => {
      const owner = await signUp();
      const response = await sut.http.get('/api/v1/workspaces?page=2').set(bearer(owner.token));
      expectProblem(response, 400, 'core.validation-failed');
    });
  });

  describe('PATCH /workspaces/:workspace', () => {
    it('renames and changes the slug; the old slug still resolves and answers the canonical slug', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const newSlug = aSlug('renamed');
      const response = await sut.http
        .patch(workspaceUrl(workspace.slug))
        .set(bearer(owner.token))
        .send({ name: 'Acme Renamed', slug: newSlug, timeZone: 'America/New_York' })
        .expect(200);
      expect(response.body).toMatchObject({ name: 'Acme Renamed', slug: newSlug, timeZone: 'America/New_York' });

      const viaOld = await sut.http.get(workspaceUrl(workspace.slug)).set(bearer(owner.token)).expect(200);
      expect(viaOld.body).toMatchObject({ id: workspace.id, slug: newSlug });
      await sut.http.get(membersUrl(workspace.slug)).set(bearer(owner.token)).expect(200);

      // Nobody else may take the former slug while it leads here…
      const other = await signUp();
      expectProblem(await create(other, { name: 'Squatter', slug: workspace.slug }), 409, 'workspaces.slug-taken');
      // …but the workspace itself may take it back.
      const back = await sut.http
        .patch(workspaceUrl(newSlug))
        .set(bearer(owner.token))
        .send({ slug: workspace.slug })
        .expect(200);
      expect(back.body.slug).toBe(workspace.slug);
      await sut.http.get(workspaceUrl(newSlug)).set(bearer(owner.token)).expect(200);

      const [event] = await sut.dataSource.query(
        `SELECT payload FROM quire_outbox WHERE workspace_id = $1 AND event_name = 'workspaces.workspace.updated' ORDER BY id LIMIT 1`,
        [workspace.id],
      );
      expect(event.payload).toEqual({
        workspaceId: workspace.id,
        changed: ['name', 'slug', 'timeZone'],
        changes: {
          name: { before: expect.any(String), after: 'Acme Renamed' },
          slug: { before: workspace.slug, after: newSlug },
          timeZone: expect.objectContaining({ after: 'America/New_York' }),
        },
        slug: newSlug,
        previousSlug: workspace.slug,
      });
    });

    it("refuses another workspace's slug (409) and bad fields (400 naming the field)", async () => {
      const owner = await signUp();
      const first = await newWorkspace(owner);
      const second = await newWorkspace(owner);
      expectProblem(
        await sut.http
          .patch(workspaceUrl(second.slug))
          .set(bearer(owner.token))
          .send({ slug: first.slug.toUpperCase() }),
        400,
        'core.validation-failed',
      );
      expectProblem(
        await sut.http.patch(workspaceUrl(second.slug)).set(bearer(owner.token)).send({ slug: first.slug }),
        409,
        'workspaces.slug-taken',
      );
      const reserved = await sut.http.patch(workspaceUrl(second.slug)).set(bearer(owner.token)).send({ slug: 'docs' });
      expectProblem(reserved, 400, 'core.validation-failed');
      expect(reserved.body.errors).toEqual([{ path: 'slug', message: 'slug "docs" is reserved' }]);
      const locales = await sut.http
        .patch(workspaceUrl(second.slug))
        .set(bearer(owner.token))
        .send({ enabledLocales: ['fr'] });
      expectProblem(locales, 400, 'core.validation-failed');
      expect(locales.body.errors).toEqual([
        { path: 'enabledLocales', message: 'defaultLocale en must be one of enabledLocales (fr)' },
      ]);
      expectProblem(
        await sut.http.patch(workspaceUrl(second.slug)).set(bearer(owner.token)).send({ status: 'suspended' }),
        400,
        'core.validation-failed',
      );
    });

    it('is refused to roles below admin (403), allowed to an admin', async () => {
      const owner = await signUp();
      const editor = await signUp();
      const admin = await signUp();
      const workspace = await newWorkspace(owner);
      await addMember(workspace, owner, editor, 'editor');
      await addMember(workspace, owner, admin, 'admin');
      const refused = await sut.http
        .patch(workspaceUrl(workspace.slug))
        .set(bearer(editor.token))
        .send({ name: 'Mine' });
      expectProblem(refused, 403, 'core.forbidden');
      await sut.http
        .patch(workspaceUrl(workspace.slug))
        .set(bearer(admin.token))
        .send({ name: 'By admin' })
        .expect(200);
    });
  });

  describe('DELETE /workspaces/:workspace', () => {
    it('closes the workspace for owners only; then it answers 404 and retention is declared', async () => {
      const owner = await signUp();
      const admin = await signUp();
      const workspace = await newWorkspace(owner);
      await addMember(workspace, owner, admin, 'admin');
      expectProblem(
        await sut.http.delete(workspaceUrl(workspace.slug)).set(bearer(admin.token)),
        403,
        'core.forbidden',
      );
      await sut.http.delete(workspaceUrl(workspace.slug)).set(bearer(owner.token)).expect(204);
      const [row] = await sut.dataSource.query(`SELECT status, closed_at FROM workspaces WHERE id = $1`, [
        workspace.id,
      ]);
      expect(row.status).toBe('closed');
      expect(row.closed_at).toBeInstanceOf(Date);
      expectProblem(
        await sut.http.get(workspaceUrl(workspace.slug)).set(bearer(owner.token)),
        404,
        'core.workspace-not-found',
      );
      const mine = await sut.http.get('/api/v1/workspaces').set(bearer(owner.token)).expect(200);
      expect(mine.body.map((w: { id: string }) => w.id)).not.toContain(workspace.id);

      const plugins = await sut.http.get('/api/v1/plugins').set(bearer(owner.token)).expect(200);
      const summary = plugins.body.data.find((p: { name: string }) => p.name === 'workspaces');
      expect(summary.contributes.retention).toContain('workspaces.closed-workspaces');
    });

    it('a suspended workspace answers 404 to its owner', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      await sut.dataSource.query(`UPDATE workspaces SET status = 'suspended' WHERE id = $1`, [workspace.id]);
      expectProblem(
        await sut.http.get(workspaceUrl(workspace.id)).set(bearer(owner.token)),
        404,
        'core.workspace-not-found',
      );
    });
  });

  describe('members', () => {
    it('lists members; a role change takes effect on the next request', async () => {
      const owner = await signUp();
      const member = await signUp();
      const workspace = await newWorkspace(owner);
      await addMember(workspace, owner, member, 'viewer');
      const list = await sut.http.get(membersUrl(workspace.slug)).set(bearer(member.token)).expect(200);
      expect(list.body).toEqual([
        {
          userId: owner.userId,
          email: owner.email,
          displayName: 'Member',
          role: 'owner',
          createdAt: expect.any(String),
        },
        {
          userId: member.userId,
          email: member.email,
          displayName: 'Member',
          role: 'viewer',
          createdAt: expect.any(String),
        },
      ]);
      expectProblem(
        await sut.http.patch(workspaceUrl(workspace.slug)).set(bearer(member.token)).send({ name: 'X' }),
        403,
        'core.forbidden',
      );
      const changed = await sut.http
        .patch(membersUrl(workspace.slug, member.userId))
        .set(bearer(owner.token))
        .send({ role: 'admin' })
        .expect(200);
      expect(changed.body).toMatchObject({ userId: member.userId, role: 'admin' });
      // The same access token, the next request: the new role holds.
      await sut.http
        .patch(workspaceUrl(workspace.slug))
        .set(bearer(member.token))
        .send({ name: 'By new admin' })
        .expect(200);
      await sut.http
        .patch(membersUrl(workspace.slug, member.userId))
        .set(bearer(owner.token))
        .send({ role: 'viewer' })
        .expect(200);
      expectProblem(
        await sut.http.patch(workspaceUrl(workspace.slug)).set(bearer(member.token)).send({ name: 'Again' }),
        403,
        'core.forbidden',
      );
      const [event] = await sut.dataSource.query(
        `SELECT payload FROM quire_outbox WHERE workspace_id = $1 AND event_name = 'workspaces.member.role-changed' ORDER BY id LIMIT 1`,
        [workspace.id],
      );
      expect(event.payload).toEqual({
        userId: member.userId,
        previousRole: 'viewer',
        role: 'admin',
        changes: { role: { before: 'viewer', after: 'admin' } },
      });
    });

    it('refuses an unknown role, a malformed or foreign user id', async () => {
      const owner = await signUp();
      const outsider = await signUp();
      const workspace = await newWorkspace(owner);
      const unknownRole = await sut.http
        .patch(membersUrl(workspace.slug, owner.userId))
        .set(bearer(owner.token))
        .send({ role: 'superuser' });
      expectProblem(unknownRole, 400, 'core.validation-failed');
      expect(unknownRole.body.errors[0].path).toBe('role');
      const malformed = await sut.http
        .patch(membersUrl(workspace.slug, 'nobody'))
        .set(bearer(owner.token))
        .send({ role: 'viewer' });
      expectProblem(malformed, 400, 'core.validation-failed');
      expect(malformed.body.errors).toEqual([{ path: 'userId', message: 'userId must be a UUID' }]);
      expectProblem(
        await sut.http
          .patch(membersUrl(workspace.slug, outsider.userId))
          .set(bearer(owner.token))
          .send({ role: 'viewer' }),
        404,
        'workspaces.member-not-found',
      );
      expectProblem(
        await sut.http.delete(membersUrl(workspace.slug, outsider.userId)).set(bearer(owner.token)),
        404,
        'workspaces.member-not-found',
      );
    });

    it('the last owner can neither be demoted nor leave (409); with a second owner both work', async () => {
      const owner = await signUp();
      const second = await signUp();
      const workspace = await newWorkspace(owner);
      const demote = await sut.http
        .patch(membersUrl(workspace.slug, owner.userId))
        .set(bearer(owner.token))
        .send({ role: 'admin' });
      expectProblem(demote, 409, 'workspaces.last-owner');
      expect(demote.body.rule).toBe('last-owner');
      expectProblem(
        await sut.http.delete(membersUrl(workspace.slug, owner.userId)).set(bearer(owner.token)),
        409,
        'workspaces.last-owner',
      );

      await addMember(workspace, owner, second, 'owner');
      await sut.http
        .patch(membersUrl(workspace.slug, owner.userId))
        .set(bearer(second.token))
        .send({ role: 'editor' })
        .expect(200);
      expectProblem(
        await sut.http.delete(membersUrl(workspace.slug, second.userId)).set(bearer(second.token)),
        409,
        'workspaces.last-owner',
      );
      await sut.http.delete(membersUrl(workspace.slug, owner.userId)).set(bearer(owner.token)).expect(204);
      expectProblem(
        await sut.http.get(workspaceUrl(workspace.slug)).set(bearer(owner.token)),
        404,
        'core.workspace-not-found',
      );
    });

    it('only owners make or unmake owners; members below admin may only remove themselves', async () => {
      const owner = await signUp();
      const admin = await signUp();
      const editor = await signUp();
      const viewer = await signUp();
      const workspace = await newWorkspace(owner);
      await addMember(workspace, owner, admin, 'admin');
      await addMember(workspace, owner, editor, 'editor');
      await addMember(workspace, owner, viewer, 'viewer');

      const escalate = await sut.http
        .patch(membersUrl(workspace.slug, admin.userId))
        .set(bearer(admin.token))
        .send({ role: 'owner' });
      expectProblem(escalate, 403, 'workspaces.owner-role-reserved');
      expectProblem(
        await sut.http
          .patch(membersUrl(workspace.slug, owner.userId))
          .set(bearer(admin.token))
          .send({ role: 'viewer' }),
        403,
        'workspaces.owner-role-reserved',
      );
      expectProblem(
        await sut.http.delete(membersUrl(workspace.slug, owner.userId)).set(bearer(admin.token)),
        403,
        'workspaces.owner-role-reserved',
      );
      await sut.http
        .patch(membersUrl(workspace.slug, editor.userId))
        .set(bearer(admin.token))
        .send({ role: 'author' })
        .expect(200);

      expectProblem(
        await sut.http
          .patch(membersUrl(workspace.slug, viewer.userId))
          .set(bearer(editor.token))
          .send({ role: 'admin' }),
        403,
        'core.forbidden',
      );
      expectProblem(
        await sut.http.delete(membersUrl(workspace.slug, viewer.userId)).set(bearer(editor.token)),
        403,
        'core.forbidden',
      );
      await sut.http.delete(membersUrl(workspace.slug, viewer.userId)).set(bearer(viewer.token)).expect(204);
      expectProblem(
        await sut.http.get(workspaceUrl(workspace.slug)).set(bearer(viewer.token)),
        404,
        'core.workspace-not-found',
      );
      await sut.http.delete(membersUrl(workspace.slug, editor.userId)).set(bearer(admin.token)).expect(204);

      const roles = await sut.dataSource.query(
        `SELECT user_id, role FROM workspace_members WHERE workspace_id = $1 ORDER BY created_at, user_id`,
        [workspace.id],
      );
      expect(roles).toEqual([
        { user_id: owner.userId, role: 'owner' },
        { user_id: admin.userId, role: 'admin' },
      ]);
    });

    it("an attacker cannot reach another workspace's members through their own workspace", async () => {
      const attacker = await signUp();
      const victim = await signUp();
      const victimsColleague = await signUp();
      const own = await newWorkspace(attacker);
      const target = await newWorkspace(victim);
      await addMember(target, victim, victimsColleague, 'editor');

      for (const userId of [victim.userId, victimsColleague.userId]) {
        expectProblem(
          await sut.http.patch(membersUrl(own.slug, userId)).set(bearer(attacker.token)).send({ role: 'viewer' }),
          404,
          'workspaces.member-not-found',
        );
        expectProblem(
          await sut.http.delete(membersUrl(own.slug, userId)).set(bearer(attacker.token)),
          404,
          'workspaces.member-not-found',
        );
      }
      for (const reference of [target.id, target.slug]) {
        expectProblem(
          await sut.http
            .patch(membersUrl(reference, attacker.userId))
            .set(bearer(attacker.token))
            .send({ role: 'owner' }),
          404,
          'core.workspace-not-found',
        );
      }
      const roles = await sut.dataSource.query(
        `SELECT user_id, role FROM workspace_members WHERE workspace_id = $1 ORDER BY role`,
        [target.id],
      );
      expect(roles).toEqual([
        { user_id: victimsColleague.userId, role: 'editor' },
        { user_id: victim.userId, role: 'owner' },
      ]);
    });

    it('a platform administrator gets nothing implicit', async () => {
      const owner = await signUp();
      const platformAdmin = await signUp();
      const workspace = await newWorkspace(owner);
      await sut.dataSource.query(`UPDATE identity_users SET platform_admin = true WHERE id = $1`, [
        platformAdmin.userId,
      ]);
      const fresh = await sut.http
        .post('/api/v1/auth/sign-in')
        .set('X-Forwarded-For', anIp())
        .send({ email: platformAdmin.email, password: PASSWORD })
        .expect(200);
      expectProblem(
        await sut.http.get(workspaceUrl(workspace.slug)).set(bearer(fresh.body.accessToken)),
        404,
        'core.workspace-not-found',
      );
    });
  });

  describe('teams', () => {
    const teamsUrl = (reference: string, rest = '') => `/api/v1/workspaces/${reference}/teams${rest}`;

    it('creates, renames, lists and deletes teams; admins manage them, other roles read them', async () => {
      const owner = await signUp();
      const admin = await signUp();
      const editor = await signUp();
      const workspace = await newWorkspace(owner);
      await addMember(workspace, owner, admin, 'admin');
      await addMember(workspace, owner, editor, 'editor');

      const created = await sut.http
        .post(teamsUrl(workspace.slug))
        .set(bearer(admin.token))
        .send({ name: ' Editorial ' })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'Editorial',
        memberIds: [],
        createdAt: expect.any(String),
      });
      const team = created.body.id as string;
      expectProblem(
        await sut.http.post(teamsUrl(workspace.slug)).set(bearer(owner.token)).send({ name: 'EDITORIAL' }),
        409,
        'workspaces.team-name-taken',
      );
      const blank = await sut.http.post(teamsUrl(workspace.slug)).set(bearer(owner.token)).send({ name: '  ' });
      expectProblem(blank, 400, 'core.validation-failed');
      expect(blank.body.errors[0].path).toBe('name');
      expectProblem(
        await sut.http.post(teamsUrl(workspace.slug)).set(bearer(editor.token)).send({ name: 'Mine' }),
        403,
        'core.forbidden',
      );

      await sut.http
        .put(teamsUrl(workspace.slug, `/${team}/members/${editor.userId}`))
        .set(bearer(admin.token))
        .expect(200);
      const again = await sut.http
        .put(teamsUrl(workspace.slug, `/${team}/members/${editor.userId}`))
        .set(bearer(admin.token))
        .expect(200);
      expect(again.body.memberIds).toEqual([editor.userId]);
      const renamed = await sut.http
        .patch(teamsUrl(workspace.slug, `/${team}`))
        .set(bearer(admin.token))
        .send({ name: 'Newsroom' })
        .expect(200);
      expect(renamed.body).toMatchObject({ name: 'Newsroom', memberIds: [editor.userId] });
      // A team may change the case of its own name.
      await sut.http
        .patch(teamsUrl(workspace.slug, `/${team}`))
        .set(bearer(admin.token))
        .send({ name: 'NEWSROOM' })
        .expect(200);
      await sut.http
        .patch(teamsUrl(workspace.slug, `/${team}`))
        .set(bearer(admin.token))
        .send({ name: 'Newsroom' })
        .expect(200);

      const listed = await sut.http.get(teamsUrl(workspace.slug)).set(bearer(editor.token)).expect(200);
      expect(listed.body).toEqual([renamed.body]);
      expectProblem(
        await sut.http.delete(teamsUrl(workspace.slug, `/${team}/members/${editor.userId}`)).set(bearer(editor.token)),
        403,
        'core.forbidden',
      );
      await sut.http
        .delete(teamsUrl(workspace.slug, `/${team}/members/${editor.userId}`))
        .set(bearer(owner.token))
        .expect(204);
      expectProblem(
        await sut.http.delete(teamsUrl(workspace.slug, `/${team}/members/${editor.userId}`)).set(bearer(owner.token)),
        404,
        'workspaces.team-member-not-found',
      );
      await sut.http
        .delete(teamsUrl(workspace.slug, `/${team}`))
        .set(bearer(owner.token))
        .expect(204);
      expectProblem(
        await sut.http.get(teamsUrl(workspace.slug, `/${team}`)).set(bearer(owner.token)),
        404,
        'workspaces.team-not-found',
      );
      const names = await sut.dataSource.query(
        `SELECT event_name FROM quire_outbox WHERE workspace_id = $1 AND event_name LIKE 'workspaces.team%' ORDER BY id`,
        [workspace.id],
      );
      expect(names.map((e: { event_name: string }) => e.event_name)).toEqual([
        'workspaces.team.created',
        'workspaces.team-member.added',
        'workspaces.team.renamed',
        'workspaces.team.renamed',
        'workspaces.team.renamed',
        'workspaces.team-member.removed',
        'workspaces.team.deleted',
      ]);
    });

    it('takes only workspace members, and drops a member who leaves the workspace', async () => {
      const owner = await signUp();
      const member = await signUp();
      const outsider = await signUp();
      const workspace = await newWorkspace(owner);
      await addMember(workspace, owner, member, 'viewer');
      const team = (
        await sut.http.post(teamsUrl(workspace.slug)).set(bearer(owner.token)).send({ name: 'Ops' }).expect(201)
      ).body.id;
      expectProblem(
        await sut.http.put(teamsUrl(workspace.slug, `/${team}/members/${outsider.userId}`)).set(bearer(owner.token)),
        404,
        'workspaces.member-not-found',
      );
      await sut.http
        .put(teamsUrl(workspace.slug, `/${team}/members/${member.userId}`))
        .set(bearer(owner.token))
        .expect(200);
      await sut.http.delete(membersUrl(workspace.slug, member.userId)).set(bearer(member.token)).expect(204);
      const after = await sut.http
        .get(teamsUrl(workspace.slug, `/${team}`))
        .set(bearer(owner.token))
        .expect(200);
      expect(after.body.memberIds).toEqual([]);
      const malformed = await sut.http.get(teamsUrl(workspace.slug, '/not-a-uuid')).set(bearer(owner.token));
      expectProblem(malformed, 400, 'core.validation-failed');
      expect(malformed.body.errors).toEqual([{ path: 'teamId', message: 'teamId must be a UUID' }]);
    });

    it("an attacker cannot reach another workspace's teams through their own workspace", async () => {
      const attacker = await signUp();
      const victim = await signUp();
      const own = await newWorkspace(attacker);
      const target = await newWorkspace(victim);
      const theirs = (
        await sut.http.post(teamsUrl(target.slug)).set(bearer(victim.token)).send({ name: 'Secret' }).expect(201)
      ).body.id;
      const ownTeam = (
        await sut.http.post(teamsUrl(own.slug)).set(bearer(attacker.token)).send({ name: 'Mine' }).expect(201)
      ).body.id;

      const tries = [
        sut.http.get(teamsUrl(own.slug, `/${theirs}`)),
        sut.http.patch(teamsUrl(own.slug, `/${theirs}`)).send({ name: 'Taken' }),
        sut.http.delete(teamsUrl(own.slug, `/${theirs}`)),
        sut.http.put(teamsUrl(own.slug, `/${theirs}/members/${attacker.userId}`)),
      ];
      for (const attempt of tries)
        expectProblem(await attempt.set(bearer(attacker.token)), 404, 'workspaces.team-not-found');
      // Their member into my team: not a member of my workspace.
      expectProblem(
        await sut.http.put(teamsUrl(own.slug, `/${ownTeam}/members/${victim.userId}`)).set(bearer(attacker.token)),
        404,
        'workspaces.member-not-found',
      );
      for (const reference of [target.slug, target.id]) {
        expectProblem(
          await sut.http.get(teamsUrl(reference)).set(bearer(attacker.token)),
          404,
          'core.workspace-not-found',
        );
      }
      const [row] = await sut.dataSource.query(`SELECT name FROM teams WHERE id = $1`, [theirs]);
      expect(row.name).toBe('Secret');
    });
  });

  describe('platform administration', () => {
    async function platformAdmin(): Promise<Account> {
      const account = await signUp();
      await sut.dataSource.query(
        `UPDATE identity_users SET platform_admin = true, email_verified_at = now() WHERE id = $1`,
        [account.userId],
      );
      const fresh = await sut.http
        .post('/api/v1/auth/sign-in')
        .set('X-Forwarded-For', anIp())
        .send({ email: account.email, password: PASSWORD })
        .expect(200);
      return { ...account, token: fresh.body.accessToken };
    }

    it('lists workspaces of every status and suspends and reinstates one', async () => {
      const admin = await platformAdmin();
      const owner = await signUp();
      const workspace = await newWorkspace(owner, { name: 'Suspect' });
      const closed = await newWorkspace(owner, { name: 'Gone' });
      await sut.http.delete(workspaceUrl(closed.slug)).set(bearer(owner.token)).expect(204);

      const listed = await sut.http
        .get(`/api/v1/admin/workspaces?filter[slug][eq]=${workspace.slug}`)
        .set(bearer(admin.token))
        .expect(200);
      expect(listed.body.data).toEqual([
        {
          id: workspace.id,
          name: 'Suspect',
          slug: workspace.slug,
          status: 'active',
          plan: 'free',
          closedAt: null,
          createdAt: expect.any(String),
        },
      ]);
      const closedRow = await sut.http
        .get(`/api/v1/admin/workspaces?filter[id][eq]=${closed.id}&fields=id,status`)
        .set(bearer(admin.token))
        .expect(200);
      expect(closedRow.body.data).toEqual([{ id: closed.id, status: 'closed' }]);
      expectProblem(
        await sut.http.get('/api/v1/admin/workspaces?sort=secret').set(bearer(admin.token)),
        400,
        'core.validation-failed',
      );

      const suspended = await sut.http
        .post(`/api/v1/admin/workspaces/${workspace.id}/suspension`)
        .set(bearer(admin.token))
        .expect(200);
      expect(suspended.body.status).toBe('suspended');
      expectProblem(
        await sut.http.get(workspaceUrl(workspace.slug)).set(bearer(owner.token)),
        404,
        'core.workspace-not-found',
      );
      // Suspension grants the administrator no entry either.
      expectProblem(
        await sut.http.get(workspaceUrl(workspace.slug)).set(bearer(admin.token)),
        404,
        'core.workspace-not-found',
      );
      await sut.http.delete(`/api/v1/admin/workspaces/${workspace.id}/suspension`).set(bearer(admin.token)).expect(200);
      await sut.http.get(workspaceUrl(workspace.slug)).set(bearer(owner.token)).expect(200);

      expectProblem(
        await sut.http.post(`/api/v1/admin/workspaces/${closed.id}/suspension`).set(bearer(admin.token)),
        409,
        'workspaces.workspace-closed',
      );
      expectProblem(
        await sut.http
          .post(`/api/v1/admin/workspaces/0192f0c4-7a3e-7c1d-8e2f-123456789abc/suspension`)
          .set(bearer(admin.token)),
        404,
        'workspaces.workspace-not-found',
      );
      const events = await sut.dataSource.query(
        `SELECT event_name FROM quire_outbox WHERE workspace_id = $1 AND event_name IN ('workspaces.workspace.suspended', 'workspaces.workspace.reinstated') ORDER BY id`,
        [workspace.id],
      );
      expect(events.map((e: { event_name: string }) => e.event_name)).toEqual([
        'workspaces.workspace.suspended',
        'workspaces.workspace.reinstated',
      ]);
    });

    it('is refused to everyone else, owners included', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      expectProblem(
        await sut.http.get('/api/v1/admin/workspaces').set(bearer(owner.token)),
        403,
        'identity.platform-admin-required',
      );
      expectProblem(
        await sut.http.post(`/api/v1/admin/workspaces/${workspace.id}/suspension`).set(bearer(owner.token)),
        403,
        'identity.platform-admin-required',
      );
      const [row] = await sut.dataSource.query(`SELECT status FROM workspaces WHERE id = $1`, [workspace.id]);
      expect(row.status).toBe('active');
    });
  });

  describe('API keys', () => {
    it('resolve their own workspace without a membership, and no other', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const other = await newWorkspace(owner);
      const key = await sut.http
        .post(`/api/v1/workspaces/${workspace.slug}/api-keys`)
        .set(bearer(owner.token))
        .send({ name: 'CI', kind: 'management', scopes: ['read:Workspace', 'read:WorkspaceMember'] })
        .expect(201);
      const asKey = bearer(key.body.secret);

      const got = await sut.http.get(workspaceUrl(workspace.slug)).set(asKey).expect(200);
      expect(got.body).toMatchObject({ id: workspace.id, role: null });
      await sut.http.get(workspaceUrl(workspace.id)).set(asKey).expect(200);
      await sut.http.get(membersUrl(workspace.slug)).set(asKey).expect(200);
      const mine = await sut.http.get('/api/v1/workspaces').set(asKey).expect(200);
      expect(mine.body.map((w: { id: string }) => w.id)).toEqual([workspace.id]);

      expectProblem(await sut.http.get(workspaceUrl(other.slug)).set(asKey), 404, 'core.workspace-not-found');
      expectProblem(await sut.http.get(workspaceUrl(other.id)).set(asKey), 404, 'core.workspace-not-found');
      // Its scopes, nothing more: no update, no creating workspaces.
      expectProblem(
        await sut.http.patch(workspaceUrl(workspace.slug)).set(asKey).send({ name: 'Key' }),
        403,
        'core.forbidden',
      );
      expectProblem(
        await create({ ...owner, token: key.body.secret }, { name: 'By key', slug: aSlug() }),
        403,
        'workspaces.user-required',
      );
    });
  });

  describe('ensureMember (SSO just-in-time)', () => {
    it("adds a user once with the given role and leaves an existing member's role alone", async () => {
      const owner = await signUp();
      const user = await signUp();
      const workspace = await newWorkspace(owner);
      const resolver = sut.app.get(WorkspacesResolver);
      expect(await resolver.ensureMember(workspace.id, user.userId, 'author')).toBe('added');
      expect(await resolver.ensureMember(workspace.id, user.userId, 'admin')).toBe('existing');
      expect(await resolver.ensureMember(workspace.id, owner.userId, 'viewer')).toBe('existing');
      const roles = await sut.dataSource.query(
        `SELECT user_id, role FROM workspace_members WHERE workspace_id = $1 ORDER BY created_at`,
        [workspace.id],
      );
      expect(roles).toEqual([
        { user_id: owner.userId, role: 'owner' },
        { user_id: user.userId, role: 'author' },
      ]);
      await expect(resolver.ensureMember(workspace.id, user.userId, 'superuser')).rejects.toMatchObject({
        code: 'workspaces.unknown-role',
        status: 409,
      });
      const [event] = await sut.dataSource.query(
        `SELECT payload, actor FROM quire_outbox WHERE workspace_id = $1 AND event_name = 'workspaces.member.added' AND payload->>'via' = 'sso-jit'`,
        [workspace.id],
      );
      expect(event.payload).toEqual({ userId: user.userId, role: 'author', via: 'sso-jit' });
    });
  });
});
