import { Controller, Get, Module, Post } from '@nestjs/common';
import {
  Can,
  Ctx,
  definePermissions,
  definePlugin,
  RequestContext,
  uuidv7,
  type PermissionRule,
  type WorkspaceRef,
} from '@quire/core';
import { IdentityPlugin } from '@quire/identity';
import {
  createTestApp,
  createTestDatabase,
  FixtureTenancy,
  fixtureTenancyPlugin,
  fixtureToken,
  type TestApp,
  type TestDatabase,
} from '@quire/testing';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import '../src/accounts/account.events';
import { ActiveApiKeyCache } from '../src/api-keys/active-api-key-cache';
import { ApiKeyUsageRecorder } from '../src/api-keys/api-key-usage.recorder';
import { ApiKeyService } from '../src/api-keys/api-key.service';
import { RevocationListener } from '../src/revocation/revocation.listener';
import { SessionService } from '../src/sessions/session.service';

// --- a test plugin with a workspace route that needs a scope ------------------------------------------------

@Controller('workspaces/:workspace/things')
class ThingsController {
  @Get()
  @Can('read', 'Thing')
  list(@Ctx() ctx: RequestContext): { workspaceId: string; actor: { type: string; id: string | null } } {
    return { workspaceId: ctx.workspaceId, actor: { type: ctx.actor.type, id: ctx.actor.id } };
  }

  @Post()
  @Can('create', 'Thing')
  create(@Ctx() ctx: RequestContext): { created: boolean; workspaceId: string } {
    return { created: true, workspaceId: ctx.workspaceId };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

const ThingsPlugin = definePlugin({
  name: 'test-things',
  version: '1.0.0',
  description: 'Test: /workspaces/:workspace/things, readable and creatable',
  module: ThingsModule,
  permissions: definePermissions({ subjects: ['Thing'], actions: ['read', 'create', 'update'] }),
});

// --- builders -----------------------------------------------------------------------------------------------

const EVERYTHING: PermissionRule[] = [{ action: 'manage', subject: 'all' }];
const SECRET_SHAPE = /^qk_[a-z2-9]{8}_[A-Za-z0-9_-]{43}$/;

const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });
const asUser = (userId: string) => ({ Authorization: fixtureToken(userId) });
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

async function insertUser(db: DataSource, overrides: { platformAdmin?: boolean } = {}): Promise<string> {
  const id = uuidv7();
  await db.query(
    `INSERT INTO identity_users (id, email, display_name, platform_admin) VALUES ($1, $2, 'Key Tester', $3)`,
    [id, `keys-${id}@example.com`, overrides.platformAdmin ?? false],
  );
  return id;
}

interface KeyRequest {
  name?: string;
  kind?: 'delivery' | 'management';
  scopes?: string[];
  expiresAt?: string;
  rateLimitPerMinute?: number;
}

/** Polls until `check` holds; fails after `timeoutMs` (generous: only a broken path gets near it). */
async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// --- the suite ----------------------------------------------------------------------------------------------

