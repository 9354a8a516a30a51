import { loadConfig } from '@quire/core';
import { IdentityPlugin, identityOptionsFromConfig } from '@quire/identity';
import { createTestApp, type TestApp } from '@quire/testing';
import { WorkspacesPlugin, WorkspacesResolver } from '@quire/workspaces';

const PASSWORD = 'correct horse battery staple 42';
let counter = 0;

/** GET /workspaces/{workspace}/my-ability: the member's own CASL rules, for clients that hide what they may not do. */
describe('my ability in a workspace', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({
      plugins: [IdentityPlugin.with(identityOptionsFromConfig(loadConfig({}))), WorkspacesPlugin],
    });
  });
  afterAll(() => sut?.close());

  async function signUp(): Promise<{ userId: string; token: string }> {
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .send({
        email: `ability-${Date.now().toString(36)}-${counter++}@example.com`,
        password: PASSWORD,
        displayName: 'A',
      })
      .expect(201);
    return { userId: response.body.user.id, token: response.body.accessToken };
  }

  async function workspaceOf(owner: { token: string }): Promise<{ id: string; slug: string }> {
    const slug = `ability-${Date.now().toString(36)}-${counter++}`;
    const response = await sut.http
      .post('/api/v1/workspaces')
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ name: 'Ability', slug })
      .expect(201);
    return { id: response.body.id, slug };
  }

  type Rule = { action: string | string[]; subject: string | string[]; inverted?: boolean };
  const allows = (rules: Rule[], action: string, subject: string) =>
    rules.some(
      (rule) =>
        !rule.inverted &&
        [rule.action].flat().some((a) => a === action || a === 'manage') &&
        [rule.subject].flat().some((s) => s === subject || s === 'all'),
    );

  it('answers the rules of the member’s role: an owner may update the workspace, an editor may not', async () => {
    const owner = await signUp();
    const workspace = await workspaceOf(owner);
    const editor = await signUp();
    await sut.app.get(WorkspacesResolver).ensureMember(workspace.id, editor.userId, 'viewer');
    await sut.dataSource.query(
      `UPDATE workspace_members SET role = 'editor' WHERE workspace_id = $1 AND user_id = $2`,
      [workspace.id, editor.userId],
    );

    const ownerRules = await sut.http
      .get(`/api/v1/workspaces/${workspace.slug}/my-ability`)
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(200);
    const editorRules = await sut.http
      .get(`/api/v1/workspaces/${workspace.slug}/my-ability`)
      .set('Authorization', `Bearer ${editor.token}`)
      .expect(200);

    expect(allows(ownerRules.body.rules, 'update', 'Workspace')).toBe(true);
    expect(allows(editorRules.body.rules, 'read', 'Workspace')).toBe(true);
    expect(allows(editorRules.body.rules, 'update', 'Workspace')).toBe(false);
    // Placeholders are filled in: no rule still says {{actor.id}}.
    expect(JSON.stringify(editorRules.body.rules)).not.toContain('{{');
  });

  it('is 404 for a workspace the caller is not in, and 401 without a session', async () => {
    const owner = await signUp();
    const workspace = await workspaceOf(owner);
    const stranger = await signUp();
    const notMember = await sut.http
      .get(`/api/v1/workspaces/${workspace.slug}/my-ability`)
      .set('Authorization', `Bearer ${stranger.token}`);
    expect(notMember.status).toBe(404);
    await sut.http.get(`/api/v1/workspaces/${workspace.slug}/my-ability`).expect(401);
  });
});
