import { Controller, Get, Module, Post } from '@nestjs/common';
import {
  Can,
  Ctx,
  definePermissions,
  definePlugin,
  InjectPluginOptions,
  QuireAuthenticator,
  QuireWorkspaceResolver,
  uuidv7,
  type Actor,
  type AuthenticationRequest,
  type Authenticator,
  type PermissionRule,
  type RequestContext,
  type WorkspaceRef,
  type WorkspaceResolver,
} from '@quire/core';
import { createTestApp, FixtureTenancy, fixtureToken, fixtureTenancyPlugin, type TestApp } from '@quire/testing';

/**
 * The kernel's half of API keys: an `api-key` actor enters only the workspace it is bound to, and holds exactly
 * its scopes there, never member rules, whatever the workspace resolver answers.
 */

// --- test plugins -------------------------------------------------------------------------------------------

interface KeyTable {
  keys: Map<string, Actor>;
}

/** `Authorization: Bearer test-key:<name>` authenticates as the api-key actor registered under that name. */
@QuireAuthenticator(5)
class TestKeyAuthenticator implements Authenticator {
  constructor(@InjectPluginOptions('test-keys') private readonly table: KeyTable) {}

  async authenticate(request: AuthenticationRequest): Promise<Actor | null> {
    const match = /^Bearer test-key:(\S+)$/.exec(String(request.headers.authorization ?? ''));
    return (match && this.table.keys.get(match[1])) || null;
  }
}

@Controller('workspaces/:workspace/things')
class ThingsController {
  @Get()
  @Can('read', 'Thing')
  list(@Ctx() ctx: RequestContext): { workspaceId: string; actor: string } {
    return { workspaceId: ctx.workspaceId, actor: ctx.actor.type };
  }

  @Post()
  @Can('create', 'Thing')
  create(@Ctx() ctx: RequestContext): { workspaceId: string } {
    return { workspaceId: ctx.workspaceId };
  }
}

@Module({ controllers: [ThingsController], providers: [TestKeyAuthenticator] })
class TestKeysModule {}

function testKeysPlugin(keys: Map<string, Actor>) {
  return definePlugin<KeyTable>({
    name: 'test-keys',
    version: '1.0.0',
    description: 'Test: api-key actors from a table, and /workspaces/:workspace/things',
    options: { schema: { type: 'object' }, defaults: { keys } },
    module: TestKeysModule,
    permissions: definePermissions({ subjects: ['Thing'], actions: ['read', 'create'] }),
  });
}

/** A resolver that lets anyone into any workspace with every permission: the kernel must not trust it for keys. */
@QuireWorkspaceResolver()
class LaxResolver implements WorkspaceResolver {
  constructor(@InjectPluginOptions('test-lax-tenancy') private readonly options: { tenancy: FixtureTenancy }) {}

  async resolve(reference: string): Promise<WorkspaceRef | null> {
    const found = this.options.tenancy.find(reference);
    return found ? { id: found.id, slug: found.slug } : null;
  }

  async rulesFor(): Promise<PermissionRule[]> {
    return [{ action: 'manage', subject: 'all' }];
  }
}

@Module({ providers: [LaxResolver] })
class LaxTenancyModule {}

function laxTenancyPlugin(tenancy: FixtureTenancy) {
  return definePlugin<{ tenancy: FixtureTenancy }>({
    name: 'test-lax-tenancy',
    version: '1.0.0',
    description: 'Test: resolves every workspace for everyone',
    options: { schema: { type: 'object' }, defaults: { tenancy } },
    module: LaxTenancyModule,
  });
}

function keyActor(workspace: WorkspaceRef | null, scopes: string[]): Actor {
  const actor: Actor = { type: 'api-key', id: uuidv7(), label: 'test key', scopes };
  if (workspace) actor.workspaceId = workspace.id;
  return actor;
}

const asKey = (name: string) => ({ Authorization: `Bearer test-key:${name}` });

