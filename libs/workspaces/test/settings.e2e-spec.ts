import { Controller, Get, Module } from '@nestjs/common';
import { Ctx, definePlugin, RequestContext } from '@quire/core';
import { IdentityPlugin } from '@quire/identity';
import { WorkspaceSettings, WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, expectValidationProblem, type TestApp } from '@quire/testing';
import { WorkspacesResolver } from '../src/workspaces/workspaces.resolver';

// --- a plugin with workspace settings, written as a customer would ------------------------------------------

interface LimitsSettings {
  maxItems: number;
  mode: 'draft' | 'live';
  labels: { singular: string; plural: string };
}

const LIMITS_DEFAULTS: LimitsSettings = { maxItems: 10, mode: 'draft', labels: { singular: 'item', plural: 'items' } };
const LIMITS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxItems: { type: 'integer', minimum: 1, maximum: 100 },
    mode: { enum: ['draft', 'live'] },
    labels: {
      type: 'object',
      additionalProperties: false,
      properties: { singular: { type: 'string', minLength: 1 }, plural: { type: 'string', minLength: 1 } },
    },
  },
};

/** How the plugin reads its settings while serving a request of a workspace. */
@Controller('workspaces/:workspace/limits')
class LimitsController {
  constructor(private readonly settings: WorkspaceSettings) {}

  @Get()
  effective(@Ctx() ctx: RequestContext): Promise<LimitsSettings> {
    return this.settings.of<LimitsSettings>(ctx, 'acme-limits');
  }
}

@Module({ controllers: [LimitsController] })
class LimitsModule {}

const LimitsPlugin = definePlugin({
  name: 'acme-limits',
  version: '1.0.0',
  requires: { workspaces: '^0.1.0' },
  module: LimitsModule,
  settings: { schema: LIMITS_SCHEMA, defaults: { ...LIMITS_DEFAULTS } },
  admin: { settingsForm: 'from-schema' },
});

// --- helpers ------------------------------------------------------------------------------------------------

const PASSWORD = 'correct horse battery staple 42';
let counter = 0;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

interface Account {
  userId: string;
  token: string;
}

