import { Controller, Get, Module } from '@nestjs/common';
import { Ctx, definePlugin, uuidv7, type Actor, type RequestContext } from '@quire/core';
import { IdentityPlugin } from '@quire/identity';
import { createTestApp, createTestDatabase, type TestApp, type TestDatabase } from '@quire/testing';
import { generateKeyPair, SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { RevocationListener } from '../src/revocation/revocation.listener';
import { deriveAccessTokenKey } from '../src/sessions/access-token-key';
import { AccessTokenService } from '../src/sessions/access-token.service';
import { ActiveSessionCache } from '../src/sessions/active-session-cache';
import { SessionService, type IssuedSession } from '../src/sessions/session.service';

// --- test plugins -------------------------------------------------------------------------------------------

@Controller('whoami')
class WhoamiController {
  @Get()
  whoami(@Ctx() ctx: RequestContext): Actor {
    return ctx.actor;
  }
}

@Module({ controllers: [WhoamiController] })
class WhoamiModule {}

const WhoamiPlugin = definePlugin({
  name: 'test-whoami',
  version: '1.0.0',
  description: 'Test: GET /api/v1/whoami answers the authenticated actor',
  module: WhoamiModule,
});

const plugins = [IdentityPlugin, WhoamiPlugin];

// --- builders -----------------------------------------------------------------------------------------------

async function insertUser(db: DataSource, overrides: { platformAdmin?: boolean } = {}): Promise<string> {
  const id = uuidv7();
  await db.query(
    `INSERT INTO identity_users (id, email, display_name, platform_admin) VALUES ($1, $2, 'Session Tester', $3)`,
    [id, `user-${id}@example.com`, overrides.platformAdmin ?? false],
  );
  return id;
}

const client = { ip: '203.0.113.7', userAgent: 'jest' };

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodePart(token: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8')) as Record<string, unknown>;
}

// --- the suite ----------------------------------------------------------------------------------------------

describe(SessionService.name, () => {
  let database: TestDatabase;
  let sut: TestApp;
  let other: TestApp;
  let sessions: SessionService;

  const whoami = (app: TestApp, token: string) =>
    app.http.get('/api/v1/whoami').set('Authorization', `Bearer ${token}`);

  async function start(userId?: string): Promise<IssuedSession & { userId: string }> {
    const id = userId ?? (await insertUser(sut.dataSource));
    return { ...(await sessions.start(id, client)), userId: id };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = await createTestApp({ plugins, database });
    other = await createTestApp({ plugins, database });
    sessions = sut.app.get(SessionService);
  });
  afterAll(async () => {
    await other?.close();
    await sut?.close();
    await database?.drop();
  });

  describe('start', () => {
    it('issues an access token that authenticates through the kernel guard, by header or cookie', async () => {
      const issued = await start();
      const byHeader = await whoami(sut, issued.accessToken).expect(200);
      expect(byHeader.body).toMatchObject({ type: 'user', id: issued.userId, platformAdmin: false });
      expect(byHeader.body.impersonatorId).toBeUndefined();

      const byCookie = await sut.http
        .get('/api/v1/whoami')
        .set('Cookie', `theme=dark; quire_access=${issued.accessToken}`)
        .expect(200);
      expect(byCookie.body.id).toBe(issued.userId);
    });

    it('stores only the hash of the refresh token, and the device it came from', async () => {
      const issued = await start();
      const [row] = await sut.dataSource.query(`SELECT * FROM identity_sessions WHERE id = $1`, [issued.session.id]);
      expect(row.refresh_token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(issued.refreshToken);
      expect(row).toMatchObject({ user_id: issued.userId, ip: client.ip, user_agent: client.userAgent });
      expect(row.family_id).not.toBe(row.id);
      expect(new Date(row.expires_at).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    });

    it('signs HS256 JWTs with sub, sid, iss, aud, iat and exp, and imp for impersonation', async () => {
      const admin = await insertUser(sut.dataSource, { platformAdmin: true });
      const userId = await insertUser(sut.dataSource);
      const issued = await sessions.start(userId, { ...client, impersonatorId: admin });
      expect(decodePart(issued.accessToken, 0)).toMatchObject({ alg: 'HS256', typ: 'at+jwt' });
      const claims = decodePart(issued.accessToken, 1);
      expect(claims).toMatchObject({ sub: userId, sid: issued.session.id, imp: admin, iss: 'quire', aud: 'quire-api' });
      expect((claims.exp as number) - (claims.iat as number)).toBe(600);

      const me = await whoami(sut, issued.accessToken).expect(200);
      expect(me.body).toMatchObject({ type: 'user', id: userId, impersonatorId: admin });
    });

    it('refuses requests without a token, and leaves other bearer formats to other authenticators', async () => {
      await sut.http.get('/api/v1/whoami').expect(401);
      const res = await sut.http.get('/api/v1/whoami').set('Authorization', 'Bearer qk_live_not-a-jwt').expect(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });

  describe('refresh', () => {
    it('rotates the refresh token on the same session and records where it was used', async () => {
      const issued = await start();
      const rotated = await sessions.refresh(issued.refreshToken, { ip: '198.51.100.1', userAgent: 'other' });
      if (rotated.outcome !== 'rotated') throw new Error(`expected rotation, got ${rotated.outcome}`);
      expect(rotated.session.id).toBe(issued.session.id);
      expect(rotated.refreshToken).not.toBe(issued.refreshToken);
      expect(rotated.session).toMatchObject({ ip: '198.51.100.1', userAgent: 'other' });
      expect(rotated.session.lastSeenAt.getTime()).toBeGreaterThanOrEqual(issued.session.lastSeenAt.getTime());
      await whoami(sut, rotated.accessToken).expect(200);
      // The newest token rotates again.
      expect((await sessions.refresh(rotated.refreshToken, client)).outcome).toBe('rotated');
    });

    it('treats a rotated token coming back as reuse: the family is revoked and its access tokens refused at once', async () => {
      const issued = await start();
      const rotated = await sessions.refresh(issued.refreshToken, client);
      if (rotated.outcome !== 'rotated') throw new Error(`expected rotation, got ${rotated.outcome}`);
      await whoami(sut, rotated.accessToken).expect(200); // now in this instance's cache

      const reuse = await sessions.refresh(issued.refreshToken, client);
      expect(reuse).toEqual({
        outcome: 'reused',
        familyId: issued.session.familyId,
        revokedSessionIds: [issued.session.id],
      });
      const [row] = await sut.dataSource.query(
        `SELECT revoked_at, revoked_reason FROM identity_sessions WHERE id = $1`,
        [issued.session.id],
      );
      expect(row.revoked_at).not.toBeNull();
      expect(row.revoked_reason).toBe('refresh-reuse');

      await whoami(sut, rotated.accessToken).expect(401);
      await whoami(sut, issued.accessToken).expect(401);
      // The thief's (or the victim's) newest refresh token is dead too.
      expect(await sessions.refresh(rotated.refreshToken, client)).toEqual({ outcome: 'invalid' });
      // A second replay finds nothing left to revoke.
      expect(await sessions.refresh(issued.refreshToken, client)).toMatchObject({
        outcome: 'reused',
        revokedSessionIds: [],
      });
    });

    it('lets only one of two concurrent uses of a token rotate; the other is reuse', async () => {
      const issued = await start();
      const results = await Promise.all([
        sessions.refresh(issued.refreshToken, client),
        sessions.refresh(issued.refreshToken, client),
      ]);
      expect(results.map((r) => r.outcome).sort()).toEqual(['reused', 'rotated']);
      expect(await sessions.isActive(issued.session.id)).toBe(false);
    });

    it('answers invalid for unknown, revoked and expired tokens, without revoking anything', async () => {
      expect(await sessions.refresh(randomBytes(32).toString('base64url'), client)).toEqual({ outcome: 'invalid' });
      expect(await sessions.refresh('', client)).toEqual({ outcome: 'invalid' });
      expect(await sessions.refresh('x'.repeat(10_000), client)).toEqual({ outcome: 'invalid' });

      const signedOut = await start();
      await sessions.revoke(signedOut.session.id, 'sign-out');
      expect(await sessions.refresh(signedOut.refreshToken, client)).toEqual({ outcome: 'invalid' });

      const expired = await start();
      await sut.dataSource.query(
        `UPDATE identity_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [expired.session.id],
      );
      expect(await sessions.refresh(expired.refreshToken, client)).toEqual({ outcome: 'invalid' });
      const [row] = await sut.dataSource.query(`SELECT revoked_at FROM identity_sessions WHERE id = $1`, [
        expired.session.id,
      ]);
      expect(row.revoked_at).toBeNull();
    });
  });

  describe('revocation', () => {
    it('refuses the access token of a signed-out session immediately, not at its expiry', async () => {
      const issued = await start();
      await whoami(sut, issued.accessToken).expect(200);
      await whoami(sut, issued.accessToken).expect(200); // served from the cache
      expect(await sessions.revoke(issued.session.id, 'sign-out')).toBe(true);
      const res = await whoami(sut, issued.accessToken).expect(401);
      expect(res.body).toMatchObject({ status: 401 });
      expect(await sessions.revoke(issued.session.id, 'sign-out')).toBe(false);
    });

    it('revokes all sessions of a user but the current one, and lists the live ones', async () => {
      const first = await start();
      const second = await start(first.userId);
      const third = await start(first.userId);
      const stranger = await start();

      const revoked = await sessions.revokeAllForUser(first.userId, 'password-changed', { except: second.session.id });
      expect(revoked.sort()).toEqual([first.session.id, third.session.id].sort());
      expect((await sessions.listForUser(first.userId)).map((s) => s.id)).toEqual([second.session.id]);
      await whoami(sut, first.accessToken).expect(401);
      await whoami(sut, second.accessToken).expect(200);
      await whoami(sut, stranger.accessToken).expect(200);

      expect(await sessions.revokeAllForUser(first.userId, 'account-closed')).toEqual([second.session.id]);
      expect(await sessions.listForUser(first.userId)).toEqual([]);
    });

    it('does not count an expired session or a closed account as active', async () => {
      const expired = await start();
      await sut.dataSource.query(
        `UPDATE identity_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [expired.session.id],
      );
      expect(await sessions.isActive(expired.session.id)).toBe(false);
      await whoami(sut, expired.accessToken).expect(401);

      const closed = await start();
      await sut.dataSource.query(`UPDATE identity_users SET closed_at = now() WHERE id = $1`, [closed.userId]);
      await whoami(sut, closed.accessToken).expect(401);
      expect(await sessions.isActive(uuidv7())).toBe(false);
      expect(await sessions.isActive('not-a-uuid')).toBe(false);
    });

    it('reaches every instance: revoked on one, refused on the other through NOTIFY', async () => {
      const issued = await start();
      await whoami(other, issued.accessToken).expect(200); // now in the other instance's cache
      expect(other.app.get(RevocationListener).isListening).toBe(true);
      const evict = jest.spyOn(other.app.get(ActiveSessionCache), 'evict');
      try {
        await sessions.revoke(issued.session.id, 'revoked');
        // Bounded poll for the notice itself (the cache TTL would hide a missing NOTIFY path).
        for (let attempt = 0; attempt < 100 && !evict.mock.calls.some(([id]) => id === issued.session.id); attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(evict).toHaveBeenCalledWith(issued.session.id);
      } finally {
        evict.mockRestore();
      }
      await whoami(other, issued.accessToken).expect(401);
    });
  });

  describe('bad access tokens', () => {
    const key = () => deriveAccessTokenKey(sut.config.QUIRE_SECRET_KEY!);

    function signed(claims: Record<string, unknown>, secret: Uint8Array, kid = key().id): Promise<string> {
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid })
        .setIssuer('quire')
        .setAudience('quire-api')
        .sign(secret);
    }

    async function liveClaims(): Promise<{ issued: IssuedSession; claims: Record<string, unknown> }> {
      const issued = await start();
      await whoami(sut, issued.accessToken).expect(200);
      return { issued, claims: decodePart(issued.accessToken, 1) };
    }

    it('accepts a token signed here with the derived key (the control for the cases below)', async () => {
      const { claims } = await liveClaims();
      await whoami(sut, await signed(claims, key().secret)).expect(200);
    });

    it('refuses a tampered signature or payload', async () => {
      const { issued } = await liveClaims();
      const [header, payload, signature] = issued.accessToken.split('.');
      // A middle character: the last one of a base64url signature partly encodes padding bits.
      const i = 10;
      const flipped = signature.slice(0, i) + (signature[i] === 'A' ? 'B' : 'A') + signature.slice(i + 1);
      await whoami(sut, `${header}.${payload}.${flipped}`).expect(401);

      const otherUser = await insertUser(sut.dataSource);
      const forged = base64url({ ...decodePart(issued.accessToken, 1), sub: otherUser });
      await whoami(sut, `${header}.${forged}.${signature}`).expect(401);
    });

    it('refuses alg: none with the same claims', async () => {
      const { issued, claims } = await liveClaims();
      const none = base64url({ alg: 'none', typ: 'at+jwt', kid: key().id });
      await whoami(sut, `${none}.${base64url(claims)}.`).expect(401);
      await whoami(sut, `${none}.${base64url(claims)}.${issued.accessToken.split('.')[2]}`).expect(401);
      expect(await sut.app.get(AccessTokenService).verify(`${none}.${base64url(claims)}.`)).toBeNull();
    });

    it('refuses a token signed with another key, or another algorithm', async () => {
      const { claims } = await liveClaims();
      const foreign = deriveAccessTokenKey(randomBytes(32).toString('base64'));
      await whoami(sut, await signed(claims, foreign.secret)).expect(401); // our kid, wrong key
      await whoami(sut, await signed(claims, foreign.secret, foreign.id)).expect(401);
      // Raw QUIRE_SECRET_KEY instead of the derived key.
      await whoami(sut, await signed(claims, Buffer.from(sut.config.QUIRE_SECRET_KEY!, 'base64'))).expect(401);

      const { privateKey } = await generateKeyPair('RS256');
      const rs256 = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: key().id })
        .sign(privateKey);
      await whoami(sut, rs256).expect(401);
    });

    it('refuses an expired token, and one of the wrong audience or type', async () => {
      const { claims } = await liveClaims();
      const now = Math.floor(Date.now() / 1000);
      await whoami(sut, await signed({ ...claims, iat: now - 700, exp: now - 60 }, key().secret)).expect(401);
      const elsewhere = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: key().id })
        .setAudience('somewhere-else')
        .sign(key().secret);
      await whoami(sut, elsewhere).expect(401);
      const idToken = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key().id })
        .sign(key().secret);
      await whoami(sut, idToken).expect(401);
    });
  });
});
