import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { Ctx, definePlugin, EventBus, TenantDataSource, uuidv7, type RequestContext } from '@quire/core';
import { IdentityPlugin } from '@quire/identity';
import { createTestApp, FixtureTenancy, fixtureTenancyPlugin, type TestApp } from '@quire/testing';
import { decodeJwt } from 'jose';
import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { ImpersonationController } from '../src/impersonation/impersonation.controller';

// --- a test plugin that acts in the user's name ---------------------------------------------------------------

declare module '@quire/core' {
  interface QuireEvents {
    'test-probe.note.created': { title: string };
  }
}

@Controller()
class ProbeController {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
  ) {}

  /** Any write of any plugin: its event must carry both identities. */
  @Post('probe/notes')
  @HttpCode(204)
  async create(@Ctx() ctx: RequestContext): Promise<void> {
    await this.db.transaction(ctx, (tx) => this.events.publish(tx, 'test-probe.note.created', { title: 'by whom?' }));
  }

  /** A workspace route: the kernel refuses a non-member after authentication, in its guard. */
  @Get('workspaces/:workspace/probe')
  probe(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const ProbePlugin = definePlugin({
  name: 'test-probe',
  version: '1.0.0',
  description: 'Test: writes an event as the caller; a workspace route',
  module: ProbeModule,
});

// --- builders -----------------------------------------------------------------------------------------------

const PASSWORD = 'correct horse battery staple';
const REASON = 'Support ticket #4711: cannot publish entries';

function anEmail(): string {
  return `imp.${randomBytes(6).toString('hex')}@example.com`;
}

interface Account {
  userId: string;
  accessToken: string;
  refreshToken: string;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function pickImpersonationHeaders(response: Response): Record<string, unknown> {
  return {
    'quire-impersonator': response.headers['quire-impersonator'],
    'quire-impersonation-expires': response.headers['quire-impersonation-expires'],
  };
}

// --- the suite ----------------------------------------------------------------------------------------------

describe(ImpersonationController.name, () => {
  const tenancy = new FixtureTenancy();
  let sut: TestApp;
  let admin: Account;

  async function signUp(): Promise<Account> {
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email: anEmail(), password: PASSWORD, displayName: 'Imp Tester' })
      .expect(201);
    return {
      userId: response.body.user.id,
      accessToken: response.body.accessToken,
      refreshToken: response.body.refreshToken,
    };
  }

  async function makePlatformAdmin(userId: string): Promise<void> {
    await sut.dataSource.query(
      `UPDATE identity_users SET platform_admin = true, email_verified_at = now() WHERE id = $1`,
      [userId],
    );
  }

  const start = (by: Account, body: Record<string, unknown>) =>
    sut.http.post('/api/v1/admin/impersonation').set(bearer(by.accessToken)).send(body);

  async function impersonate(userId: string, minutes?: number): Promise<Account & { expiresAt: string }> {
    const response = await start(admin, { userId, reason: REASON, ...(minutes ? { minutes } : {}) }).expect(201);
    return {
      userId,
      accessToken: response.body.accessToken,
      refreshToken: response.body.refreshToken,
      expiresAt: response.body.expiresAt,
    };
  }

  async function outbox(
    eventName: string,
  ): Promise<Array<{ actor: Record<string, unknown>; payload: Record<string, unknown> }>> {
    return sut.dataSource.query(`SELECT actor, payload FROM quire_outbox WHERE event_name = $1 ORDER BY id`, [
      eventName,
    ]);
  }

  function expectImpersonationHeaders(response: Response, expiresAt: string): void {
    const path = (response as Response & { req: { path: string } }).req.path;
    expect({ path, headers: pickImpersonationHeaders(response) }).toEqual({
      path,
      headers: { 'quire-impersonator': admin.userId, 'quire-impersonation-expires': expiresAt },
    });
  }

  beforeAll(async () => {
    tenancy.addWorkspace('acme');
    sut = await createTestApp({ plugins: [IdentityPlugin, fixtureTenancyPlugin(tenancy), ProbePlugin] });
    admin = await signUp();
    await makePlatformAdmin(admin.userId);
  });
  afterAll(async () => {
    await sut?.close();
  });

  describe('who may start', () => {
    it('refuses anyone but a platform administrator, and the anonymous', async () => {
      const someone = await signUp();
      const target = await signUp();
      const refused = await start(someone, { userId: target.userId, reason: REASON }).expect(403);
      expect(refused.body.type).toMatch(/identity\.platform-admin-required$/);
      await sut.http.post('/api/v1/admin/impersonation').send({ userId: target.userId, reason: REASON }).expect(401);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['no reason', {}, 'reason'],
      ['a reason under 10 characters', { reason: '  too short ' }, 'reason'],
      ['a reason over 500 characters', { reason: 'x'.repeat(501) }, 'reason'],
      ['a reason that is not text', { reason: 42 }, 'reason'],
      ['0 minutes', { reason: REASON, minutes: 0 }, 'minutes'],
      ['61 minutes', { reason: REASON, minutes: 61 }, 'minutes'],
      ['a fraction of minutes', { reason: REASON, minutes: 1.5 }, 'minutes'],
      ['minutes as text', { reason: REASON, minutes: '15' }, 'minutes'],
      ['an unknown field', { reason: REASON, refreshForever: true }, 'refreshForever'],
    ])('refuses %s with 400 naming the field, and starts nothing', async (_name, body, field) => {
      const target = await signUp();
      const response = await start(admin, { userId: target.userId, ...body }).expect(400);
      expect(response.body.type).toMatch(/core\.validation-failed$/);
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(field);
      const [{ count }] = await sut.dataSource.query(
        `SELECT count(*)::int AS count FROM identity_sessions WHERE user_id = $1 AND impersonator_id IS NOT NULL`,
        [target.userId],
      );
      expect(count).toBe(0);
    });

    it('refuses a user id that is not a UUID (400) or no account (404)', async () => {
      const bad = await start(admin, { userId: 'nope', reason: REASON }).expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['userId']);
      const unknown = await start(admin, { userId: uuidv7(), reason: REASON }).expect(404);
      expect(unknown.body.type).toMatch(/identity\.user-not-found$/);
    });

    it('refuses yourself, another platform administrator and a closed account', async () => {
      const otherAdmin = await signUp();
      await makePlatformAdmin(otherAdmin.userId);
      const closed = await signUp();
      await sut.dataSource.query(`UPDATE identity_users SET closed_at = now() WHERE id = $1`, [closed.userId]);
      for (const [userId, reason] of [
        [admin.userId, 'self'],
        [otherAdmin.userId, 'platform-admin'],
        [closed.userId, 'account-closed'],
      ]) {
        const response = await start(admin, { userId, reason: REASON }).expect(403);
        expect(response.body).toMatchObject({ reason, status: 403 });
        expect(response.body.type).toMatch(/identity\.impersonation-not-allowed$/);
      }
    });
  });

  describe('an impersonation session', () => {
    it('is a session as the user, for the minutes asked, recorded with the reason', async () => {
      const target = await signUp();
      const before = Date.now();
      const response = await start(admin, { userId: target.userId, reason: `  ${REASON}  `, minutes: 5 }).expect(201);
      const after = Date.now();
      expect(Object.keys(response.body).sort()).toEqual(
        ['accessToken', 'expiresAt', 'expiresIn', 'impersonatorId', 'refreshToken', 'userId'].sort(),
      );
      expect(response.body).toMatchObject({ userId: target.userId, impersonatorId: admin.userId });
      const expiresAt = new Date(response.body.expiresAt).getTime();
      expect(expiresAt).toBeGreaterThanOrEqual(before + 5 * 60_000);
      expect(expiresAt).toBeLessThanOrEqual(after + 5 * 60_000);
      expect(response.body.expiresIn).toBeLessThanOrEqual(5 * 60);
      expect(decodeJwt(response.body.accessToken)).toMatchObject({ sub: target.userId, imp: admin.userId });

      const me = await sut.http.get('/api/v1/me').set(bearer(response.body.accessToken)).expect(200);
      expect(me.body.id).toBe(target.userId);

      const [started] = (await outbox('identity.impersonation.started')).filter(
        (e) => e.payload.userId === target.userId,
      );
      expect(started.payload).toEqual({
        impersonatorId: admin.userId,
        userId: target.userId,
        sessionId: decodeJwt(response.body.accessToken).sid,
        reason: REASON,
        expiresAt: response.body.expiresAt,
      });
      // Started by the administrator in their own name.
      expect(started.actor).toMatchObject({ type: 'user', id: admin.userId });
      expect(started.actor.impersonatorId).toBeUndefined();
    });

    it('lasts 15 minutes unless told otherwise', async () => {
      const target = await signUp();
      const before = Date.now();
      const { expiresAt } = await impersonate(target.userId);
      expect(new Date(expiresAt).getTime()).toBeGreaterThanOrEqual(before + 15 * 60_000);
      expect(new Date(expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
    });

    it('names the administrator on every response, errors of every stage included', async () => {
      const target = await signUp();
      const session = await impersonate(target.userId);
      const as = bearer(session.accessToken);
      const responses = [
        await sut.http.get('/api/v1/me').set(as).expect(200),
        await sut.http.get('/api/v1/auth/sessions').set(as).expect(200),
        await sut.http.delete('/api/v1/auth/sessions/not-a-uuid').set(as).expect(400),
        await sut.http.delete(`/api/v1/auth/sessions/${uuidv7()}`).set(as).expect(403),
        await sut.http.get('/api/v1/admin/users').set(as).expect(403),
        await sut.http.get('/api/v1/workspaces/acme/probe').set(as).expect(404),
        await sut.http.post('/api/v1/probe/notes').set(as).expect(204),
      ];
      for (const response of responses) expectImpersonationHeaders(response, session.expiresAt);

      const own = await sut.http.get('/api/v1/me').set(bearer(admin.accessToken)).expect(200);
      expect(own.headers['quire-impersonator']).toBeUndefined();
      const user = await sut.http.get('/api/v1/me').set(bearer(target.accessToken)).expect(200);
      expect(user.headers['quire-impersonator']).toBeUndefined();
    });

    it('is visible to the account holder in their sessions', async () => {
      const target = await signUp();
      const session = await impersonate(target.userId);
      const listed = await sut.http.get('/api/v1/auth/sessions').set(bearer(target.accessToken)).expect(200);
      const sid = decodeJwt(session.accessToken).sid;
      expect(listed.body.find((s: { id: string }) => s.id === sid)).toMatchObject({
        impersonation: true,
        current: false,
        expiresAt: session.expiresAt,
      });
      expect(listed.body.find((s: { current: boolean }) => s.current).impersonation).toBe(false);
    });

    it("cannot change the user's credentials, sign them out elsewhere, nor administer the platform", async () => {
      const target = await signUp();
      const session = await impersonate(target.userId);
      const as = bearer(session.accessToken);

      const password = await sut.http
        .post('/api/v1/me/password')
        .set(as)
        .send({ currentPassword: PASSWORD, newPassword: 'an entirely new passphrase 42' })
        .expect(403);
      expect(password.body.type).toMatch(/identity\.impersonation-forbidden$/);

      const userSessions = await sut.http.get('/api/v1/auth/sessions').set(bearer(target.accessToken)).expect(200);
      const usersOwn = userSessions.body.find((s: { current: boolean }) => s.current);
      const revoke = await sut.http.delete(`/api/v1/auth/sessions/${usersOwn.id}`).set(as).expect(403);
      expect(revoke.body.type).toMatch(/identity\.impersonation-forbidden$/);
      await sut.http.get('/api/v1/me').set(bearer(target.accessToken)).expect(200);

      const another = await signUp();
      const nested = await start({ ...session }, { userId: another.userId, reason: REASON }).expect(403);
      expect(nested.body.type).toMatch(/identity\.impersonation-forbidden$/);
      const users = await sut.http.get('/api/v1/admin/users').set(as).expect(403);
      expect(users.body.type).toMatch(/identity\.platform-admin-required$/);
    });

    it('never grants platform administration, even if the user becomes an administrator meanwhile', async () => {
      const target = await signUp();
      const session = await impersonate(target.userId);
      await makePlatformAdmin(target.userId);
      await sut.http.get('/api/v1/admin/users').set(bearer(target.accessToken)).expect(200); // the control
      await sut.http.get('/api/v1/admin/users').set(bearer(session.accessToken)).expect(403);
    });

    it('rotates on refresh but never outlives its end', async () => {
      const target = await signUp();
      const session = await impersonate(target.userId, 2);
      const refreshed = await sut.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(200);
      expect(refreshed.body.refreshToken).not.toBe(session.refreshToken);
      expect(refreshed.body.expiresIn).toBeLessThanOrEqual(120);
      const claims = decodeJwt(refreshed.body.accessToken);
      expect(claims.imp).toBe(admin.userId);
      expect(claims.exp! * 1000).toBeLessThanOrEqual(new Date(session.expiresAt).getTime());
      const [row] = await sut.dataSource.query(`SELECT expires_at FROM identity_sessions WHERE id = $1`, [claims.sid]);
      expect(new Date(row.expires_at).toISOString()).toBe(session.expiresAt);

      const me = await sut.http.get('/api/v1/me').set(bearer(refreshed.body.accessToken)).expect(200);
      expectImpersonationHeaders(me, session.expiresAt);
    });

    it('is refused, with its refresh token, once its time is up', async () => {
      const target = await signUp();
      const session = await impersonate(target.userId);
      // Time passes (an UPDATE is no revocation: nothing notifies the instances; no request cached the session).
      await sut.dataSource.query(
        `UPDATE identity_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [decodeJwt(session.accessToken).sid],
      );
      await sut.http.get('/api/v1/me').set(bearer(session.accessToken)).expect(401);
      const refresh = await sut.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
      expect(refresh.body.type).toMatch(/identity\.refresh-token-invalid$/);
    });

    it('records what it does in the name of both the user and the administrator', async () => {
      const target = await signUp();
      const session = await impersonate(target.userId);
      await sut.http.post('/api/v1/probe/notes').set(bearer(target.accessToken)).expect(204);
      await sut.http.post('/api/v1/probe/notes').set(bearer(session.accessToken)).expect(204);
      const events = (await outbox('test-probe.note.created')).filter((e) => e.actor.id === target.userId);
      expect(events.map((e) => e.actor.impersonatorId)).toEqual([undefined, admin.userId]);
      expect(events[1].actor).toMatchObject({
        type: 'user',
        id: target.userId,
        sessionId: decodeJwt(session.accessToken).sid,
      });
    });

    it('is delivered as cookies to a browser that asks, and its cookie requests carry the header', async () => {
      const target = await signUp();
      const response = await sut.http
        .post('/api/v1/admin/impersonation')
        .set(bearer(admin.accessToken))
        .set('Quire-Token-Delivery', 'cookie')
        .send({ userId: target.userId, reason: REASON })
        .expect(201);
      expect(response.body.accessToken).toBeUndefined();
      expect(response.body.refreshToken).toBeUndefined();
      expect(response.body.csrfToken).toEqual(expect.any(String));
      const cookies = (response.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]);
      const me = await sut.http.get('/api/v1/me').set('Cookie', cookies.join('; ')).expect(200);
      expect(me.body.id).toBe(target.userId);
      expectImpersonationHeaders(me, response.body.expiresAt);
    });
  });

  describe('ending', () => {
    it('ends on demand: tokens refused at once, recorded in the name of both', async () => {
      const target = await signUp();
      const session = await impersonate(target.userId);
      await sut.http.get('/api/v1/me').set(bearer(session.accessToken)).expect(200); // cached
      await sut.http.post('/api/v1/auth/impersonation/end').set(bearer(session.accessToken)).expect(204);

      await sut.http.get('/api/v1/me').set(bearer(session.accessToken)).expect(401);
      await sut.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
      const sid = decodeJwt(session.accessToken).sid;
      const [row] = await sut.dataSource.query(`SELECT revoked_reason FROM identity_sessions WHERE id = $1`, [sid]);
      expect(row.revoked_reason).toBe('impersonation-ended');

      const [ended] = (await outbox('identity.impersonation.ended')).filter((e) => e.payload.sessionId === sid);
      expect(ended.payload).toEqual({
        impersonatorId: admin.userId,
        userId: target.userId,
        sessionId: sid,
        via: 'end',
      });
      expect(ended.actor).toMatchObject({ type: 'user', id: target.userId, impersonatorId: admin.userId });
      // The user's own session and the administrator's are untouched.
      await sut.http.get('/api/v1/me').set(bearer(target.accessToken)).expect(200);
      await sut.http.get('/api/v1/me').set(bearer(admin.accessToken)).expect(200);
    });

    it('ends by signing out of it too', async () => {
      const target = await signUp();
      const session = await impersonate(target.userId);
      await sut.http.post('/api/v1/auth/sign-out').set(bearer(session.accessToken)).expect(204);
      await sut.http.get('/api/v1/me').set(bearer(session.accessToken)).expect(401);
      const sid = decodeJwt(session.accessToken).sid;
      const [ended] = (await outbox('identity.impersonation.ended')).filter((e) => e.payload.sessionId === sid);
      expect(ended.payload.via).toBe('sign-out');
    });

    it('answers 409 to a session that is not an impersonation, and 401 to none', async () => {
      const someone = await signUp();
      const response = await sut.http
        .post('/api/v1/auth/impersonation/end')
        .set(bearer(someone.accessToken))
        .expect(409);
      expect(response.body.type).toMatch(/identity\.not-impersonating$/);
      await sut.http.get('/api/v1/me').set(bearer(someone.accessToken)).expect(200);
      await sut.http.post('/api/v1/auth/impersonation/end').expect(401);
    });

    it("dies with the administrator's account row", async () => {
      const doomedAdmin = await signUp();
      await makePlatformAdmin(doomedAdmin.userId);
      const target = await signUp();
      const response = await start(doomedAdmin, { userId: target.userId, reason: REASON }).expect(201);
      await sut.dataSource.query(`DELETE FROM identity_users WHERE id = $1`, [doomedAdmin.userId]);
      // Not left behind as an ordinary session of the user (which refresh would keep alive for 30 days).
      const rows = await sut.dataSource.query(`SELECT id FROM identity_sessions WHERE id = $1`, [
        decodeJwt(response.body.accessToken).sid,
      ]);
      expect(rows).toEqual([]);
      await sut.http.get('/api/v1/me').set(bearer(response.body.accessToken)).expect(401);
      await sut.http.post('/api/v1/auth/refresh').send({ refreshToken: response.body.refreshToken }).expect(401);
    });
  });

  it('documents both endpoints with their problems', async () => {
    const { body } = await sut.http.get('/api/docs-json').expect(200);
    const startOperation = body.paths['/api/v1/admin/impersonation'].post;
    expect(startOperation.tags).toEqual(['Platform administration']);
    for (const status of ['400', '401', '403', '404']) expect(startOperation.responses[status]).toBeDefined();
    const endOperation = body.paths['/api/v1/auth/impersonation/end'].post;
    expect(endOperation.tags).toEqual(['Authentication']);
    expect(endOperation.responses['409']).toBeDefined();
  });
});