describe('API keys', () => {
  const tenancy = new FixtureTenancy();
  const acme = tenancy.addWorkspace('acme');
  const globex = tenancy.addWorkspace('globex');
  // Usage is flushed by the tests, never by the timer, so counts before a flush are deterministic.
  const plugins = [IdentityPlugin.with({ apiKeyUsageFlushSeconds: 3600 }), fixtureTenancyPlugin(tenancy), ThingsPlugin];
  let database: TestDatabase;
  let sut: TestApp;
  let other: TestApp;
  let owner: string;

  const keysUrl = (workspace: WorkspaceRef | string = acme) =>
    `/api/v1/workspaces/${typeof workspace === 'string' ? workspace : workspace.slug}/api-keys`;
  const things = (app: TestApp, headers: Record<string, string>, workspace = 'acme') =>
    app.http.get(`/api/v1/workspaces/${workspace}/things`).set(headers);

  function createKey(body: KeyRequest, as = owner, workspace: WorkspaceRef = acme) {
    return sut.http
      .post(keysUrl(workspace))
      .set(asUser(as))
      .send({ name: 'CI', kind: 'management', scopes: ['read:Thing'], ...body });
  }

  async function newKey(body: KeyRequest = {}, as = owner, workspace: WorkspaceRef = acme) {
    const response = await createKey(body, as, workspace).expect(201);
    return response.body as { id: string; secret: string; prefix: string } & Record<string, unknown>;
  }

  async function member(rules: PermissionRule[], workspace: WorkspaceRef = acme): Promise<string> {
    const id = await insertUser(sut.dataSource);
    tenancy.grant(workspace, id, rules);
    return id;
  }

  const keyCount = async (): Promise<number> =>
    (await sut.dataSource.query(`SELECT count(*)::int AS n FROM identity_api_keys`))[0].n;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = await createTestApp({ plugins, database });
    other = await createTestApp({ plugins, database });
    owner = await member(EVERYTHING);
    tenancy.grant(globex, owner, EVERYTHING);
  });
  afterAll(async () => {
    await other?.close();
    await sut?.close();
    await database?.drop();
  });

  describe('POST /workspaces/:workspace/api-keys', () => {
    it('creates a key, shows its secret once, stores only its hash, and the key works on its workspace', async () => {
      const response = await createKey({ name: '  Website build ', scopes: ['read:Thing'] }).expect(201);
      const created = response.body;
      expect(created).toEqual({
        id: expect.any(String),
        name: 'Website build',
        prefix: expect.stringMatching(/^qk_[a-z2-9]{8}$/),
        kind: 'management',
        scopes: ['read:Thing'],
        status: 'active',
        expiresAt: null,
        rateLimitPerMinute: null,
        createdBy: owner,
        createdAt: expect.any(String),
        lastUsedAt: null,
        requestCount: 0,
        revokedAt: null,
        secret: expect.stringMatching(SECRET_SHAPE),
      });
      expect(created.secret.startsWith(`${created.prefix}_`)).toBe(true);

      const [row] = await sut.dataSource.query(`SELECT * FROM identity_api_keys WHERE id = $1`, [created.id]);
      expect(row).toMatchObject({ workspace_id: acme.id, secret_hash: sha256(created.secret), created_by: owner });
      expect(JSON.stringify(row)).not.toContain(created.secret.slice(12));

      const used = await things(sut, bearer(created.secret)).expect(200);
      expect(used.body).toEqual({ workspaceId: acme.id, actor: { type: 'api-key', id: created.id } });
      await things(sut, { 'X-Api-Key': created.secret }).expect(200);
      await things(sut, bearer(created.secret), acme.id).expect(200);
    });

    it('publishes identity.api-key.created without the secret or its hash', async () => {
      const created = await newKey({ scopes: ['read:Thing', 'create:Thing'], rateLimitPerMinute: 100 });
      const [event] = await sut.dataSource.query(
        `SELECT workspace_id, payload, actor FROM quire_outbox
          WHERE event_name = 'identity.api-key.created' AND payload->>'apiKeyId' = $1`,
        [created.id],
      );
      expect(event.workspace_id).toBe(acme.id);
      expect(event.payload).toEqual({
        apiKeyId: created.id,
        name: 'CI',
        prefix: created.prefix,
        kind: 'management',
        scopes: ['read:Thing', 'create:Thing'],
        expiresAt: null,
        rateLimitPerMinute: 100,
      });
      expect(event.actor).toMatchObject({ type: 'user', id: owner });
      const text = JSON.stringify(event);
      expect(text).not.toContain(created.secret.slice(12));
      expect(text).not.toContain(sha256(created.secret));
    });

    it('refuses a delivery key with anything but read scopes, naming the scope, and stores nothing', async () => {
      const before = await keyCount();
      const response = await createKey({ kind: 'delivery', scopes: ['read:Thing', 'create:Thing'] }).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.type).toBe('urn:quire:problem:core.validation-failed');
      expect(response.body.errors).toEqual([
        {
          path: 'scopes[1]',
          message: 'a delivery key holds read scopes only; "create:Thing" needs a management key',
        },
      ]);
      await createKey({ kind: 'delivery', scopes: ['manage:Thing'] }).expect(400);
      expect(await keyCount()).toBe(before);
      const delivery = await newKey({ kind: 'delivery', scopes: ['read:Thing'] });
      expect(delivery.kind).toBe('delivery');
    });

    it('refuses unknown subjects and actions, malformed and repeated scopes, each at scopes[i]', async () => {
      const response = await createKey({
        scopes: ['read:Thing', 'read:Widget', 'fly:Thing', 'Thing', 'manage:all', 'read:Thing', 'publish:ApiKey'],
      }).expect(400);
      expect(response.body.errors).toEqual([
        { path: 'scopes[1]', message: 'no loaded plugin declares the subject "Widget"' },
        { path: 'scopes[2]', message: 'no loaded plugin declares the action "fly"' },
        { path: 'scopes[3]', message: '"Thing" is not a scope; write action:Subject, e.g. read:Entry' },
        { path: 'scopes[4]', message: '"manage:all" is not a scope; write action:Subject, e.g. read:Entry' },
        { path: 'scopes[5]', message: '"read:Thing" is listed twice' },
        { path: 'scopes[6]', message: 'no loaded plugin declares the action "publish"' },
      ]);
    });

    it.each([
      ['an empty name', 'name', { name: '   ' }],
      ['a long name', 'name', { name: 'x'.repeat(101) }],
      ['an unknown kind', 'kind', { kind: 'admin' }],
      ['no scopes', 'scopes', { scopes: [] }],
      ['scopes that are not strings', 'scopes', { scopes: [42] }],
      ['a past expiry', 'expiresAt', { expiresAt: new Date(Date.now() - 60_000).toISOString() }],
      ['an expiry that is no date', 'expiresAt', { expiresAt: 'tomorrow' }],
      ['a zero rate limit', 'rateLimitPerMinute', { rateLimitPerMinute: 0 }],
      ['a fractional rate limit', 'rateLimitPerMinute', { rateLimitPerMinute: 1.5 }],
      ['an unknown member', 'secret', { secret: 'qk_mine' }],
    ])('refuses %s with 400 naming %s', async (_label, path, body) => {
      const before = await keyCount();
      const response = await createKey(body as KeyRequest).expect(400);
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await keyCount()).toBe(before);
    });

    it('refuses scopes the creator does not hold, or holds only on some things (escalation)', async () => {
      const keyManager = await member([
        { action: 'manage', subject: 'ApiKey' },
        { action: 'read', subject: 'Thing' },
        { action: 'update', subject: 'Thing', conditions: { ownerId: '{{actor.id}}' } },
      ]);
      const response = await createKey({ scopes: ['read:Thing', 'create:Thing', 'update:Thing'] }, keyManager).expect(
        403,
      );
      expect(response.body).toMatchObject({
        type: 'urn:quire:problem:identity.api-key-scope-escalation',
        scopes: ['create:Thing', 'update:Thing'],
      });
      await createKey({ scopes: ['manage:Thing'] }, keyManager).expect(403);
      await newKey({ scopes: ['read:Thing'] }, keyManager);
    });

    it('lets only signed-in users create keys: not a key, not an impersonation session', async () => {
      const keyAdmin = await newKey({ scopes: ['create:ApiKey', 'read:ApiKey', 'read:Thing'] });
      const byKey = await sut.http
        .post(keysUrl())
        .set(bearer(keyAdmin.secret))
        .send({ name: 'child', kind: 'management', scopes: ['read:Thing'] })
        .expect(403);
      expect(byKey.body.type).toBe('urn:quire:problem:identity.api-key-user-required');
      // The key may read the list its scopes allow.
      await sut.http.get(keysUrl()).set(bearer(keyAdmin.secret)).expect(200);

      const admin = await insertUser(sut.dataSource, { platformAdmin: true });
      const impersonation = await sut.app.get(SessionService).start(owner, {
        ip: '203.0.113.9',
        userAgent: 'jest',
        impersonatorId: admin,
      });
      const byImpersonator = await sut.http
        .post(keysUrl())
        .set(bearer(impersonation.accessToken))
        .send({ name: 'sneaky', kind: 'management', scopes: ['read:Thing'] })
        .expect(403);
      expect(byImpersonator.body.type).toBe('urn:quire:problem:identity.impersonation-forbidden');
    });

    it('answers 403 to a member without ApiKey permission, on every endpoint', async () => {
      const reader = await member([{ action: 'read', subject: 'Thing' }]);
      const key = await newKey();
      await createKey({}, reader).expect(403);
      await sut.http.get(keysUrl()).set(asUser(reader)).expect(403);
      await sut.http.get(`${keysUrl()}/${key.id}`).set(asUser(reader)).expect(403);
      await sut.http.delete(`${keysUrl()}/${key.id}`).set(asUser(reader)).expect(403);
      await things(sut, bearer(key.secret)).expect(200);
    });

    it('answers 404 to a non-member, and 401 without credentials', async () => {
      const stranger = await insertUser(sut.dataSource);
      const response = await createKey({}, stranger).expect(404);
      expect(response.body.type).toBe('urn:quire:problem:core.workspace-not-found');
      await sut.http.get(keysUrl()).expect(401);
    });
  });

  describe('GET /workspaces/:workspace/api-keys', () => {
    it('lists the workspace keys, newest first, with prefixes and never a secret or hash', async () => {
      const first = await newKey({ name: 'first' });
      const second = await newKey({ name: 'second', expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
      const elsewhere = await newKey({ name: 'globex key' }, owner, globex);

      const response = await sut.http.get(keysUrl()).set(asUser(owner)).expect(200);
      const ids = response.body.map((k: { id: string }) => k.id);
      expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
      expect(ids).not.toContain(elsewhere.id);
      const listed = response.body.find((k: { id: string }) => k.id === second.id);
      expect(Object.keys(listed).sort()).toEqual(
        [
          'createdAt',
          'createdBy',
          'expiresAt',
          'id',
          'kind',
          'lastUsedAt',
          'name',
          'prefix',
          'rateLimitPerMinute',
          'requestCount',
          'revokedAt',
          'scopes',
          'status',
        ].sort(),
      );
      expect(listed).toMatchObject({ prefix: second.prefix, status: 'active', expiresAt: second.expiresAt });
      const text = JSON.stringify(response.body);
      for (const key of [first, second]) {
        expect(text).not.toContain(key.secret.slice(12));
        expect(text).not.toContain(sha256(key.secret));
      }
      expect(text).not.toMatch(/secret/i);

      const one = await sut.http.get(`${keysUrl()}/${first.id}`).set(asUser(owner)).expect(200);
      expect(one.body).toEqual(response.body.find((k: { id: string }) => k.id === first.id));
      expect(JSON.stringify(one.body)).not.toContain(first.secret.slice(12));
    });

    it('answers 404 for another workspace key id, and 400 for a malformed id or a query parameter', async () => {
      const elsewhere = await newKey({}, owner, globex);
      const response = await sut.http.get(`${keysUrl()}/${elsewhere.id}`).set(asUser(owner)).expect(404);
      expect(response.body.type).toBe('urn:quire:problem:identity.api-key-not-found');
      const unknown = await sut.http.get(`${keysUrl()}/${uuidv7()}`).set(asUser(owner)).expect(404);
      expect(unknown.body.title).toBe(response.body.title);
      await sut.http.get(`${keysUrl()}/not-a-uuid`).set(asUser(owner)).expect(400);
      await sut.http.get(`${keysUrl()}?page=2`).set(asUser(owner)).expect(400);
    });
  });

  describe('using a key', () => {
    it('keeps a key to its own workspace: another one answers like a workspace that does not exist', async () => {
      const key = await newKey();
      const response = await things(sut, bearer(key.secret), 'globex').expect(404);
      const missing = await things(sut, bearer(key.secret), 'no-such-workspace').expect(404);
      expect(response.body.type).toBe('urn:quire:problem:core.workspace-not-found');
      expect(missing.body.type).toBe(response.body.type);
      await things(sut, bearer(key.secret), globex.id).expect(404);
    });

    it('answers 403 for what its scopes do not allow, even if its creator may', async () => {
      const key = await newKey({ scopes: ['read:Thing'] });
      const response = await sut.http.post('/api/v1/workspaces/acme/things').set(bearer(key.secret)).expect(403);
      expect(response.body).toMatchObject({ type: 'urn:quire:problem:core.forbidden', action: 'create' });
      const writer = await newKey({ scopes: ['read:Thing', 'create:Thing'] });
      await sut.http.post('/api/v1/workspaces/acme/things').set(bearer(writer.secret)).expect(201);
    });

    it('is no user: account and session endpoints refuse it', async () => {
      const key = await newKey();
      await sut.http.get('/api/v1/auth/sessions').set(bearer(key.secret)).expect(401);
    });

    it('refuses tampered, truncated and unknown secrets with 401', async () => {
      const key = await newKey();
      await things(sut, bearer(key.secret)).expect(200);
      const i = 20;
      const flipped = key.secret.slice(0, i) + (key.secret[i] === 'A' ? 'B' : 'A') + key.secret.slice(i + 1);
      const otherPrefix = `qk_${key.prefix.slice(3, 10)}${key.prefix[10] === 'a' ? 'b' : 'a'}${key.secret.slice(11)}`;
      for (const bad of [flipped, otherPrefix, key.secret.slice(0, -1), `${key.secret}x`, key.prefix, 'qk_']) {
        const response = await things(sut, bearer(bad)).expect(401);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        await things(sut, { 'X-Api-Key': bad }).expect(401);
      }
    });

    it('refuses an expired key with 401', async () => {
      const key = await newKey({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
      await sut.dataSource.query(
        `UPDATE identity_api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [key.id],
      );
      await things(sut, bearer(key.secret)).expect(401);
      const listed = await sut.http.get(`${keysUrl()}/${key.id}`).set(asUser(owner)).expect(200);
      expect(listed.body.status).toBe('expired');
    });

    it('stops working the moment its creator closes their account', async () => {
      const creator = await member(EVERYTHING);
      const key = await newKey({}, creator);
      await sut.dataSource.query(`UPDATE identity_users SET closed_at = now() WHERE id = $1`, [creator]);
      await things(other, bearer(key.secret)).expect(401);
    });
  });

  describe('DELETE /workspaces/:workspace/api-keys/:id', () => {
    it('revokes at once, on this instance and through NOTIFY on another one', async () => {
      const key = await newKey();
      // Both instances now hold the key in their caches.
      await things(sut, bearer(key.secret)).expect(200);
      await things(other, bearer(key.secret)).expect(200);
      expect(other.app.get(RevocationListener).isListening).toBe(true);
      const evict = jest.spyOn(other.app.get(ActiveApiKeyCache), 'evict');
      try {
        await sut.http.delete(`${keysUrl()}/${key.id}`).set(asUser(owner)).expect(204);
        await things(sut, bearer(key.secret)).expect(401);
        // Bounded wait for the notice itself (the 1 s cache TTL would hide a missing NOTIFY path).
        await until(() => evict.mock.calls.some(([id]) => id === key.id), 'the other instance hears of it');
      } finally {
        evict.mockRestore();
      }
      await things(other, bearer(key.secret)).expect(401);
      await things(other, { 'X-Api-Key': key.secret }).expect(401);

      const listed = await sut.http.get(`${keysUrl()}/${key.id}`).set(asUser(owner)).expect(200);
      expect(listed.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
      const [row] = await sut.dataSource.query(`SELECT revoked_by FROM identity_api_keys WHERE id = $1`, [key.id]);
      expect(row.revoked_by).toBe(owner);
    });

    it('is idempotent, and publishes identity.api-key.revoked once', async () => {
      const key = await newKey();
      await sut.http.delete(`${keysUrl()}/${key.id}`).set(asUser(owner)).expect(204);
      await sut.http.delete(`${keysUrl()}/${key.id}`).set(asUser(owner)).expect(204);
      const events = await sut.dataSource.query(
        `SELECT workspace_id, payload FROM quire_outbox
          WHERE event_name = 'identity.api-key.revoked' AND payload->>'apiKeyId' = $1`,
        [key.id],
      );
      expect(events).toEqual([
        { workspace_id: acme.id, payload: { apiKeyId: key.id, prefix: key.prefix, reason: 'revoked' } },
      ]);
    });

    it("answers 404 for another workspace's key id, which keeps working", async () => {
      const elsewhere = await newKey({}, owner, globex);
      const response = await sut.http.delete(`${keysUrl()}/${elsewhere.id}`).set(asUser(owner)).expect(404);
      expect(response.body.type).toBe('urn:quire:problem:identity.api-key-not-found');
      await things(sut, bearer(elsewhere.secret), 'globex').expect(200);
    });

    it('lets a key holding delete:ApiKey revoke keys, itself included', async () => {
      const janitor = await newKey({ scopes: ['delete:ApiKey', 'read:Thing'] });
      const victim = await newKey();
      await sut.http.delete(`${keysUrl()}/${victim.id}`).set(bearer(janitor.secret)).expect(204);
      await things(sut, bearer(victim.secret)).expect(401);
      const [row] = await sut.dataSource.query(`SELECT revoked_by FROM identity_api_keys WHERE id = $1`, [victim.id]);
      expect(row.revoked_by).toBe(janitor.id);
      await sut.http.delete(`${keysUrl()}/${janitor.id}`).set(bearer(janitor.secret)).expect(204);
      await things(sut, bearer(janitor.secret)).expect(401);
    });
  });

  describe('account closure', () => {
    it('revokes every key the user created, in every workspace, with an event in each workspace', async () => {
      const creator = await member(EVERYTHING);
      tenancy.grant(globex, creator, EVERYTHING);
      const inAcme = await newKey({}, creator);
      const inGlobex = await newKey({}, creator, globex);
      const someoneElse = await newKey();

      const revoked = await sut.app
        .get(ApiKeyService)
        .revokeAllCreatedBy(RequestContext.system('test-account-closure'), creator);
      expect(revoked.sort()).toEqual([inAcme.id, inGlobex.id].sort());
      await things(sut, bearer(inAcme.secret)).expect(401);
      await things(sut, bearer(inGlobex.secret), 'globex').expect(401);
      await things(sut, bearer(someoneElse.secret)).expect(200);

      const events = await sut.dataSource.query(
        `SELECT workspace_id, payload->>'apiKeyId' AS id, payload->>'reason' AS reason FROM quire_outbox
          WHERE event_name = 'identity.api-key.revoked' AND payload->>'apiKeyId' = ANY($1) ORDER BY workspace_id`,
        [[inAcme.id, inGlobex.id]],
      );
      expect(events).toEqual(
        expect.arrayContaining([
          { workspace_id: acme.id, id: inAcme.id, reason: 'account-closed' },
          { workspace_id: globex.id, id: inGlobex.id, reason: 'account-closed' },
        ]),
      );
      expect(events).toHaveLength(2);
      expect(await sut.app.get(ApiKeyService).revokeAllCreatedBy(RequestContext.system('again'), creator)).toEqual([]);
    });

    it('revokes them in the closure itself when the user closes their account through the API', async () => {
      const password = 'violet-harbour-lantern-42';
      const signedUp = await sut.http
        .post('/api/v1/auth/sign-up')
        .send({ email: `closer-${uuidv7()}@example.com`, displayName: 'Closer', password })
        .expect(201);
      const session = { Authorization: `Bearer ${signedUp.body.accessToken}` };
      tenancy.grant(acme, signedUp.body.user.id, EVERYTHING);
      const created = await sut.http
        .post(keysUrl())
        .set(session)
        .send({ name: 'Closer key', kind: 'management', scopes: ['read:Thing'] })
        .expect(201);
      await things(sut, bearer(created.body.secret)).expect(200);

      await sut.http.post('/api/v1/me/close').set(session).send({ password }).expect(204);
      // Revoked by the closure's own transaction: no waiting for the event handler.
      const listed = await sut.http.get(`${keysUrl()}/${created.body.id}`).set(asUser(owner)).expect(200);
      expect(listed.body.status).toBe('revoked');
      await things(sut, bearer(created.body.secret)).expect(401);
      await things(other, bearer(created.body.secret)).expect(401);
    });
  });

  describe('rate limit', () => {
    it('answers 429 with Retry-After past rateLimitPerMinute, for that key only', async () => {
      const limited = await newKey({ rateLimitPerMinute: 3 });
      const unlimited = await newKey();
      await things(sut, bearer(limited.secret)).expect(200);
      await things(sut, bearer(limited.secret)).expect(200);
      await things(sut, { 'X-Api-Key': limited.secret }).expect(200);

      const refused = await things(sut, bearer(limited.secret)).expect(429);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.type).toBe('urn:quire:problem:core.rate-limited');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body.retryAfter).toBe(retryAfter);
      await things(sut, bearer(limited.secret)).expect(429);

      for (let i = 0; i < 5; i++) await things(sut, bearer(unlimited.secret)).expect(200);
      // The limit is the key's: a wrong secret is still 401, not 429.
      const wrong = `${limited.secret.slice(0, -1)}${limited.secret.endsWith('A') ? 'B' : 'A'}`;
      await things(sut, bearer(wrong)).expect(401);
    });

    it('counts one limit across instances with REDIS_URL', async () => {
      const env = { REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_PREFIX: `quire:test:${uuidv7()}:` };
      const first = await createTestApp({ plugins, database, env });
      const second = await createTestApp({ plugins, database, env });
      try {
        const limited = await newKey({ rateLimitPerMinute: 2 });
        await things(first, bearer(limited.secret)).expect(200);
        await things(second, bearer(limited.secret)).expect(200);
        await things(first, bearer(limited.secret)).expect(429);
        await things(second, bearer(limited.secret)).expect(429);
      } finally {
        await second.close();
        await first.close();
      }
    });
  });

  describe('usage counters', () => {
    const usageOf = async (id: string): Promise<{ request_count: string; last_used_at: Date | null }> =>
      (await sut.dataSource.query(`SELECT request_count, last_used_at FROM identity_api_keys WHERE id = $1`, [id]))[0];

    it('counts requests in memory and writes them in one batch per flush, across instances', async () => {
      const recorders = [sut, other].map((app) => app.app.get(ApiKeyUsageRecorder));
      const key = await newKey();
      const quiet = await newKey();
      await Promise.all(recorders.map((r) => r.flush()));

      for (let i = 0; i < 5; i++) await things(sut, bearer(key.secret)).expect(200);
      for (let i = 0; i < 3; i++) await things(other, bearer(key.secret)).expect(200);
      await things(sut, bearer('qk_unknown')).expect(401);

      // Nothing written per request.
      expect(await usageOf(key.id)).toEqual({ request_count: '0', last_used_at: null });
      expect(recorders[0].pendingCount).toBe(5);
      expect(recorders[1].pendingCount).toBe(3);

      const query = jest.spyOn(sut.dataSource, 'query');
      try {
        await recorders[0].flush();
        const updates = query.mock.calls.filter(([sql]) => /UPDATE identity_api_keys/.test(String(sql)));
        expect(updates).toHaveLength(1);
      } finally {
        query.mockRestore();
      }
      expect((await usageOf(key.id)).request_count).toBe('5');
      await recorders[1].flush();
      const usage = await usageOf(key.id);
      expect(usage.request_count).toBe('8');
      expect(usage.last_used_at).toBeInstanceOf(Date);
      expect(await usageOf(quiet.id)).toEqual({ request_count: '0', last_used_at: null });

      const listed = await sut.http.get(`${keysUrl()}/${key.id}`).set(asUser(owner)).expect(200);
      expect(listed.body).toMatchObject({ requestCount: 8, lastUsedAt: usage.last_used_at!.toISOString() });
      await recorders[0].flush();
      expect((await usageOf(key.id)).request_count).toBe('8');
    });

    it('writes what is pending when the instance shuts down', async () => {
      const extra = await createTestApp({ plugins, database });
      const key = await newKey();
      try {
        await things(extra, bearer(key.secret)).expect(200);
        await things(extra, bearer(key.secret)).expect(200);
      } finally {
        await extra.close();
      }
      expect((await usageOf(key.id)).request_count).toBe('2');
    });
  });
});
