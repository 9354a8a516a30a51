import { IdentityPlugin } from '@quire/identity';
import { createTestApp, createTestDatabase, type TestApp, type TestDatabase } from '@quire/testing';
import { randomBytes } from 'node:crypto';
import { PlatformAdminBootstrap } from '../src/platform-admin/platform-admin-bootstrap';
import { PlatformAdminController } from '../src/platform-admin/platform-admin.controller';

// --- builders -----------------------------------------------------------------------------------------------

const PASSWORD = 'correct horse battery staple';

function anEmail(tag = 'pa'): string {
  return `${tag}.${randomBytes(6).toString('hex')}@example.com`;
}

interface Account {
  email: string;
  userId: string;
  accessToken: string;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function signUp(app: TestApp, email = anEmail(), displayName = 'Platform Tester'): Promise<Account> {
  const response = await app.http
    .post('/api/v1/auth/sign-up')
    .send({ email, password: PASSWORD, displayName })
    .expect(201);
  return { email, userId: response.body.user.id, accessToken: response.body.accessToken };
}

async function markVerified(app: TestApp, userId: string): Promise<void> {
  await app.dataSource.query(`UPDATE identity_users SET email_verified_at = now() WHERE id = $1`, [userId]);
}

async function makePlatformAdmin(app: TestApp, userId: string): Promise<void> {
  await app.dataSource.query(
    `UPDATE identity_users SET platform_admin = true, email_verified_at = now() WHERE id = $1`,
    [userId],
  );
}

async function isPlatformAdmin(app: TestApp, userId: string): Promise<boolean> {
  const [row] = await app.dataSource.query(`SELECT platform_admin FROM identity_users WHERE id = $1`, [userId]);
  return row.platform_admin as boolean;
}

async function events(
  app: TestApp,
  name: string,
  userId: string,
): Promise<Array<{ actor: Record<string, unknown>; payload: Record<string, unknown> }>> {
  return app.dataSource.query(
    `SELECT actor, payload FROM quire_outbox WHERE event_name = $1 AND payload->>'userId' = $2 ORDER BY id`,
    [name, userId],
  );
}

// --- the suites ---------------------------------------------------------------------------------------------

describe(`${PlatformAdminController.name}: administrators from the configuration`, () => {
  let database: TestDatabase;
  let sut: TestApp;
  const listedLater = anEmail('listed-later');
  let verified: Account;
  let unverified: Account;
  let closed: Account;
  let unlisted: Account;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Accounts made before the installation lists them.
    const before = await createTestApp({ plugins: [IdentityPlugin], database });
    try {
      verified = await signUp(before, anEmail('listed'));
      unverified = await signUp(before, anEmail('listed'));
      closed = await signUp(before, anEmail('listed'));
      unlisted = await signUp(before, anEmail('unlisted'));
      for (const account of [verified, closed, unlisted]) await markVerified(before, account.userId);
      await before.dataSource.query(`UPDATE identity_users SET closed_at = now() WHERE id = $1`, [closed.userId]);
    } finally {
      await before.close();
    }
    sut = await createTestApp({
      plugins: [
        IdentityPlugin.with({
          // Compared without regard to case, as emails are.
          platformAdminEmails: [verified.email.toUpperCase(), unverified.email, closed.email, listedLater],
        }),
      ],
      database,
    });
  });
  afterAll(async () => {
    await sut?.close();
    await database?.drop();
  });

  it('appoints the listed accounts that are open and verified, at start, once', async () => {
    expect(await isPlatformAdmin(sut, verified.userId)).toBe(true);
    for (const account of [unverified, closed, unlisted])
      expect(await isPlatformAdmin(sut, account.userId)).toBe(false);

    const granted = await events(sut, 'identity.platform-admin.granted', verified.userId);
    expect(granted).toHaveLength(1);
    expect(granted[0].payload).toEqual({ userId: verified.userId, via: 'configuration' });
    expect(granted[0].actor).toMatchObject({ type: 'system' });

    // Another start (or instance) finds nothing left to grant.
    expect(await sut.app.get(PlatformAdminBootstrap).apply(null)).toEqual([]);
    expect(await events(sut, 'identity.platform-admin.granted', verified.userId)).toHaveLength(1);
  });