// --- the suite ----------------------------------------------------------------------------------------------

describe('API key actors in the kernel guard', () => {
  describe('with the fixture workspace resolver', () => {
    const tenancy = new FixtureTenancy();
    const keys = new Map<string, Actor>();
    const acme = tenancy.addWorkspace('acme');
    const globex = tenancy.addWorkspace('globex');
    let sut: TestApp;

    beforeAll(async () => {
      keys.set('reader', keyActor(acme, ['read:Thing']));
      keys.set('unbound', keyActor(null, ['read:Thing']));
      sut = await createTestApp({ plugins: [fixtureTenancyPlugin(tenancy), testKeysPlugin(keys)] });
    });
    afterAll(() => sut?.close());

    it('admits a key to its own workspace by slug or id, with its scopes', async () => {
      const bySlug = await sut.http.get('/api/v1/workspaces/acme/things').set(asKey('reader')).expect(200);
      expect(bySlug.body).toEqual({ workspaceId: acme.id, actor: 'api-key' });
      await sut.http.get(`/api/v1/workspaces/${acme.id}/things`).set(asKey('reader')).expect(200);
    });

    it('answers 403 for an action the scopes do not name', async () => {
      const res = await sut.http.post('/api/v1/workspaces/acme/things').set(asKey('reader')).expect(403);
      expect(res.body).toMatchObject({ type: 'urn:quire:problem:core.forbidden', action: 'create', subject: 'Thing' });
    });

    it('answers another workspace, or a key bound to none, with the 404 of a non-member', async () => {
      const other = await sut.http.get('/api/v1/workspaces/globex/things').set(asKey('reader')).expect(404);
      const unknown = await sut.http.get('/api/v1/workspaces/nowhere/things').set(asKey('reader')).expect(404);
      expect(other.body.type).toBe('urn:quire:problem:core.workspace-not-found');
      expect(unknown.body).toEqual({
        ...other.body,
        detail: expect.any(String),
        instance: expect.any(String),
        requestId: expect.any(String),
      });
      await sut.http.get('/api/v1/workspaces/acme/things').set(asKey('unbound')).expect(404);
    });

    it('never gives a key the member rules held under its id', async () => {
      const key = keyActor(acme, ['read:Thing']);
      keys.set('member-lookalike', key);
      tenancy.grant(acme, key.id!, [{ action: 'manage', subject: 'all' }]);
      await sut.http.post('/api/v1/workspaces/acme/things').set(asKey('member-lookalike')).expect(403);
    });

    it('leaves members on member rules', async () => {
      const userId = uuidv7();
      tenancy.grant(globex, userId, [{ action: 'read', subject: 'Thing' }]);
      await sut.http.get('/api/v1/workspaces/globex/things').set('Authorization', fixtureToken(userId)).expect(200);
      await sut.http.post('/api/v1/workspaces/globex/things').set('Authorization', fixtureToken(userId)).expect(403);
    });
  });

  describe('with a resolver that admits everyone with every permission', () => {
    const tenancy = new FixtureTenancy();
    const keys = new Map<string, Actor>();
    const acme = tenancy.addWorkspace('acme');
    tenancy.addWorkspace('globex');
    let sut: TestApp;

    beforeAll(async () => {
      keys.set('reader', keyActor(acme, ['read:Thing']));
      sut = await createTestApp({ plugins: [laxTenancyPlugin(tenancy), testKeysPlugin(keys)] });
    });
    afterAll(() => sut?.close());

    it('still keeps the key in its workspace and within its scopes', async () => {
      await sut.http.get('/api/v1/workspaces/acme/things').set(asKey('reader')).expect(200);
      await sut.http.post('/api/v1/workspaces/acme/things').set(asKey('reader')).expect(403);
      const res = await sut.http.get('/api/v1/workspaces/globex/things').set(asKey('reader')).expect(404);
      expect(res.body.type).toBe('urn:quire:problem:core.workspace-not-found');
    });
  });
});
