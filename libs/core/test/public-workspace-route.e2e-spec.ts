import { Controller, Get, Module } from '@nestjs/common';
import {
  Ctx,
  definePermissions,
  definePlugin,
  InjectPluginOptions,
  PublicWorkspaceRoute,
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
import { createTestApp, FixtureTenancy, fixtureToken, type TestApp } from '@quire/testing';

/**
 * `@PublicWorkspaceRoute()`: anyone may call it, the workspace resolves through `resolvePublic`, and the ability
 * is a key's scopes (bound to this workspace only), a member's rules, or nothing.
 */

interface Options {
  tenancy: FixtureTenancy;
  keys: Map<string, Actor>;
  /** Whether the resolver offers `resolvePublic`. */
  publicLookup: boolean;
}

const PLUGIN = 'test-public-workspace';

@QuireAuthenticator(5)
class KeyAuthenticator implements Authenticator {
  constructor(@InjectPluginOptions(PLUGIN) private readonly options: Options) {}

  async authenticate(request: AuthenticationRequest): Promise<Actor | null> {
    const header = String(request.headers.authorization ?? '');
    const key = /^Bearer test-key:(\S+)$/.exec(header);
    if (key) return this.options.keys.get(key[1]) ?? null;
    const user = /^Bearer fixture-user:([\w-]+)$/.exec(header);
    return user ? { type: 'user', id: user[1] } : null;
  }
}

@QuireWorkspaceResolver()
class Resolver implements WorkspaceResolver {
  readonly resolvePublic?: (reference: string) => Promise<WorkspaceRef | null>;

  constructor(@InjectPluginOptions(PLUGIN) private readonly options: Options) {
    if (options.publicLookup) {
      this.resolvePublic = async (reference) => {
        const found = options.tenancy.find(reference);
        return found && found.slug !== 'closed' ? { id: found.id, slug: found.slug } : null;
      };
    }
  }

  async resolve(reference: string, actor: Actor): Promise<WorkspaceRef | null> {
    return this.options.tenancy.resolve(reference, actor);
  }

  async rulesFor(actor: Actor, workspace: WorkspaceRef): Promise<PermissionRule[]> {
    return this.options.tenancy.rulesFor(actor, workspace);
  }
}

@Controller('open/:workspace')
class OpenController {
  @Get()
  @PublicWorkspaceRoute()
  read(@Ctx() ctx: RequestContext): { workspaceId: string; actor: string; canRead: boolean } {
    return { workspaceId: ctx.workspaceId, actor: ctx.actor.type, canRead: ctx.ability.can('read', 'Doc') };
  }
}

@Controller('closed/:workspace')
class MembersOnlyController {
  @Get()
  read(@Ctx() ctx: RequestContext): { workspaceId: string } {
    return { workspaceId: ctx.workspaceId };
  }
}

@Module({ controllers: [OpenController, MembersOnlyController], providers: [KeyAuthenticator, Resolver] })
class TestModule {}

function testPlugin(options: Options) {
  return definePlugin<Options>({
    name: PLUGIN,
    version: '1.0.0',
    description: 'Test: a public workspace route',
    options: { schema: { type: 'object' }, defaults: options },
    module: TestModule,
    permissions: definePermissions({ subjects: ['Doc'], actions: ['read'] }),
  });
}

const asKey = (name: string) => ({ Authorization: `Bearer test-key:${name}` });

describe('@PublicWorkspaceRoute() in the kernel guard', () => {
  describe('with a resolver that offers resolvePublic', () => {
    const tenancy = new FixtureTenancy();
    const keys = new Map<string, Actor>();
    const acme = tenancy.addWorkspace('acme');
    const globex = tenancy.addWorkspace('globex');
    tenancy.addWorkspace('closed');
    const member = uuidv7();
    const reader = uuidv7();
    let sut: TestApp;

    beforeAll(async () => {
      tenancy.grant(acme, member, []);
      tenancy.grant(acme, reader, [{ action: 'read', subject: 'Doc' }]);
      keys.set('acme-reader', { type: 'api-key', id: uuidv7(), scopes: ['read:Doc'], workspaceId: acme.id });
      keys.set('acme-nothing', { type: 'api-key', id: uuidv7(), scopes: ['read:Other'], workspaceId: acme.id });
      keys.set('globex-reader', { type: 'api-key', id: uuidv7(), scopes: ['read:Doc'], workspaceId: globex.id });
      sut = await createTestApp({ plugins: [testPlugin({ tenancy, keys, publicLookup: true })] });
    });
    afterAll(() => sut?.close());

    it('opens the workspace to anonymous callers, by slug or id, with no rules', async () => {
      const bySlug = await sut.http.get('/api/v1/open/acme').expect(200);
      expect(bySlug.body).toEqual({ workspaceId: acme.id, actor: 'anonymous', canRead: false });
      await sut.http.get(`/api/v1/open/${acme.id}`).expect(200);
    });

    it('gives a key bound to the workspace its scopes, and nothing more', async () => {
      const res = await sut.http.get('/api/v1/open/acme').set(asKey('acme-reader')).expect(200);
      expect(res.body).toEqual({ workspaceId: acme.id, actor: 'api-key', canRead: true });
      const none = await sut.http.get('/api/v1/open/acme').set(asKey('acme-nothing')).expect(200);
      expect(none.body.canRead).toBe(false);
    });

    it("answers a key of another workspace with the unknown workspace's 404", async () => {
      const other = await sut.http.get('/api/v1/open/acme').set(asKey('globex-reader')).expect(404);
      const unknown = await sut.http.get('/api/v1/open/nowhere').expect(404);
      expect(other.body.type).toBe('urn:quire:problem:core.workspace-not-found');
      expect(unknown.body.type).toBe(other.body.type);
    });

    it('gives members their rules and non-members none', async () => {
      const asReader = await sut.http.get('/api/v1/open/acme').set('Authorization', fixtureToken(reader)).expect(200);
      expect(asReader.body).toEqual({ workspaceId: acme.id, actor: 'user', canRead: true });
      const asMember = await sut.http.get('/api/v1/open/acme').set('Authorization', fixtureToken(member)).expect(200);
      expect(asMember.body.canRead).toBe(false);
      const stranger = await sut.http.get('/api/v1/open/globex').set('Authorization', fixtureToken(reader)).expect(200);
      expect(stranger.body).toEqual({ workspaceId: globex.id, actor: 'user', canRead: false });
    });

    it('keeps inactive workspaces closed, and other workspace routes members-only', async () => {
      await sut.http.get('/api/v1/open/closed').expect(404);
      await sut.http.get('/api/v1/closed/acme').expect(401);
      await sut.http.get('/api/v1/closed/globex').set('Authorization', fixtureToken(reader)).expect(404);
    });
  });

  describe('with a resolver without resolvePublic', () => {
    const tenancy = new FixtureTenancy();
    const acme = tenancy.addWorkspace('acme');
    const reader = uuidv7();
    let sut: TestApp;

    beforeAll(async () => {
      tenancy.grant(acme, reader, [{ action: 'read', subject: 'Doc' }]);
      sut = await createTestApp({ plugins: [testPlugin({ tenancy, keys: new Map(), publicLookup: false })] });
    });
    afterAll(() => sut?.close());

    it('answers 404 to anyone who may not enter the workspace, and still admits members', async () => {
      await sut.http.get('/api/v1/open/acme').expect(404);
      const res = await sut.http.get('/api/v1/open/acme').set('Authorization', fixtureToken(reader)).expect(200);
      expect(res.body.canRead).toBe(true);
    });
  });
});