  it('appoints a listed account when it verifies its email, in its live session', async () => {
    const account = await signUp(sut, listedLater);
    expect(await isPlatformAdmin(sut, account.userId)).toBe(false);
    const refused = await sut.http.get('/api/v1/admin/users').set(bearer(account.accessToken)).expect(403);
    expect(refused.body.type).toMatch(/identity\.platform-admin-required$/);

    const [mail] = await sut.dataSource.query(
      `SELECT text_body FROM identity_mail_outbox WHERE recipient = $1 AND template = 'verifyEmail'`,
      [listedLater],
    );
    const token = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail.text_body)![1];
    await sut.http.post('/api/v1/auth/verify-email').send({ token }).expect(204);

    // The grant follows the verification event through the durable queue: a bounded wait for it.
    for (let attempt = 0; attempt < 150 && !(await isPlatformAdmin(sut, account.userId)); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await isPlatformAdmin(sut, account.userId)).toBe(true);
    // No new sign-in needed, and GET /me says so (the console shows its platform screens from it).
    await sut.http.get('/api/v1/admin/users').set(bearer(account.accessToken)).expect(200);
    const me = await sut.http.get('/api/v1/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body.platformAdmin).toBe(true);
  });

  it('refuses to revoke a configured administrator through the API', async () => {
    await makePlatformAdmin(sut, unlisted.userId);
    const signIn = await sut.http
      .post('/api/v1/auth/sign-in')
      .send({ email: unlisted.email, password: PASSWORD })
      .expect(200);
    const response = await sut.http
      .delete(`/api/v1/admin/users/${verified.userId}/platform-admin`)
      .set(bearer(signIn.body.accessToken))
      .expect(409);
    expect(response.body.type).toMatch(/identity\.platform-admin-configured$/);
    expect(await isPlatformAdmin(sut, verified.userId)).toBe(true);
  });
});

