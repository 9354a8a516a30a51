import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, expectValidationProblem, type TestApp } from '@quire/testing';
import { WorkspacesResolver } from '../src/workspaces/workspaces.resolver';

const PASSWORD = 'correct horse battery staple 42';
const UNKNOWN_ID = '0192f0c4-7a3e-7c1d-8e2f-123456789abc';
let counter = 0;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

interface Account {
  userId: string;
  email: string;
  token: string;
  refreshToken: string;
}

/** The session's active workspace and team: identity stores it, the workspaces plugin answers who may enter. */
describe('Active workspace and team of a session', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin] });
  });
  afterAll(async () => {
    await sut?.close();
  });

  const anIp = () => `198.51.100.${(counter % 250) + 1}`;

  async function signUp(): Promise<Account> {
    const email = `active-${Date.now().toString(36)}-${counter++}@example.com`;
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .set('X-Forwarded-For', anIp())
      .send({ email, password: PASSWORD, displayName: 'A' })
      .expect(201);
    return {
      userId: response.body.user.id,
      email,
      token: response.body.accessToken,
      refreshToken: response.body.refreshToken,
    };
  }

  /** A second device: another session of the same account. */
  async function signInAgain(account: Account): Promise<Account> {
    const response = await sut.http
      .post('/api/v1/auth/sign-in')
      .set('X-Forwarded-For', anIp())
      .send({ email: account.email, password: PASSWORD })
      .expect(200);
    return { ...account, token: response.body.accessToken, refreshToken: response.body.refreshToken };
  }

  async function newWorkspace(owner: Account): Promise<{ id: string; slug: string }> {
    const slug = `active-${Date.now().toString(36)}-${counter++}`;
    const response = await sut.http
      .post('/api/v1/workspaces')
      .set(bearer(owner.token))
      .send({ name: 'Active', slug })
      .expect(201);
    return { id: response.body.id, slug };
  }

  async function newTeam(owner: Account, workspace: { slug: string }, ...members: Account[]): Promise<string> {
    const team = await sut.http
      .post(`/api/v1/workspaces/${workspace.slug}/teams`)
      .set(bearer(owner.token))
      .send({ name: `Team ${counter++}` })
      .expect(201);
    for (const member of members) {
      await sut.http
        .put(`/api/v1/workspaces/${workspace.slug}/teams/${team.body.id}/members/${member.userId}`)
        .set(bearer(owner.token))
        .expect(200);
    }
    return team.body.id;
  }

  const join = (workspace: { id: string }, user: Account) =>
    sut.app.get(WorkspacesResolver).ensureMember(workspace.id, user.userId, 'editor');
  const switchTo = (as: Account, body: unknown) =>
    sut.http
      .put('/api/v1/me/active-workspace')
      .set(bearer(as.token))
      .send(body as object);
  const me = async (as: Account) => (await sut.http.get('/api/v1/me').set(bearer(as.token)).expect(200)).body;

  function expectProblem(response: { status: number; body: { type?: string } }, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.body.type).toBe(`urn:quire:problem:${code}`);
  }

  it('starts with none, switches by slug or id, and GET /me shows it', async () => {
    const owner = await signUp();
    const workspace = await newWorkspace(owner);
    expect(await me(owner)).toMatchObject({ id: owner.userId, activeWorkspace: null, activeTeamId: null });

    const bySlug = await switchTo(owner, { workspace: workspace.slug.toUpperCase() }).expect(200);
    expect(bySlug.body).toEqual({ activeWorkspace: workspace, activeTeamId: null });
    expect(await me(owner)).toMatchObject({ email: owner.email, activeWorkspace: workspace, activeTeamId: null });
    await switchTo(owner, { workspace: workspace.id }).expect(200);
    expect((await me(owner)).activeWorkspace).toEqual(workspace);

    // Stored by id: a new slug shows at once; refreshing the tokens keeps the session, and so its workspace.
    await sut.http
      .patch(`/api/v1/workspaces/${workspace.slug}`)
      .set(bearer(owner.token))
      .send({ slug: `${workspace.slug}-renamed` })
      .expect(200);
    const refreshed = await sut.http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: owner.refreshToken })
      .expect(200);
    expect((await me({ ...owner, token: refreshed.body.accessToken })).activeWorkspace).toEqual({
      id: workspace.id,
      slug: `${workspace.slug}-renamed`,
    });
  });

  it('switches with a team the user is in, and clears both with workspace null', async () => {
    const owner = await signUp();
    const editor = await signUp();
    const workspace = await newWorkspace(owner);
    await join(workspace, editor);
    const team = await newTeam(owner, workspace, editor);

    const switched = await switchTo(editor, { workspace: workspace.slug, team }).expect(200);
    expect(switched.body).toEqual({ activeWorkspace: workspace, activeTeamId: team });
    expect(await me(editor)).toMatchObject({ activeWorkspace: workspace, activeTeamId: team });
    const [row] = await sut.dataSource.query(
      `SELECT active_workspace_id, active_team_id FROM identity_sessions WHERE user_id = $1`,
      [editor.userId],
    );
    expect(row).toEqual({ active_workspace_id: workspace.id, active_team_id: team });

    // Switching without a team leaves no team behind.
    await switchTo(editor, { workspace: workspace.slug }).expect(200);
    expect((await me(editor)).activeTeamId).toBeNull();
    await switchTo(editor, { workspace: workspace.slug, team }).expect(200);
    const cleared = await switchTo(editor, { workspace: null }).expect(200);
    expect(cleared.body).toEqual({ activeWorkspace: null, activeTeamId: null });
    expect(await me(editor)).toMatchObject({ activeWorkspace: null, activeTeamId: null });
  });

  it('refuses a team of another workspace, a team the user is not in and an unknown team: 404, nothing stored', async () => {
    const owner = await signUp();
    const editor = await signUp();
    const workspace = await newWorkspace(owner);
    const other = await newWorkspace(owner);
    await join(workspace, editor);
    await join(other, editor);
    const otherTeam = await newTeam(owner, other, editor);
    const notMine = await newTeam(owner, workspace, owner);
    await switchTo(editor, { workspace: workspace.slug }).expect(200);

    for (const team of [otherTeam, notMine, UNKNOWN_ID]) {
      const response = await switchTo(editor, { workspace: workspace.slug, team });
      expectProblem(response, 404, 'identity.team-not-found');
      expect(response.body).toMatchObject({ team });
    }
    expect(await me(editor)).toMatchObject({ activeWorkspace: workspace, activeTeamId: null });
  });

  it('answers 404 core.workspace-not-found for a workspace the user may not enter', async () => {
    const stranger = await signUp();
    const owner = await signUp();
    const theirs = await newWorkspace(owner);
    const closed = await newWorkspace(stranger);
    await sut.http.delete(`/api/v1/workspaces/${closed.slug}`).set(bearer(stranger.token)).expect(204);
    for (const workspace of [theirs.slug, theirs.id, closed.slug, 'no-such-workspace', UNKNOWN_ID]) {
      expectProblem(await switchTo(stranger, { workspace }), 404, 'core.workspace-not-found');
    }
    expect(await me(stranger)).toMatchObject({ activeWorkspace: null, activeTeamId: null });
  });

  it('shows null once the user is removed (and no team once out of it); switching back in is a 404', async () => {
    const owner = await signUp();
    const editor = await signUp();
    const workspace = await newWorkspace(owner);
    await join(workspace, editor);
    const team = await newTeam(owner, workspace, editor);
    await switchTo(editor, { workspace: workspace.slug, team }).expect(200);

    await sut.http
      .delete(`/api/v1/workspaces/${workspace.slug}/teams/${team}/members/${editor.userId}`)
      .set(bearer(owner.token))
      .expect(204);
    expect(await me(editor)).toMatchObject({ activeWorkspace: workspace, activeTeamId: null });

    await sut.http
      .delete(`/api/v1/workspaces/${workspace.slug}/members/${editor.userId}`)
      .set(bearer(owner.token))
      .expect(204);
    expect(await me(editor)).toMatchObject({ activeWorkspace: null, activeTeamId: null });
    expectProblem(await switchTo(editor, { workspace: workspace.slug }), 404, 'core.workspace-not-found');
  });

  it('changes only the session that switched: other devices keep their own', async () => {
    const owner = await signUp();
    const laptop = owner;
    const phone = await signInAgain(owner);
    const first = await newWorkspace(owner);
    const second = await newWorkspace(owner);

    await switchTo(laptop, { workspace: first.slug }).expect(200);
    expect((await me(phone)).activeWorkspace).toBeNull();
    await switchTo(phone, { workspace: second.slug }).expect(200);
    expect((await me(laptop)).activeWorkspace).toEqual(first);
    expect((await me(phone)).activeWorkspace).toEqual(second);
    await switchTo(phone, { workspace: null }).expect(200);
    expect((await me(laptop)).activeWorkspace).toEqual(first);
  });

  it('is for sessions only: an API key gets 401 identity.session-required', async () => {
    const owner = await signUp();
    const workspace = await newWorkspace(owner);
    const key = await sut.http
      .post(`/api/v1/workspaces/${workspace.slug}/api-keys`)
      .set(bearer(owner.token))
      .send({ name: 'CI', kind: 'management', scopes: ['read:Workspace'] })
      .expect(201);
    const asKey = { ...owner, token: key.body.secret as string };
    expectProblem(await switchTo(asKey, { workspace: workspace.slug }), 401, 'identity.session-required');
    expectProblem(await sut.http.get('/api/v1/me').set(bearer(asKey.token)), 401, 'identity.session-required');
    expectProblem(
      await sut.http.put('/api/v1/me/active-workspace').send({ workspace: workspace.slug }),
      401,
      'core.unauthenticated',
    );
    const rows = await sut.dataSource.query(
      `SELECT 1 FROM identity_sessions WHERE user_id = $1 AND active_workspace_id IS NOT NULL`,
      [owner.userId],
    );
    expect(rows).toEqual([]);
  });

  it.each([
    ['no workspace member', {}, 'workspace'],
    ['a workspace that is not a string', { workspace: 42 }, 'workspace'],
    ['an empty workspace', { workspace: '' }, 'workspace'],
    ['a team that is not a UUID', { workspace: 'acme', team: 'designers' }, 'team'],
    ['a team without a workspace', { workspace: null, team: UNKNOWN_ID }, 'team'],
    ['an unknown member', { workspace: null, teamId: UNKNOWN_ID }, 'teamId'],
  ])('refuses %s with 400 naming the field', async (_, body, field) => {
    const owner = await signUp();
    const workspace = await newWorkspace(owner);
    await switchTo(owner, { workspace: workspace.slug }).expect(200);
    const response = await switchTo(owner, body);
    expect(response.status).toBe(400);
    expectValidationProblem(response, [field]);
    expect((await me(owner)).activeWorkspace).toEqual(workspace);
  });
});