describe('Workspace settings per plugin', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, LimitsPlugin] });
  });
  afterAll(async () => {
    await sut?.close();
  });

  async function signUp(): Promise<Account> {
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .set('X-Forwarded-For', `203.0.113.${(counter % 250) + 1}`)
      .send({
        email: `settings-${Date.now().toString(36)}-${counter++}@example.com`,
        password: PASSWORD,
        displayName: 'S',
      })
      .expect(201);
    return { userId: response.body.user.id, token: response.body.accessToken };
  }

  async function newWorkspace(owner: Account): Promise<{ id: string; slug: string }> {
    const slug = `settings-${Date.now().toString(36)}-${counter++}`;
    const response = await sut.http
      .post('/api/v1/workspaces')
      .set(bearer(owner.token))
      .send({ name: 'Settings', slug })
      .expect(201);
    return { id: response.body.id, slug };
  }

  async function member(workspace: { id: string }, role: string): Promise<Account> {
    const account = await signUp();
    await sut.app.get(WorkspacesResolver).ensureMember(workspace.id, account.userId, 'viewer');
    await sut.dataSource.query(`UPDATE workspace_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2`, [
      workspace.id,
      account.userId,
      role,
    ]);
    return account;
  }

  const settingsUrl = (workspace: string, plugin = '') =>
    `/api/v1/workspaces/${workspace}/settings${plugin ? `/${plugin}` : ''}`;
  const put = (as: Account, workspace: string, body: unknown, plugin = 'acme-limits') =>
    sut.http
      .put(settingsUrl(workspace, plugin))
      .set(bearer(as.token))
      .send(body as object);

  const changeEvents = (workspaceId: string) =>
    sut.dataSource.query(
      `SELECT payload FROM quire_outbox WHERE workspace_id = $1 AND event_name = 'workspaces.settings.changed' ORDER BY id`,
      [workspaceId],
    );

  it('lists every plugin with settings: defaults, nothing set, the schema for the form', async () => {
    const owner = await signUp();
    const workspace = await newWorkspace(owner);
    const viewer = await member(workspace, 'viewer');

    const list = await sut.http.get(settingsUrl(workspace.slug)).set(bearer(viewer.token)).expect(200);
    // identity and workspaces declare no settings.
    expect(list.body).toEqual([
      {
        plugin: 'acme-limits',
        values: LIMITS_DEFAULTS,
        overrides: {},
        defaults: LIMITS_DEFAULTS,
        schema: LIMITS_SCHEMA,
        ignored: [],
      },
    ]);
    const one = await sut.http.get(settingsUrl(workspace.id, 'acme-limits')).set(bearer(viewer.token)).expect(200);
    expect(one.body).toEqual(list.body[0]);
    expect((await sut.http.get(`/api/v1/workspaces/${workspace.slug}/limits`).set(bearer(viewer.token))).body).toEqual(
      LIMITS_DEFAULTS,
    );
  });

  it('replaces what the workspace set; the rest keeps its default, nested members included', async () => {
    const owner = await signUp();
    const workspace = await newWorkspace(owner);
    const admin = await member(workspace, 'admin');

    const first = await put(admin, workspace.slug, { maxItems: 50, labels: { singular: 'entry' } }).expect(200);
    const expected = { maxItems: 50, mode: 'draft', labels: { singular: 'entry', plural: 'items' } };
    expect(first.body).toMatchObject({
      plugin: 'acme-limits',
      values: expected,
      overrides: { maxItems: 50, labels: { singular: 'entry' } },
      ignored: [],
    });
    expect((await sut.http.get(`/api/v1/workspaces/${workspace.slug}/limits`).set(bearer(owner.token))).body).toEqual(
      expected,
    );
    const [row] = await sut.dataSource.query(`SELECT settings FROM workspaces WHERE id = $1`, [workspace.id]);
    expect(row.settings).toEqual({ 'acme-limits': { maxItems: 50, labels: { singular: 'entry' } } });

    // PUT replaces: maxItems, left out, returns to its default.
    const second = await put(owner, workspace.id, { mode: 'live' }).expect(200);
    expect(second.body.values).toEqual({ ...LIMITS_DEFAULTS, mode: 'live' });
    expect(second.body.overrides).toEqual({ mode: 'live' });

    // The same values again change nothing: no event.
    await put(owner, workspace.slug, { mode: 'live' }).expect(200);
    expect(await changeEvents(workspace.id)).toEqual([
      {
        payload: {
          plugin: 'acme-limits',
          changed: ['maxItems', 'labels'],
          changes: {
            maxItems: { before: 10, after: 50 },
            labels: { before: LIMITS_DEFAULTS.labels, after: { singular: 'entry', plural: 'items' } },
          },
        },
      },
      {
        payload: {
          plugin: 'acme-limits',
          changed: ['maxItems', 'mode', 'labels'],
          changes: {
            maxItems: { before: 50, after: 10 },
            mode: { before: 'draft', after: 'live' },
            labels: { before: { singular: 'entry', plural: 'items' }, after: LIMITS_DEFAULTS.labels },
          },
        },
      },
    ]);
  });

  it.each([
    ['a wrong type', { maxItems: 'ten' }, 'maxItems', 'maxItems must be integer'],
    ['a value below the range', { maxItems: 0 }, 'maxItems', 'maxItems must be >= 1'],
    ['a value above the range', { maxItems: 101 }, 'maxItems', 'maxItems must be <= 100'],
    ['a value outside the enum', { mode: 'off' }, 'mode', 'mode must be one of "draft", "live"'],
    ['an unknown setting', { maxItem: 5 }, 'maxItem', 'maxItem is not declared in the schema'],
    [
      'a nested value',
      { labels: { singular: '' } },
      'labels.singular',
      'labels.singular must NOT have fewer than 1 characters',
    ],
    ['an array instead of an object', [{ maxItems: 5 }], '', 'settings must be a JSON object of setting values'],
  ])('refuses %s with 400 naming the setting and the rule; nothing is stored', async (_, body, path, message) => {
    const owner = await signUp();
    const workspace = await newWorkspace(owner);
    const response = await put(owner, workspace.slug, body).expect(400);
    expectValidationProblem(response, [path]);
    expect(response.body.errors).toContainEqual({ path, message });
    const [row] = await sut.dataSource.query(`SELECT settings FROM workspaces WHERE id = $1`, [workspace.id]);
    expect(row.settings).toEqual({});
    expect(await changeEvents(workspace.id)).toEqual([]);
  });

  it('lists every failing setting at once, and refuses a request without a body', async () => {
    const owner = await signUp();
    const workspace = await newWorkspace(owner);
    const response = await put(owner, workspace.slug, { maxItems: 1000, mode: 'off', extra: true }).expect(400);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'maxItems', 'mode']);
    const empty = await sut.http.put(settingsUrl(workspace.slug, 'acme-limits')).set(bearer(owner.token)).expect(400);
    expectValidationProblem(empty, ['']);
  });

  it('lets owners and admins write; every other role reads only', async () => {
    const owner = await signUp();
    const workspace = await newWorkspace(owner);
    for (const role of ['editor', 'author', 'reviewer', 'viewer', 'auditor']) {
      const someone = await member(workspace, role);
      const refused = await put(someone, workspace.slug, { maxItems: 99 }).expect(403);
      expect(refused.body).toMatchObject({
        type: 'urn:quire:problem:core.forbidden',
        action: 'update',
        subject: 'Workspace',
      });
      await sut.http.get(settingsUrl(workspace.slug, 'acme-limits')).set(bearer(someone.token)).expect(200);
    }
    const [row] = await sut.dataSource.query(`SELECT settings FROM workspaces WHERE id = $1`, [workspace.id]);
    expect(row.settings).toEqual({});
  });

  it('answers 404 for a plugin that is not loaded or declares no settings', async () => {
    const owner = await signUp();
    const workspace = await newWorkspace(owner);
    for (const [plugin, detail] of [
      ['acme-nothing', 'No plugin "acme-nothing" is loaded in this installation.'],
      ['identity', 'The plugin "identity" declares no workspace settings.'],
    ]) {
      for (const request of [
        sut.http.get(settingsUrl(workspace.slug, plugin)).set(bearer(owner.token)),
        put(owner, workspace.slug, { maxItems: 5 }, plugin),
      ]) {
        const response = await request.expect(404);
        expect(response.body).toMatchObject({
          type: 'urn:quire:problem:workspaces.settings-not-found',
          detail,
          plugin,
        });
      }
    }
  });

  it("keeps each workspace's settings apart: another workspace's are unreachable and untouched", async () => {
    const alice = await signUp();
    const bob = await signUp();
    const mine = await newWorkspace(alice);
    const theirs = await newWorkspace(bob);
    await put(bob, theirs.slug, { maxItems: 77 }).expect(200);

    for (const reference of [theirs.slug, theirs.id]) {
      for (const response of [
        await sut.http.get(settingsUrl(reference)).set(bearer(alice.token)),
        await sut.http.get(settingsUrl(reference, 'acme-limits')).set(bearer(alice.token)),
        await put(alice, reference, { maxItems: 1 }),
        await sut.http.get(`/api/v1/workspaces/${reference}/limits`).set(bearer(alice.token)),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body.type).toBe('urn:quire:problem:core.workspace-not-found');
        expect(JSON.stringify(response.body)).not.toContain('maxItems');
      }
    }
    const own = await sut.http.get(settingsUrl(mine.slug, 'acme-limits')).set(bearer(alice.token)).expect(200);
    expect(own.body.values.maxItems).toBe(10);
    const theirsNow = await sut.http.get(settingsUrl(theirs.slug, 'acme-limits')).set(bearer(bob.token)).expect(200);
    expect(theirsNow.body.values.maxItems).toBe(77);
  });

  it('gives the service the merged settings of the context’s workspace, and ignores values a newer schema refuses', async () => {
    const owner = await signUp();
    const workspace = await newWorkspace(owner);
    const settings = sut.app.get(WorkspaceSettings);
    const ctx = RequestContext.system('settings-test').withWorkspace(workspace);
    await put(owner, workspace.slug, { mode: 'live', labels: { plural: 'entries' } }).expect(200);
    expect(await settings.of<LimitsSettings>(ctx, 'acme-limits')).toEqual({
      maxItems: 10,
      mode: 'live',
      labels: { singular: 'item', plural: 'entries' },
    });

    // Values stored under an older, looser schema: the broken setting gives way to its default, the rest holds.
    await sut.dataSource.query(
      `UPDATE workspaces SET settings = '{"acme-limits": {"maxItems": 500, "mode": "live"}}' WHERE id = $1`,
      [workspace.id],
    );
    expect(await settings.of<LimitsSettings>(ctx, 'acme-limits')).toEqual({ ...LIMITS_DEFAULTS, mode: 'live' });
    const shown = await sut.http.get(settingsUrl(workspace.slug, 'acme-limits')).set(bearer(owner.token)).expect(200);
    expect(shown.body).toMatchObject({
      values: { ...LIMITS_DEFAULTS, mode: 'live' },
      overrides: { maxItems: 500, mode: 'live' },
      ignored: [{ path: 'maxItems', message: 'maxItems must be <= 100' }],
    });

    await expect(settings.of(ctx, 'identity')).rejects.toThrow(/"identity" is not loaded or declares no settings/);
  });

  it('documents the routes with their problems in the OpenAPI document', async () => {
    const document = (await sut.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    };
    const list = document.paths['/api/v1/workspaces/{workspace}/settings'];
    const one = document.paths['/api/v1/workspaces/{workspace}/settings/{plugin}'];
    expect(Object.keys(list)).toEqual(['get']);
    expect(Object.keys(one).sort()).toEqual(['get', 'put']);
    expect(Object.keys(one.put.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    expect(one.put.requestBody).toBeDefined();
  });
});