describe(`${PlatformAdminController.name}: accounts and administrators`, () => {
  let sut: TestApp;
  let admin: Account;

  const list = (query: string, as = admin) => sut.http.get(`/api/v1/admin/users${query}`).set(bearer(as.accessToken));
  const grant = (userId: string, as = admin) =>
    sut.http.post(`/api/v1/admin/users/${userId}/platform-admin`).set(bearer(as.accessToken));
  const revoke = (userId: string, as = admin) =>
    sut.http.delete(`/api/v1/admin/users/${userId}/platform-admin`).set(bearer(as.accessToken));

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin] });
    admin = await signUp(sut);
    await makePlatformAdmin(sut, admin.userId);
  });
  afterAll(async () => {
    await sut?.close();
  });

  describe('GET /admin/users', () => {
    it('answers platform administrators only', async () => {
      await sut.http.get('/api/v1/admin/users').expect(401);
      const someone = await signUp(sut);
      const refused = await list('', someone).expect(403);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.type).toMatch(/identity\.platform-admin-required$/);
    });

    it('pages, searches by email, sorts, filters and selects fields', async () => {
      const tag = `find${randomBytes(4).toString('hex')}`;
      const found = [
        await signUp(sut, `carol.${tag}@example.com`, 'Carol'),
        await signUp(sut, `alice.${tag}@example.com`, 'Alice'),
        await signUp(sut, `bob.${tag.toUpperCase()}@example.com`, 'Bob'), // contains ignores case
      ];
      await markVerified(sut, found[0].userId);

      const page1 = await list(`?filter[email][contains]=${tag}&sort=email&pageSize=2`).expect(200);
      expect(page1.body.meta).toEqual({ page: 1, pageSize: 2, total: 3, pageCount: 2 });
      expect(page1.body.data.map((u: { displayName: string }) => u.displayName)).toEqual(['Alice', 'Bob']);
      expect(page1.body.data[0]).toEqual({
        id: found[1].userId,
        email: found[1].email,
        displayName: 'Alice',
        emailVerified: false,
        twoFactorEnabled: false,
        platformAdmin: false,
        closedAt: null,
        createdAt: expect.any(String),
      });
      const page2 = await list(`?filter[email][contains]=${tag}&sort=email&pageSize=2&page=2`).expect(200);
      expect(page2.body.data.map((u: { displayName: string }) => u.displayName)).toEqual(['Carol']);

      const verifiedOnly = await list(`?filter[email][contains]=${tag}&filter[emailVerified]=true`).expect(200);
      expect(verifiedOnly.body.data.map((u: { id: string }) => u.id)).toEqual([found[0].userId]);

      const admins = await list('?filter[platformAdmin]=true&fields=id,email').expect(200);
      expect(admins.body.data).toContainEqual({ id: admin.userId, email: admin.email });
      for (const user of admins.body.data) expect(Object.keys(user).sort()).toEqual(['email', 'id']);
      expect(JSON.stringify(admins.body)).not.toMatch(/argon2|passwordHash|totpSecret/);
    });

    it('refuses unknown fields, operators and parameters with 400 naming each', async () => {
      const response = await list(
        '?filter[passwordHash][eq]=x&filter[email][regex]=a&pageSize=500&sort=totpSecret&q=ada',
      ).expect(400);
      expect(response.body.type).toMatch(/core\.validation-failed$/);
      const paths = response.body.errors.map((e: { path: string }) => e.path);
      for (const path of ['filter[passwordHash]', 'filter[email][regex]', 'pageSize', 'sort', 'q']) {
        expect(paths).toContain(path);
      }
    });
  });

  describe('GET /admin/mail', () => {
    it('shows the outbox to platform administrators, with the text of mails that were only logged', async () => {
      const someone = await signUp(sut);
      await sut.http.get('/api/v1/admin/mail').set(bearer(someone.accessToken)).expect(403);
      await sut.http.get('/api/v1/admin/mail').expect(401);

      const listed = await sut.http
        .get(`/api/v1/admin/mail?filter[recipient][eq]=${encodeURIComponent(someone.email)}`)
        .set(bearer(admin.accessToken))
        .expect(200);
      // No SMTP in this app: the sign-up's verification mail is logged, and its link readable here.
      expect(listed.body.data).toEqual([
        expect.objectContaining({
          recipient: someone.email,
          template: 'verifyEmail',
          status: 'logged',
          textBody: expect.stringContaining('/admin/verify-email?token='),
        }),
      ]);
      const refused = await sut.http.get('/api/v1/admin/mail?filter[textBody][eq]=x').set(bearer(admin.accessToken));
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].path).toMatch(/textBody/);
    });
  });

  describe('appointing and revoking', () => {
    it('appoints a verified account, effective at once in its live session, recorded once', async () => {
      const target = await signUp(sut);
      await markVerified(sut, target.userId);
      await list('', target).expect(403); // and now cached on this instance as a non-administrator

      const response = await grant(target.userId).expect(200);
      expect(response.body).toMatchObject({ id: target.userId, platformAdmin: true });
      await list('', target).expect(200);

      await grant(target.userId).expect(200); // already one: nothing happens
      const granted = await events(sut, 'identity.platform-admin.granted', target.userId);
      expect(granted).toHaveLength(1);
      expect(granted[0].payload).toEqual({ userId: target.userId, via: 'api' });
      expect(granted[0].actor).toMatchObject({ type: 'user', id: admin.userId });
    });

    it('refuses an account that has not verified its email, a closed one, an unknown id and a malformed one', async () => {
      const unverified = await signUp(sut);
      const notVerified = await grant(unverified.userId).expect(409);
      expect(notVerified.body).toMatchObject({ reason: 'email-not-verified' });
      expect(notVerified.body.type).toMatch(/identity\.platform-admin-ineligible$/);

      const closed = await signUp(sut);
      await sut.dataSource.query(
        `UPDATE identity_users SET closed_at = now(), email_verified_at = now() WHERE id = $1`,
        [closed.userId],
      );
      expect((await grant(closed.userId).expect(409)).body).toMatchObject({ reason: 'account-closed' });

      const unknown = await grant('01a204c9-f41c-75cb-8cd3-e79d5eeb907d').expect(404);
      expect(unknown.body.type).toMatch(/identity\.user-not-found$/);
      await grant('not-a-uuid').expect(400);
      for (const id of [unverified.userId, closed.userId]) expect(await isPlatformAdmin(sut, id)).toBe(false);
    });

    it('is refused to anyone but a platform administrator', async () => {
      const someone = await signUp(sut);
      await markVerified(sut, someone.userId);
      const selfAppointed = await grant(someone.userId, someone).expect(403);
      expect(selfAppointed.body.type).toMatch(/identity\.platform-admin-required$/);
      const revoked = await revoke(admin.userId, someone).expect(403);
      expect(revoked.body.type).toMatch(/identity\.platform-admin-required$/);
      expect(await isPlatformAdmin(sut, someone.userId)).toBe(false);
    });

    it('revokes at once in the live sessions, recorded; not one is a no-op', async () => {
      const target = await signUp(sut);
      await makePlatformAdmin(sut, target.userId);
      await list('', target).expect(200);

      await revoke(target.userId).expect(204);
      await list('', target).expect(403);
      const revoked = await events(sut, 'identity.platform-admin.revoked', target.userId);
      expect(revoked).toHaveLength(1);
      expect(revoked[0].actor).toMatchObject({ id: admin.userId });

      await revoke(target.userId).expect(204);
      expect(await events(sut, 'identity.platform-admin.revoked', target.userId)).toHaveLength(1);
      await revoke('01a204c9-f41c-75cb-8cd3-e79d5eeb907d').expect(404);
    });
  });
});

