import { IdentityPlugin } from '@quire/identity';
import { createTestApp, type TestApp, expectValidationProblem } from '@quire/testing';
import { randomBytes } from 'node:crypto';
import { AuthController } from '../src/auth/auth.controller';

// --- builders -----------------------------------------------------------------------------------------------

const PASSWORD = 'correct horse battery staple';

function anEmail(): string {
  return `Ada.${randomBytes(6).toString('hex')}@Example.COM`;
}

interface SignedUp {
  email: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Everything but the per-request members, to compare two problems. */
function stable(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _requestId, instance: _instance, ...rest } = body;
  return rest;
}

// --- the suite ----------------------------------------------------------------------------------------------

describe(AuthController.name, () => {
  let sut: TestApp;

  async function signUp(email = anEmail(), password = PASSWORD): Promise<SignedUp> {
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email, password, displayName: 'Ada Lovelace' })
      .expect(201);
    return {
      email,
      userId: response.body.user.id,
      accessToken: response.body.accessToken,
      refreshToken: response.body.refreshToken,
    };
  }

  const signIn = (email: string, password: string, userAgent = 'jest') =>
    sut.http.post('/api/v1/auth/sign-in').set('User-Agent', userAgent).send({ email, password });

  async function counts(): Promise<Record<string, number>> {
    const [row] = await sut.dataSource.query(
      `SELECT (SELECT count(*) FROM identity_users)::int AS users,
              (SELECT count(*) FROM identity_one_time_codes)::int AS codes,
              (SELECT count(*) FROM identity_mail_outbox)::int AS mails,
              (SELECT count(*) FROM identity_sessions)::int AS sessions`,
    );
    return row;
  }

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin] });
  });
  afterAll(async () => {
    await sut?.close();
  });

  describe('POST /auth/sign-up', () => {
    it('creates the account, mails a verification link, signs in, and /me shows the account', async () => {
      const email = anEmail();
      const response = await sut.http
        .post('/api/v1/auth/sign-up')
        .send({ email: `  ${email} `, password: PASSWORD, displayName: ' Ada Lovelace ' })
        .expect(201);
      expect(response.body).toEqual({
        user: {
          id: expect.any(String),
          email,
          displayName: 'Ada Lovelace',
          avatarUrl: null,
          emailVerified: false,
          twoFactorEnabled: false,
          platformAdmin: false,
          preferences: {},
        },
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 600,
      });

      const me = await sut.http.get('/api/v1/me').set(bearer(response.body.accessToken)).expect(200);
      // GET /me adds where this session works (none yet).
      expect(me.body).toEqual({ ...response.body.user, activeWorkspace: null, activeTeamId: null });
      expect(JSON.stringify(me.body)).not.toMatch(/argon2|passwordHash|totp/i);

      const [code] = await sut.dataSource.query(
        `SELECT email, purpose, code_hash, expires_at FROM identity_one_time_codes WHERE user_id = $1`,
        [response.body.user.id],
      );
      expect(code).toMatchObject({ email: email.toLowerCase(), purpose: 'verify-email' });
      const hours = (new Date(code.expires_at).getTime() - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(23.9);
      expect(hours).toBeLessThanOrEqual(24);

      const [mail] = await sut.dataSource.query(
        `SELECT template, text_body FROM identity_mail_outbox WHERE recipient = $1`,
        [email],
      );
      expect(mail.template).toBe('verifyEmail');
      const link = /http:\/\/127\.0\.0\.1:3000\/admin\/verify-email\?token=([A-Za-z0-9_-]{43})/.exec(mail.text_body);
      expect(link).not.toBeNull();
      // Only the hash of the token is stored.
      expect(code.code_hash).not.toContain(link![1]);
      expect(code.code_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('refuses an email already registered in another case with 409 identity.email-taken', async () => {
      const { email } = await signUp();
      const before = await counts();
      const response = await sut.http
        .post('/api/v1/auth/sign-up')
        .send({ email: email.toUpperCase(), password: PASSWORD, displayName: 'Impostor' })
        .expect(409);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.type).toMatch(/identity\.email-taken$/);
      expect(await counts()).toEqual(before);
    });

    it('refuses a weak password with 400 naming password, and writes nothing', async () => {
      const before = await counts();
      const email = anEmail();
      const response = await sut.http
        .post('/api/v1/auth/sign-up')
        .send({ email, password: 'password123', displayName: 'Ada Lovelace' })
        .expect(400);
      expect(response.body.type).toMatch(/core\.validation-failed$/);
      expect(response.body.errors.length).toBeGreaterThanOrEqual(2); // too short and too common
      expect(response.body.errors.every((e: { path: string }) => e.path === 'password')).toBe(true);
      expect(await counts()).toEqual(before);
    });
  });

  describe('POST /auth/sign-in', () => {
    it('answers tokens for the right password, whatever the case of the email', async () => {
      const { email, userId } = await signUp();
      const response = await signIn(email.toLowerCase(), PASSWORD).expect(200);
      expect(response.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 600,
      });
      const me = await sut.http.get('/api/v1/me').set(bearer(response.body.accessToken)).expect(200);
      expect(me.body.id).toBe(userId);
    });

    it('answers an unknown email exactly as a wrong password (no enumeration)', async () => {
      const { email } = await signUp();
      const wrongPassword = await signIn(email, 'not the password at all');
      const unknownEmail = await signIn(anEmail(), 'not the password at all');
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(wrongPassword.status);
      expect(unknownEmail.headers['content-type']).toBe(wrongPassword.headers['content-type']);
      expect(stable(unknownEmail.body)).toEqual(stable(wrongPassword.body));
      expect(wrongPassword.body.type).toMatch(/identity\.invalid-credentials$/);
    });

    it('refuses a closed account the same way', async () => {
      const { email, userId } = await signUp();
      const wrongPassword = await signIn(email, 'not the password at all');
      await sut.dataSource.query(`UPDATE identity_users SET closed_at = now() WHERE id = $1`, [userId]);
      const closed = await signIn(email, PASSWORD).expect(401);
      expect(stable(closed.body)).toEqual(stable(wrongPassword.body));
    });

    it('issues no tokens to an account with two-factor enabled', async () => {
      const { email, userId } = await signUp();
      await sut.dataSource.query(`UPDATE identity_users SET totp_enabled_at = now() WHERE id = $1`, [userId]);
      const before = await counts();
      const response = await signIn(email, PASSWORD).expect(200);
      // A challenge for the second step (see sign-in-methods / two-factor e2e specs), and no session.
      expect(response.body).toEqual({ twoFactorRequired: true, challengeToken: expect.any(String) });
      expect(await counts()).toEqual({ ...before, codes: before.codes + 1 });
    });
  });

  describe('POST /auth/refresh', () => {
    it('rotates the refresh token; reusing the old one revokes the family and its access tokens at once', async () => {
      const first = await signUp();
      const rotated = await sut.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.refreshToken })
        .expect(200);
      expect(rotated.body.refreshToken).not.toBe(first.refreshToken);
      expect(rotated.body.expiresIn).toBe(600);
      await sut.http.get('/api/v1/me').set(bearer(rotated.body.accessToken)).expect(200);

      const reused = await sut.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      expect(reused.body.type).toMatch(/identity\.refresh-token-reused$/);

      await sut.http.get('/api/v1/me').set(bearer(rotated.body.accessToken)).expect(401);
      const next = await sut.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(401);
      expect(next.body.type).toMatch(/identity\.refresh-token-invalid$/);
    });

    it('answers 401 identity.refresh-token-invalid for an unknown token', async () => {
      const response = await sut.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: randomBytes(32).toString('base64url') })
        .expect(401);
      expect(response.body.type).toMatch(/identity\.refresh-token-invalid$/);
    });
  });

  describe('sign-out and sessions', () => {
    it('sign-out refuses the access and refresh tokens of that session at once', async () => {
      const { accessToken, refreshToken } = await signUp();
      await sut.http.post('/api/v1/auth/sign-out').set(bearer(accessToken)).expect(204);
      const refused = await sut.http.get('/api/v1/me').set(bearer(accessToken)).expect(401);
      expect(refused.body.type).toMatch(/core\.unauthenticated$/);
      await sut.http.post('/api/v1/auth/refresh').send({ refreshToken }).expect(401);
    });

    it('sign-out needs authentication', async () => {
      await sut.http.post('/api/v1/auth/sign-out').expect(401);
    });

    it('lists my sessions, marks the current one, and revokes another device', async () => {
      const { email, accessToken: laptop } = await signUp();
      const phone = (await signIn(email, PASSWORD, 'Phone/1.0').expect(200)).body.accessToken as string;

      const listed = await sut.http.get('/api/v1/auth/sessions').set(bearer(laptop)).expect(200);
      expect(listed.body).toHaveLength(2);
      for (const session of listed.body) {
        expect(Object.keys(session).sort()).toEqual(
          ['createdAt', 'current', 'expiresAt', 'id', 'impersonation', 'ip', 'lastSeenAt', 'userAgent'].sort(),
        );
      }
      const phoneSession = listed.body.find((s: { userAgent: string }) => s.userAgent === 'Phone/1.0');
      expect(phoneSession.current).toBe(false);
      expect(listed.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

      await sut.http.delete(`/api/v1/auth/sessions/${phoneSession.id}`).set(bearer(laptop)).expect(204);
      await sut.http.get('/api/v1/me').set(bearer(phone)).expect(401);
      await sut.http.get('/api/v1/me').set(bearer(laptop)).expect(200);
      const after = await sut.http.get('/api/v1/auth/sessions').set(bearer(laptop)).expect(200);
      expect(after.body.map((s: { id: string }) => s.id)).not.toContain(phoneSession.id);
      // Already revoked: no longer one of mine.
      await sut.http.delete(`/api/v1/auth/sessions/${phoneSession.id}`).set(bearer(laptop)).expect(404);
    });

    it("answers 404 for another user's session id and leaves it alive", async () => {
      const mallory = await signUp();
      const victim = await signUp();
      const victimSessions = await sut.http.get('/api/v1/auth/sessions').set(bearer(victim.accessToken)).expect(200);
      const response = await sut.http
        .delete(`/api/v1/auth/sessions/${victimSessions.body[0].id}`)
        .set(bearer(mallory.accessToken))
        .expect(404);
      expect(response.body.type).toMatch(/identity\.session-not-found$/);
      await sut.http.get('/api/v1/me').set(bearer(victim.accessToken)).expect(200);
    });

    it('answers 400 for a session id that is not a UUID', async () => {
      const { accessToken } = await signUp();
      await sut.http.delete('/api/v1/auth/sessions/not-a-uuid').set(bearer(accessToken)).expect(400);
    });

    it('GET /me needs authentication', async () => {
      await sut.http.get('/api/v1/me').expect(401);
    });
  });

  describe('malformed requests', () => {
    it.each([
      ['sign-up without fields', '/api/v1/auth/sign-up', {}, ['email', 'password', 'displayName']],
      [
        'sign-up with an unknown field',
        '/api/v1/auth/sign-up',
        { email: anEmail(), password: PASSWORD, displayName: 'A', platformAdmin: true },
        ['platformAdmin'],
      ],
      [
        'sign-up with a bad email',
        '/api/v1/auth/sign-up',
        { email: 'nope', password: PASSWORD, displayName: 'A' },
        ['email'],
      ],
      ['sign-in without a password', '/api/v1/auth/sign-in', { email: 'a@example.com' }, ['password']],
      ['sign-in with a non-string email', '/api/v1/auth/sign-in', { email: 42, password: PASSWORD }, ['email']],
      ['refresh without a token', '/api/v1/auth/refresh', {}, ['refreshToken']],
    ])('%s → 400 naming the fields', async (_name, path, body, fields) => {
      const before = await counts();
      const response = await sut.http.post(path).send(body).expect(400);
      expectValidationProblem(response, fields);
      expect(await counts()).toEqual(before);
    });

    it('refuses invalid JSON with 400 and a non-JSON body with 415', async () => {
      const malformed = await sut.http
        .post('/api/v1/auth/sign-in')
        .set('Content-Type', 'application/json')
        .send('{"email":')
        .expect(400);
      expect(malformed.body.type).toMatch(/core\.malformed-json$/);

      const text = await sut.http
        .post('/api/v1/auth/sign-in')
        .set('Content-Type', 'text/plain')
        .send('email=a@example.com&password=x')
        .expect(415);
      expect(text.body.type).toMatch(/core\.unsupported-media-type$/);
    });
  });

  it('documents every endpoint under Authentication with its problems', async () => {
    const { body } = await sut.http.get('/api/docs-json').expect(200);
    const operations = [
      ['/api/v1/auth/sign-up', 'post', '409'],
      ['/api/v1/auth/sign-in', 'post', '401'],
      ['/api/v1/auth/refresh', 'post', '401'],
      ['/api/v1/auth/sign-out', 'post', '401'],
      ['/api/v1/auth/sessions', 'get', '401'],
      ['/api/v1/auth/sessions/{id}', 'delete', '404'],
      ['/api/v1/me', 'get', '401'],
    ];
    for (const [path, method, status] of operations) {
      const operation = body.paths[path]?.[method];
      expect({ path, tags: operation?.tags }).toEqual({ path, tags: ['Authentication'] });
      expect(operation.summary).toBeTruthy();
      expect(operation.responses[status]).toBeDefined();
    }
  });
});
