import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, expectValidationProblem, type TestApp } from '@quire/testing';
import { WorkspacesResolver } from '../src/workspaces/workspaces.resolver';

const PASSWORD = 'correct horse battery staple 42';

interface Account {
  userId: string;
  token: string;
}
interface WorkspaceRef {
  id: string;
  slug: string;
}
type Rule = Record<string, unknown>;

let ipCounter = 0;
let counter = 0;
const bearer = (account: Account) => ({ Authorization: `Bearer ${account.token}` });

describe('Custom roles', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin] });
  });
  afterAll(async () => {
    await sut?.close();
  });

  async function signUp(): Promise<Account> {
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .set('X-Forwarded-For', `198.51.100.${(ipCounter++ % 250) + 1}`)
      .send({
        email: `roles-${Date.now().toString(36)}-${counter++}@example.com`,
        password: PASSWORD,
        displayName: 'R',
      })
      .expect(201);
    return { userId: response.body.user.id, token: response.body.accessToken };
  }

  async function newWorkspace(owner: Account): Promise<WorkspaceRef> {
    const slug = `roles-${Date.now().toString(36)}-${counter++}`;
    const response = await sut.http
      .post('/api/v1/workspaces')
      .set(bearer(owner))
      .send({ name: 'Roles', slug })
      .expect(201);
    return { id: response.body.id, slug };
  }

  /** A new account, member of `workspace` with `role` (set directly: these tests are about what a role allows). */
  async function member(workspace: WorkspaceRef, role: string): Promise<Account> {
    const account = await signUp();
    await sut.app.get(WorkspacesResolver).ensureMember(workspace.id, account.userId, 'viewer');
    await sut.dataSource.query(`UPDATE workspace_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2`, [
      workspace.id,
      account.userId,
      role,
    ]);
    return account;
  }

  const url = (workspace: WorkspaceRef, path = '') => `/api/v1/workspaces/${workspace.slug}${path}`;
  const rolesUrl = (workspace: WorkspaceRef, role = '') => url(workspace, `/roles${role ? `/${role}` : ''}`);

  async function createRole(workspace: WorkspaceRef, as: Account, key: string, rules: Rule[], name = key) {
    const response = await sut.http.post(rolesUrl(workspace)).set(bearer(as)).send({ key, name, rules });
    expect(response.status).toBe(201);
    return response.body as { id: string; key: string };
  }

  function expectProblem(response: { status: number; body: Record<string, unknown> }, status: number, code: string) {
    expect({ status: response.status, type: response.body.type }).toEqual({
      status,
      type: `urn:quire:problem:${code}`,
    });
  }

  describe('reading', () => {
    it('lists the built-in roles with their rules, then the custom roles by key; members read them', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      await createRole(workspace, owner, 'zeta-readers', [{ action: 'read', subject: 'Team' }], 'Zeta');
      await createRole(workspace, owner, 'alpha-readers', [{ action: 'read', subject: 'Workspace' }], 'Alpha');
      const viewer = await member(workspace, 'viewer');

      const list = await sut.http.get(rolesUrl(workspace)).set(bearer(viewer)).expect(200);
      expect(list.body.map((r: { key: string; builtIn: boolean }) => [r.key, r.builtIn])).toEqual([
        ['owner', true],
        ['admin', true],
        ['editor', true],
        ['author', true],
        ['reviewer', true],
        ['viewer', true],
        ['auditor', true],
        ['alpha-readers', false],
        ['zeta-readers', false],
      ]);
      const admin = list.body.find((r: { key: string }) => r.key === 'admin');
      expect(admin).toMatchObject({ id: null, name: 'Admin', builtIn: true, createdAt: null });
      expect(admin.rules).toEqual(
        expect.arrayContaining([
          { action: 'update', subject: 'Workspace' },
          { action: 'manage', subject: 'Team' },
          { action: 'manage', subject: 'Role' },
          { action: 'manage', subject: 'ApiKey' },
        ]),
      );
      expect(list.body.find((r: { key: string }) => r.key === 'viewer').rules).toContainEqual({
        action: 'delete',
        subject: 'WorkspaceMember',
        conditions: { userId: '{{actor.id}}' },
      });
      expect(list.body[7]).toEqual({
        id: expect.any(String),
        key: 'alpha-readers',
        name: 'Alpha',
        description: null,
        builtIn: false,
        rules: [{ action: 'read', subject: 'Workspace' }],
        createdBy: owner.userId,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });

      const byName = await sut.http.get(rolesUrl(workspace, 'editor')).set(bearer(viewer)).expect(200);
      expect(byName.body).toMatchObject({ key: 'editor', builtIn: true });
      const byKey = await sut.http.get(rolesUrl(workspace, 'zeta-readers')).set(bearer(viewer)).expect(200);
      const byId = await sut.http.get(rolesUrl(workspace, byKey.body.id)).set(bearer(viewer)).expect(200);
      expect(byId.body).toEqual(byKey.body);

      const auditor = await member(workspace, 'auditor');
      expectProblem(await sut.http.get(rolesUrl(workspace)).set(bearer(auditor)), 403, 'core.forbidden');
    });

    it('offers the permission catalog: every loaded plugin’s subjects and actions, and what narrows each', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const viewer = await member(workspace, 'viewer');
      const response = await sut.http.get(url(workspace, '/permission-catalog')).set(bearer(viewer)).expect(200);
      const plugins = response.body.plugins as Array<{ plugin: string; subjects: Array<{ name: string }> }>;
      expect(plugins.map((p) => p.plugin)).toEqual(['identity', 'workspaces']);
      const workspaces = plugins.find((p) => p.plugin === 'workspaces')!;
      expect(workspaces.subjects).toEqual(
        expect.arrayContaining([
          { name: 'Team', conditionFields: ['id', 'name'], restrictableFields: ['name', 'memberIds'] },
          { name: 'Role', conditionFields: [], restrictableFields: [] },
          {
            name: 'Workspace',
            conditionFields: [],
            restrictableFields: ['name', 'slug', 'logoUrl', 'defaultLocale', 'enabledLocales', 'timeZone', 'settings'],
          },
        ]),
      );
      expect(plugins.find((p) => p.plugin === 'identity')!.subjects).toContainEqual({
        name: 'ApiKey',
        conditionFields: [],
        restrictableFields: [],
      });
      expect(response.body.actions).toEqual(expect.arrayContaining(['manage', 'read', 'create', 'update', 'delete']));
      expect(response.body.placeholders).toEqual(['{{actor.id}}']);
    });
  });

  describe('writing', () => {
    it('creates, updates and deletes a custom role, with events; the key never changes', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const created = await sut.http
        .post(rolesUrl(workspace))
        .set(bearer(owner))
        .send({
          key: 'blog-editor',
          name: '  Blog editor ',
          description: 'Edits the Blog team',
          rules: [
            { action: 'read', subject: 'Team', conditions: { name: 'Blog' } },
            { action: 'update', subject: 'Team', conditions: { name: { $in: ['Blog'] } }, fields: ['memberIds'] },
          ],
        })
        .expect(201);
      expect(created.body).toMatchObject({
        key: 'blog-editor',
        name: 'Blog editor',
        description: 'Edits the Blog team',
      });
      const id = created.body.id as string;
      const renamer = { action: 'update', subject: 'Team', conditions: { name: 'Blog' }, fields: ['name'] };

      const updated = await sut.http
        .patch(rolesUrl(workspace, id))
        .set(bearer(owner))
        .send({ name: 'Blog people', description: null, rules: [renamer] })
        .expect(200);
      expect(updated.body).toMatchObject({
        id,
        key: 'blog-editor',
        name: 'Blog people',
        description: null,
        rules: [renamer],
      });
      // Nothing changed (the same rules, whatever order PostgreSQL keeps their keys in): no event.
      await sut.http
        .patch(rolesUrl(workspace, 'blog-editor'))
        .set(bearer(owner))
        .send({ name: 'Blog people', rules: [renamer] })
        .expect(200);
      expectValidationProblem(
        await sut.http.patch(rolesUrl(workspace, id)).set(bearer(owner)).send({ key: 'new-key' }).expect(400),
        ['key'],
      );

      await sut.http.delete(rolesUrl(workspace, id)).set(bearer(owner)).expect(204);
      expectProblem(await sut.http.get(rolesUrl(workspace, id)).set(bearer(owner)), 404, 'workspaces.role-not-found');
      const events = await sut.dataSource.query(
        `SELECT event_name, payload FROM quire_outbox WHERE workspace_id = $1 AND event_name LIKE 'workspaces.role.%' ORDER BY id`,
        [workspace.id],
      );
      expect(events).toEqual([
        { event_name: 'workspaces.role.created', payload: { roleId: id, key: 'blog-editor' } },
        {
          event_name: 'workspaces.role.updated',
          payload: {
            roleId: id,
            key: 'blog-editor',
            changed: ['name', 'description', 'rules'],
            changes: {
              name: { before: 'Blog editor', after: 'Blog people' },
              description: { before: 'Edits the Blog team', after: null },
              rules: { before: expect.any(Array), after: [renamer] },
            },
          },
        },
        { event_name: 'workspaces.role.deleted', payload: { roleId: id, key: 'blog-editor' } },
      ]);
    });

    it.each([
      ['a key in capitals', { key: 'Blog-Editor' }, ['key']],
      ['a key too short', { key: 'ab' }, ['key']],
      ['a key too long', { key: 'a'.repeat(41) }, ['key']],
      ['a built-in role name as key', { key: 'admin' }, ['key']],
      ['no name', { name: undefined }, ['name']],
      ['rules that are no list', { rules: { action: 'read', subject: 'Team' } }, ['rules']],
      [
        'an undeclared subject',
        { rules: [{ action: 'read', subject: 'Team' }, {}, { action: 'read', subject: 'Invoice' }] },
        ['rules[1].action', 'rules[1].subject', 'rules[2].subject'],
      ],
      ['an undeclared action', { rules: [{ action: 'approve', subject: 'Team' }] }, ['rules[0].action']],
      [
        'a $where condition',
        { rules: [{ action: 'read', subject: 'Team', conditions: { $where: 'sleep(1)' } }] },
        ['rules[0].conditions.$where'],
      ],
      [
        'an operator other than $in',
        { rules: [{ action: 'read', subject: 'Team', conditions: { name: { $regex: '^B' } } }] },
        ['rules[0].conditions.name'],
      ],
      [
        'an undeclared condition field',
        { rules: [{ action: 'read', subject: 'Team', conditions: { createdAt: 'x' } }] },
        ['rules[0].conditions.createdAt'],
      ],
      [
        'conditions on a subject without any',
        { rules: [{ action: 'read', subject: 'ApiKey', conditions: { name: 'x' } }] },
        ['rules[0].conditions'],
      ],
      [
        'a placeholder other than {{actor.id}}',
        { rules: [{ action: 'read', subject: 'Team', conditions: { id: '{{workspace.id}}' } }] },
        ['rules[0].conditions.id'],
      ],
      [
        'fields that are not strings',
        { rules: [{ action: 'update', subject: 'Team', fields: ['name', 7] }] },
        ['rules[0].fields[1]'],
      ],
      ['a forbid rule', { rules: [{ action: 'read', subject: 'Team', inverted: true }] }, ['rules[0].inverted']],
    ])('refuses %s with 400 naming the path', async (_, change, paths) => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const body = { key: 'some-role', name: 'Some role', rules: [{ action: 'read', subject: 'Team' }], ...change };
      const response = await sut.http.post(rolesUrl(workspace)).set(bearer(owner)).send(body).expect(400);
      expectValidationProblem(response, paths);
      expect(
        await sut.dataSource.query(`SELECT 1 FROM workspace_roles WHERE workspace_id = $1`, [workspace.id]),
      ).toEqual([]);
    });

    it('refuses a taken key (409), edits of built-in roles (409) and unknown roles (404)', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      await createRole(workspace, owner, 'readers', [{ action: 'read', subject: 'Team' }]);
      expectProblem(
        await sut.http.post(rolesUrl(workspace)).set(bearer(owner)).send({ key: 'readers', name: 'Again', rules: [] }),
        409,
        'workspaces.role-key-taken',
      );
      expectProblem(
        await sut.http.patch(rolesUrl(workspace, 'admin')).set(bearer(owner)).send({ name: 'Boss' }),
        409,
        'workspaces.built-in-role-read-only',
      );
      expectProblem(
        await sut.http.delete(rolesUrl(workspace, 'viewer')).set(bearer(owner)),
        409,
        'workspaces.built-in-role-read-only',
      );
      for (const reference of ['0192f0c4-7a3e-7c1d-8e2f-123456789abc', 'no-such-role', 'Not A Key', 'x'.repeat(300)]) {
        expectProblem(
          await sut.http.get(rolesUrl(workspace, encodeURIComponent(reference))).set(bearer(owner)),
          404,
          'workspaces.role-not-found',
        );
      }
    });

    it('refuses deleting a role that members hold or a pending invitation offers (409)', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const role = await createRole(workspace, owner, 'team-readers', [{ action: 'read', subject: 'Team' }]);
      const holder = await member(workspace, 'team-readers');
      const inUse = await sut.http.delete(rolesUrl(workspace, role.id)).set(bearer(owner));
      expectProblem(inUse, 409, 'workspaces.role-in-use');
      expect(inUse.body).toMatchObject({ key: 'team-readers', members: 1, invitations: 0 });

      await sut.http
        .patch(url(workspace, `/members/${holder.userId}`))
        .set(bearer(owner))
        .send({ role: 'viewer' })
        .expect(200);
      await sut.dataSource.query(
        `INSERT INTO workspace_invitations (id, workspace_id, email, role, token_hash, expires_at)
         VALUES (gen_random_uuid(), $1, 'invitee@example.com', 'team-readers', 'hash-' || gen_random_uuid(), now() + interval '7 days')`,
        [workspace.id],
      );
      const offered = await sut.http.delete(rolesUrl(workspace, role.id)).set(bearer(owner));
      expectProblem(offered, 409, 'workspaces.role-in-use');
      expect(offered.body).toMatchObject({ members: 0, invitations: 1 });

      await sut.dataSource.query(
        `UPDATE workspace_invitations SET status = 'cancelled', responded_at = now() WHERE workspace_id = $1`,
        [workspace.id],
      );
      await sut.http.delete(rolesUrl(workspace, role.id)).set(bearer(owner)).expect(204);
    });
  });

  describe('escalation', () => {
    it('an admin cannot create, edit or delete a role that allows more than admins hold; owners can', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const admin = await member(workspace, 'admin');
      const closer = await sut.http
        .post(rolesUrl(workspace))
        .set(bearer(admin))
        .send({
          key: 'closer',
          name: 'Closer',
          rules: [
            { action: 'update', subject: 'Workspace' },
            { action: 'delete', subject: 'Workspace' },
          ],
        });
      expectProblem(closer, 403, 'workspaces.role-escalation');
      expect(closer.body).toMatchObject({ path: 'rules[1]', action: 'delete', subject: 'Workspace' });
      expect(closer.body.detail).toContain('rules[1] allows "delete Workspace"');

      // Holding read and update is not manage.
      expectProblem(
        await sut.http
          .post(rolesUrl(workspace))
          .set(bearer(admin))
          .send({ key: 'all-of-it', name: 'All', rules: [{ action: 'manage', subject: 'Workspace' }] }),
        403,
        'workspaces.role-escalation',
      );
      // Within what admins hold: fine, conditions and fields included.
      const teamLead = await createRole(workspace, admin, 'team-lead', [
        { action: 'update', subject: 'Workspace', fields: ['name'] },
        { action: 'manage', subject: 'Team', conditions: { name: 'Blog' } },
      ]);
      expectProblem(
        await sut.http
          .patch(rolesUrl(workspace, teamLead.id))
          .set(bearer(admin))
          .send({ rules: [{ action: 'delete', subject: 'Workspace' }] }),
        403,
        'workspaces.role-escalation',
      );

      const ownersRole = await createRole(workspace, owner, 'closer', [{ action: 'delete', subject: 'Workspace' }]);
      const edit = await sut.http
        .patch(rolesUrl(workspace, ownersRole.id))
        .set(bearer(admin))
        .send({ name: 'Renamed by admin' });
      expectProblem(edit, 403, 'workspaces.role-escalation');
      expect(edit.body).toMatchObject({ role: 'closer', path: 'rules[0]' });
      expectProblem(
        await sut.http.delete(rolesUrl(workspace, ownersRole.id)).set(bearer(admin)),
        403,
        'workspaces.role-escalation',
      );
      await sut.http.delete(rolesUrl(workspace, ownersRole.id)).set(bearer(owner)).expect(204);
    });

    it('nobody assigns a role beyond their own permissions, nor acts on a member whose role is beyond them', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const admin = await member(workspace, 'admin');
      const target = await member(workspace, 'viewer');
      await createRole(workspace, owner, 'closer', [{ action: 'delete', subject: 'Workspace' }]);
      await createRole(workspace, owner, 'team-readers', [
        { action: 'read', subject: 'Team' },
        { action: 'read', subject: 'Workspace' },
      ]);
      const memberUrl = (account: Account) => url(workspace, `/members/${account.userId}`);

      const refused = await sut.http.patch(memberUrl(target)).set(bearer(admin)).send({ role: 'closer' });
      expectProblem(refused, 403, 'workspaces.role-escalation');
      expect(refused.body).toMatchObject({ role: 'closer', action: 'delete', subject: 'Workspace' });
      await sut.http.patch(memberUrl(target)).set(bearer(admin)).send({ role: 'team-readers' }).expect(200);
      await sut.http.patch(memberUrl(target)).set(bearer(owner)).send({ role: 'closer' }).expect(200);
      // Now the target holds more than the admin: the admin can neither change nor remove them.
      expectProblem(
        await sut.http.patch(memberUrl(target)).set(bearer(admin)).send({ role: 'viewer' }),
        403,
        'workspaces.role-escalation',
      );
      expectProblem(await sut.http.delete(memberUrl(target)).set(bearer(admin)), 403, 'workspaces.role-escalation');

      // A member-manager role (update members) cannot make anyone admin, nor demote an admin.
      await createRole(workspace, owner, 'member-manager', [
        { action: 'read', subject: 'WorkspaceMember' },
        { action: 'update', subject: 'WorkspaceMember' },
      ]);
      const manager = await member(workspace, 'member-manager');
      const other = await member(workspace, 'viewer');
      const promote = await sut.http.patch(memberUrl(other)).set(bearer(manager)).send({ role: 'admin' });
      expectProblem(promote, 403, 'workspaces.role-escalation');
      expect(promote.body).toMatchObject({ role: 'admin' });
      expectProblem(
        await sut.http.patch(memberUrl(admin)).set(bearer(manager)).send({ role: 'viewer' }),
        403,
        'workspaces.role-escalation',
      );
      expectProblem(
        await sut.http.patch(memberUrl(manager)).set(bearer(manager)).send({ role: 'owner' }),
        403,
        'workspaces.owner-role-reserved',
      );
      expect(
        await sut.dataSource.query(`SELECT role FROM workspace_members WHERE user_id = ANY($1) ORDER BY role`, [
          [admin.userId, other.userId, manager.userId],
        ]),
      ).toEqual([{ role: 'admin' }, { role: 'member-manager' }, { role: 'viewer' }]);
    });
  });

  describe('what a custom role allows', () => {
    it('exactly its rules (and leaving); an edit holds from the next request', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const role = await createRole(workspace, owner, 'team-readers', [{ action: 'read', subject: 'Team' }]);
      const holder = await member(workspace, 'team-readers');
      const as = bearer(holder);

      await sut.http.get(url(workspace, '/teams')).set(as).expect(200);
      expectProblem(await sut.http.get(url(workspace, '/members')).set(as), 403, 'core.forbidden');
      expectProblem(await sut.http.get(url(workspace)).set(as), 403, 'core.forbidden');
      expectProblem(await sut.http.post(url(workspace, '/teams')).set(as).send({ name: 'X' }), 403, 'core.forbidden');
      expectProblem(await sut.http.get(rolesUrl(workspace)).set(as), 403, 'core.forbidden');

      await sut.http
        .patch(rolesUrl(workspace, role.id))
        .set(bearer(owner))
        .send({
          rules: [
            { action: 'read', subject: 'Team' },
            { action: 'read', subject: 'WorkspaceMember' },
          ],
        })
        .expect(200);
      const members = await sut.http.get(url(workspace, '/members')).set(as).expect(200);
      expect(members.body).toHaveLength(2);

      // Leaving is every member's, whatever their role.
      await sut.http
        .delete(url(workspace, `/members/${holder.userId}`))
        .set(as)
        .expect(204);
      expectProblem(await sut.http.get(url(workspace, '/teams')).set(as), 404, 'core.workspace-not-found');
    });

    it('conditions limit a permission to some records: lists, reads and writes', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const colleague = await member(workspace, 'viewer');
      const blog = (await sut.http.post(url(workspace, '/teams')).set(bearer(owner)).send({ name: 'Blog' })).body.id;
      const ads = (await sut.http.post(url(workspace, '/teams')).set(bearer(owner)).send({ name: 'Ads' })).body.id;
      await createRole(workspace, owner, 'blog-lead', [
        { action: 'read', subject: 'Team', conditions: { name: 'Blog' } },
        { action: 'update', subject: 'Team', conditions: { name: 'Blog' } },
        { action: 'read', subject: 'WorkspaceMember', conditions: { userId: '{{actor.id}}' } },
      ]);
      const lead = await member(workspace, 'blog-lead');
      const as = bearer(lead);

      const list = await sut.http.get(url(workspace, '/teams')).set(as).expect(200);
      expect(list.body.map((t: { name: string }) => t.name)).toEqual(['Blog']);
      await sut.http
        .get(url(workspace, `/teams/${blog}`))
        .set(as)
        .expect(200);
      expectProblem(await sut.http.get(url(workspace, `/teams/${ads}`)).set(as), 404, 'workspaces.team-not-found');
      await sut.http
        .put(url(workspace, `/teams/${blog}/members/${colleague.userId}`))
        .set(as)
        .expect(200);
      expectProblem(
        await sut.http.put(url(workspace, `/teams/${ads}/members/${colleague.userId}`)).set(as),
        403,
        'core.forbidden',
      );
      expectProblem(
        await sut.http
          .patch(url(workspace, `/teams/${ads}`))
          .set(as)
          .send({ name: 'Blog 2' }),
        403,
        'core.forbidden',
      );
      // Renaming Blog would take it out of the role's reach.
      expectProblem(
        await sut.http
          .patch(url(workspace, `/teams/${blog}`))
          .set(as)
          .send({ name: 'Vlog' }),
        403,
        'core.forbidden',
      );
      // {{actor.id}}: the member sees their own membership only.
      const members = await sut.http.get(url(workspace, '/members')).set(as).expect(200);
      expect(members.body.map((m: { userId: string }) => m.userId)).toEqual([lead.userId]);
      expect(
        await sut.dataSource.query(`SELECT name FROM teams WHERE workspace_id = $1 ORDER BY name`, [workspace.id]),
      ).toEqual([{ name: 'Ads' }, { name: 'Blog' }]);
    });

    it('a condition on the member role limits role changes to those roles, before and after', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      // It holds what viewers and authors hold (it may give only that), and changes only their roles.
      await createRole(workspace, owner, 'onboarder', [
        { action: 'read', subject: 'Workspace' },
        { action: 'read', subject: 'Team' },
        { action: 'read', subject: 'Role' },
        { action: 'read', subject: 'WorkspaceMember' },
        { action: 'update', subject: 'WorkspaceMember', conditions: { role: { $in: ['viewer', 'author'] } } },
      ]);
      const onboarder = await member(workspace, 'onboarder');
      const newcomer = await member(workspace, 'viewer');
      const editor = await member(workspace, 'editor');
      const memberUrl = (account: Account) => url(workspace, `/members/${account.userId}`);

      await sut.http.patch(memberUrl(newcomer)).set(bearer(onboarder)).send({ role: 'author' }).expect(200);
      expectProblem(
        await sut.http.patch(memberUrl(newcomer)).set(bearer(onboarder)).send({ role: 'editor' }),
        403,
        'core.forbidden',
      );
      expectProblem(
        await sut.http.patch(memberUrl(editor)).set(bearer(onboarder)).send({ role: 'viewer' }),
        403,
        'core.forbidden',
      );
    });

    it('field restrictions limit an update to those fields', async () => {
      const owner = await signUp();
      const workspace = await newWorkspace(owner);
      const colleague = await member(workspace, 'viewer');
      const team = (await sut.http.post(url(workspace, '/teams')).set(bearer(owner)).send({ name: 'Blog' })).body.id;
      await createRole(workspace, owner, 'renamer', [
        { action: 'read', subject: 'Workspace' },
        { action: 'update', subject: 'Workspace', fields: ['name'] },
        { action: 'update', subject: 'Team', fields: ['memberIds'] },
      ]);
      const renamer = await member(workspace, 'renamer');
      const as = bearer(renamer);

      await sut.http.patch(url(workspace)).set(as).send({ name: 'Renamed' }).expect(200);
      const slug = await sut.http
        .patch(url(workspace))
        .set(as)
        .send({ slug: `${workspace.slug}-x` });
      expectProblem(slug, 403, 'core.forbidden');
      expect(slug.body.detail).toBe('You may not change slug of this workspace.');
      expectProblem(
        await sut.http.patch(url(workspace)).set(as).send({ name: 'Again', timeZone: 'Europe/Berlin' }),
        403,
        'core.forbidden',
      );
      await sut.http
        .put(url(workspace, `/teams/${team}/members/${colleague.userId}`))
        .set(as)
        .expect(200);
      expectProblem(
        await sut.http
          .patch(url(workspace, `/teams/${team}`))
          .set(as)
          .send({ name: 'Vlog' }),
        403,
        'core.forbidden',
      );
      // Plugin settings are the workspace's field `settings`: refused before looking for the plugin.
      const settings = await sut.http.put(url(workspace, '/settings/identity')).set(as).send({});
      expectProblem(settings, 403, 'core.forbidden');
      expect(settings.body.detail).toBe('You may not change settings of this workspace.');
      expectProblem(
        await sut.http.put(url(workspace, '/settings/identity')).set(bearer(owner)).send({}),
        404,
        'workspaces.settings-not-found',
      );
      const [row] = await sut.dataSource.query(`SELECT name, slug, time_zone FROM workspaces WHERE id = $1`, [
        workspace.id,
      ]);
      expect(row).toEqual({ name: 'Renamed', slug: workspace.slug, time_zone: 'UTC' });
    });
  });

  it('the README example (blog-editor) allows exactly what the README says', async () => {
    const owner = await signUp();
    const workspace = await newWorkspace(owner);
    const colleague = await member(workspace, 'viewer');
    const blog = (await sut.http.post(url(workspace, '/teams')).set(bearer(owner)).send({ name: 'Blog' })).body.id;
    const ads = (await sut.http.post(url(workspace, '/teams')).set(bearer(owner)).send({ name: 'Ads' })).body.id;
    await sut.http
      .post(rolesUrl(workspace))
      .set(bearer(owner))
      .send({
        key: 'blog-editor',
        name: 'Blog editor',
        rules: [
          { action: 'read', subject: 'Workspace' },
          { action: 'update', subject: 'Workspace', fields: ['name'] },
          { action: 'read', subject: 'Team', conditions: { name: 'Blog' } },
          { action: 'update', subject: 'Team', conditions: { name: 'Blog' }, fields: ['memberIds'] },
        ],
      })
      .expect(201);
    const editor = await member(workspace, 'viewer');
    await sut.http
      .patch(url(workspace, `/members/${editor.userId}`))
      .set(bearer(owner))
      .send({ role: 'blog-editor' })
      .expect(200);
    const as = bearer(editor);

    await sut.http.get(url(workspace)).set(as).expect(200);
    await sut.http.patch(url(workspace)).set(as).send({ name: 'Acme blog' }).expect(200);
    expectProblem(await sut.http.patch(url(workspace)).set(as).send({ slug: 'acme-blog-x' }), 403, 'core.forbidden');
    const teams = await sut.http.get(url(workspace, '/teams')).set(as).expect(200);
    expect(teams.body.map((t: { id: string }) => t.id)).toEqual([blog]);
    expectProblem(await sut.http.get(url(workspace, `/teams/${ads}`)).set(as), 404, 'workspaces.team-not-found');
    await sut.http
      .put(url(workspace, `/teams/${blog}/members/${colleague.userId}`))
      .set(as)
      .expect(200);
    await sut.http
      .delete(url(workspace, `/teams/${blog}/members/${colleague.userId}`))
      .set(as)
      .expect(204);
    expectProblem(
      await sut.http
        .patch(url(workspace, `/teams/${blog}`))
        .set(as)
        .send({ name: 'Vlog' }),
      403,
      'core.forbidden',
    );
    for (const path of ['/members', '/api-keys', '/roles', '/sso/connections']) {
      expectProblem(await sut.http.get(url(workspace, path)).set(as), 403, 'core.forbidden');
    }
  });

  describe('across workspaces', () => {
    it("another workspace's role is 404 by id and key, and cannot be assigned (400) nor used by SSO (409)", async () => {
      const ownerA = await signUp();
      const ownerB = await signUp();
      const a = await newWorkspace(ownerA);
      const b = await newWorkspace(ownerB);
      const roleOfB = await createRole(b, ownerB, 'b-only', [{ action: 'read', subject: 'Team' }]);
      const memberOfA = await member(a, 'viewer');

      for (const reference of [roleOfB.id, 'b-only']) {
        expectProblem(await sut.http.get(rolesUrl(a, reference)).set(bearer(ownerA)), 404, 'workspaces.role-not-found');
        expectProblem(
          await sut.http.patch(rolesUrl(a, reference)).set(bearer(ownerA)).send({ name: 'Mine' }),
          404,
          'workspaces.role-not-found',
        );
        expectProblem(
          await sut.http.delete(rolesUrl(a, reference)).set(bearer(ownerA)),
          404,
          'workspaces.role-not-found',
        );
      }
      const assign = await sut.http
        .patch(url(a, `/members/${memberOfA.userId}`))
        .set(bearer(ownerA))
        .send({ role: 'b-only' })
        .expect(400);
      expectValidationProblem(assign, ['role']);
      const resolver = sut.app.get(WorkspacesResolver);
      const newcomer = await signUp();
      await expect(resolver.ensureMember(a.id, newcomer.userId, 'b-only')).rejects.toMatchObject({
        code: 'workspaces.unknown-role',
      });
      // Its own custom role: SSO may give it.
      await createRole(a, ownerA, 'a-readers', [{ action: 'read', subject: 'Team' }]);
      expect(await resolver.ensureMember(a.id, newcomer.userId, 'a-readers')).toBe('added');
      await sut.http.get(url(a, '/teams')).set(bearer(newcomer)).expect(200);
      expectProblem(await sut.http.get(url(a, '/members')).set(bearer(newcomer)), 403, 'core.forbidden');
      expect(await sut.dataSource.query(`SELECT name FROM workspace_roles WHERE workspace_id = $1`, [b.id])).toEqual([
        { name: 'b-only' },
      ]);
    });
  });
});