describe(`${PlatformAdminController.name}: the last platform administrator`, () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin] });
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('cannot be revoked, by themself or anyone; closed administrators do not count', async () => {
    const only = await signUp(sut);
    await makePlatformAdmin(sut, only.userId);
    const gone = await signUp(sut);
    await makePlatformAdmin(sut, gone.userId);
    await sut.dataSource.query(`UPDATE identity_users SET closed_at = now() WHERE id = $1`, [gone.userId]);

    const self = await sut.http
      .delete(`/api/v1/admin/users/${only.userId}/platform-admin`)
      .set(bearer(only.accessToken))
      .expect(409);
    expect(self.body.type).toMatch(/identity\.last-platform-admin$/);
    expect(await isPlatformAdmin(sut, only.userId)).toBe(true);

    // With a second one, either may step down; then the other is the last.
    const second = await signUp(sut);
    await markVerified(sut, second.userId);
    await sut.http
      .post(`/api/v1/admin/users/${second.userId}/platform-admin`)
      .set(bearer(only.accessToken))
      .expect(200);
    await sut.http
      .delete(`/api/v1/admin/users/${only.userId}/platform-admin`)
      .set(bearer(only.accessToken))
      .expect(204);
    const last = await sut.http
      .delete(`/api/v1/admin/users/${second.userId}/platform-admin`)
      .set(bearer(second.accessToken))
      .expect(409);
    expect(last.body.type).toMatch(/identity\.last-platform-admin$/);
  });

  it('survives two administrators revoking each other at once: one of them stays', async () => {
    const [a, b] = [await signUp(sut), await signUp(sut)];
    await sut.dataSource.query(`UPDATE identity_users SET platform_admin = false WHERE platform_admin`);
    for (const account of [a, b]) await makePlatformAdmin(sut, account.userId);
    const results = await Promise.all([
      sut.http.delete(`/api/v1/admin/users/${b.userId}/platform-admin`).set(bearer(a.accessToken)),
      sut.http.delete(`/api/v1/admin/users/${a.userId}/platform-admin`).set(bearer(b.accessToken)),
    ]);
    const statuses = results.map((r) => r.status).sort();
    // One revocation wins; the other is refused: as the last one, or as no longer an administrator.
    expect(statuses[0]).toBe(204);
    expect([403, 409]).toContain(statuses[1]);
    const admins = await sut.dataSource.query(
      `SELECT id FROM identity_users WHERE platform_admin AND closed_at IS NULL`,
    );
    expect(admins).toHaveLength(1);
  });

  it('documents the endpoints with their problems', async () => {
    const { body } = await sut.http.get('/api/docs-json').expect(200);
    const listOperation = body.paths['/api/v1/admin/users'].get;
    expect(listOperation.tags).toEqual(['Platform administration']);
    expect(listOperation.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['page', 'pageSize', 'sort', 'fields']),
    );
    const grantOperation = body.paths['/api/v1/admin/users/{id}/platform-admin'].post;
    const revokeOperation = body.paths['/api/v1/admin/users/{id}/platform-admin'].delete;
    for (const status of ['403', '404', '409']) {
      expect(grantOperation.responses[status]).toBeDefined();
      expect(revokeOperation.responses[status]).toBeDefined();
    }
  });
});
