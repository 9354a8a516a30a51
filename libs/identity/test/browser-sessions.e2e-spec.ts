import { IdentityPlugin } from '@quire/identity';
import { createTestApp, createTestDatabase, type TestApp, type TestDatabase } from '@quire/testing';
import { randomBytes } from 'node:crypto';
import supertest, { type Response } from 'supertest';
import { TokenDeliveryInterceptor } from '../src/sessions/token-delivery.interceptor';

// --- builders -----------------------------------------------------------------------------------------------

const PASSWORD = 'correct horse battery staple';
const COOKIE_DELIVERY = { 'Quire-Token-Delivery': 'cookie' };

function anEmail(): string {
  return `browser.${randomBytes(6).toString('hex')}@example.com`;
}

interface SetCookie {
  value: string;
  attributes: Record<string, string | true>;
}

/** The Set-Cookie headers of a response, by cookie name, attribute names lower-cased. */
function setCookies(response: Response): Record<string, SetCookie> {
  const headers = (response.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  const cookies: Record<string, SetCookie> = {};
  for (const header of headers) {
    const [pair, ...parts] = header.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    const attributes: Record<string, string | true> = {};
    for (const part of parts) {
      const [name, ...value] = part.split('=');
      attributes[name.toLowerCase()] = value.length > 0 ? value.join('=') : true;
    }
    cookies[pair.slice(0, separator)] = { value: decodeURIComponent(pair.slice(separator + 1)), attributes };
  }
  return cookies;
}

function isCleared(cookie: SetCookie | undefined): boolean {
  return (
    cookie !== undefined && cookie.value === '' && new Date(String(cookie.attributes.expires)).getTime() < Date.now()
  );
}

/** A raw Cookie header, for requests that must present exactly these cookies (an old one, a replay). */
const cookieHeader = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');

// --- the suite ----------------------------------------------------------------------------------------------

describe(`Browser sessions (${TokenDeliveryInterceptor.name}, CSRF, cookie refresh)`, () => {
  let sut: TestApp;

  async function signUp(email = anEmail()): Promise<{ email: string; userId: string; accessToken: string }> {
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email, password: PASSWORD, displayName: 'Browser User' })
      .expect(201);
    return { email, userId: response.body.user.id, accessToken: response.body.accessToken };
  }

  /** A browser: a cookie jar that signed in by cookie. */
  async function browserSignedIn(email: string) {
    const browser = supertest.agent(sut.app.getHttpServer());
    const signIn = await browser
      .post('/api/v1/auth/sign-in')
      .set(COOKIE_DELIVERY)
      .set('User-Agent', 'Browser/1.0')
      .send({ email, password: PASSWORD })
      .expect(200);
    const cookies = setCookies(signIn);
    return {
      browser,
      signIn,
      csrf: signIn.body.csrfToken as string,
      access: cookies.quire_access.value,
      refresh: cookies.quire_refresh.value,
    };
  }

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin] });
  });
  afterAll(async () => {
    await sut?.close();
  });

  describe('cookie delivery', () => {
    it('sets httpOnly SameSite cookies on sign-in and keeps the tokens out of the body', async () => {
      const { email } = await signUp();
      const { signIn } = await browserSignedIn(email);
      expect(signIn.body).toEqual({ expiresIn: 600, csrfToken: expect.any(String) });

      const cookies = setCookies(signIn);
      expect(Object.keys(cookies).sort()).toEqual(['quire_access', 'quire_csrf', 'quire_refresh']);
      expect(cookies.quire_access.attributes).toMatchObject({
        httponly: true,
        samesite: 'Lax',
        path: '/',
        'max-age': '600',
      });
      expect(cookies.quire_refresh.attributes).toMatchObject({
        httponly: true,
        samesite: 'Strict',
        path: '/api/v1/auth',
        'max-age': String(30 * 86_400),
      });
      expect(cookies.quire_csrf.attributes).toMatchObject({ samesite: 'Strict', path: '/' });
      // The console reads the CSRF cookie; it is the token the body gave.
      expect(cookies.quire_csrf.attributes.httponly).toBeUndefined();
      expect(cookies.quire_csrf.value).toBe(signIn.body.csrfToken);
      // Plain-HTTP development: no Secure, or the browser would drop them.
      for (const cookie of Object.values(cookies)) expect(cookie.attributes.secure).toBeUndefined();
      expect(cookies.quire_access.value).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    });

    it('delivers sign-up by cookie too, the account in the body', async () => {
      const response = await sut.http
        .post('/api/v1/auth/sign-up')
        .set(COOKIE_DELIVERY)
        .send({ email: anEmail(), password: PASSWORD, displayName: 'Cookie Signup' })
        .expect(201);
      expect(Object.keys(response.body).sort()).toEqual(['csrfToken', 'expiresIn', 'user']);
      expect(setCookies(response).quire_access).toBeDefined();
    });

    it('answers tokens in the body without the header, or with `body`, and sets no cookie', async () => {
      const { email } = await signUp();
      for (const headers of [{}, { 'Quire-Token-Delivery': 'body' }]) {
        const response = await sut.http.post('/api/v1/auth/sign-in').set(headers).send({ email, password: PASSWORD });
        expect(response.status).toBe(200);
        expect(Object.keys(response.body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken']);
        expect(response.headers['set-cookie']).toBeUndefined();
      }
    });

    it('refuses an unknown delivery with 400 naming the header, before any session is made', async () => {
      const { email, userId } = await signUp();
      const response = await sut.http
        .post('/api/v1/auth/sign-in')
        .set('Quire-Token-Delivery', 'cookies')
        .send({ email, password: PASSWORD })
        .expect(400);
      expect(response.body.type).toMatch(/core\.validation-failed$/);
      expect(response.body.errors).toEqual([{ path: 'Quire-Token-Delivery', message: expect.any(String) }]);
      const [{ count }] = await sut.dataSource.query(
        `SELECT count(*)::int AS count FROM identity_sessions WHERE user_id = $1`,
        [userId],
      );
      expect(count).toBe(1); // the sign-up's
    });

    it('clears the cookies when a sign-in by cookie is refused with 401, not on a 400', async () => {
      const { email } = await signUp();
      const refused = await sut.http
        .post('/api/v1/auth/sign-in')
        .set(COOKIE_DELIVERY)
        .send({ email, password: 'not the password at all' })
        .expect(401);
      // A 401 of a token-issuing endpoint clears whatever cookies the browser had; a 400 (or 403) never does.
      expect(isCleared(setCookies(refused).quire_access)).toBe(true);
      const invalid = await sut.http.post('/api/v1/auth/sign-in').set(COOKIE_DELIVERY).send({ email }).expect(400);
      expect(invalid.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('cookie authentication and CSRF', () => {
    it('authenticates GET /me by the cookie alone: safe methods need no CSRF token', async () => {
      const { email, userId } = await signUp();
      const { browser } = await browserSignedIn(email);
      const me = await browser.get('/api/v1/me').expect(200);
      expect(me.body.id).toBe(userId);
    });

    it('refuses a state-changing request without, or with a wrong, X-CSRF-Token, and accepts the right one', async () => {
      const { email, accessToken: otherDevice } = await signUp();
      const { browser, csrf } = await browserSignedIn(email);
      const sessions = await browser.get('/api/v1/auth/sessions').expect(200);
      const other = sessions.body.find((s: { current: boolean }) => !s.current);

      for (const headers of [{}, { 'X-CSRF-Token': '' }, { 'X-CSRF-Token': `${csrf.slice(0, -1)}x` }]) {
        const refused = await browser.delete(`/api/v1/auth/sessions/${other.id}`).set(headers).expect(403);
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(refused.body.type).toMatch(/identity\.csrf-token-invalid$/);
      }
      // Nothing happened: the other device is still signed in.
      await sut.http.get('/api/v1/me').set('Authorization', `Bearer ${otherDevice}`).expect(200);

      await browser.delete(`/api/v1/auth/sessions/${other.id}`).set('X-CSRF-Token', csrf).expect(204);
      await sut.http.get('/api/v1/me').set('Authorization', `Bearer ${otherDevice}`).expect(401);
    });

    it("refuses another session's CSRF token planted as both cookie and header (cookie tossing)", async () => {
      const { email } = await signUp();
      const victim = await browserSignedIn(email);
      const attacker = await browserSignedIn((await signUp()).email);
      const response = await sut.http
        .post('/api/v1/auth/sign-out')
        .set('Cookie', cookieHeader({ quire_access: victim.access, quire_csrf: attacker.csrf }))
        .set('X-CSRF-Token', attacker.csrf)
        .expect(403);
      expect(response.body.type).toMatch(/identity\.csrf-token-invalid$/);
      await victim.browser.get('/api/v1/me').expect(200);
    });

    it('ignores the cookie on a public route posted without the CSRF token, instead of refusing it', async () => {
      const { email } = await signUp();
      const { browser } = await browserSignedIn(email);
      // E.g. a second sign-in from a tab that lost its CSRF token, or an IdP posting to the SAML ACS: public
      // routes go on anonymously rather than 403 because a cookie came along.
      const again = await browser.post('/api/v1/auth/sign-in').send({ email, password: PASSWORD }).expect(200);
      expect(again.body.accessToken).toEqual(expect.any(String));
      // The cookie still authenticates where it is checked with its CSRF token.
      await browser.get('/api/v1/me').expect(200);
      const refused = await browser.post('/api/v1/me/email-verification').expect(403);
      expect(refused.body.type).toMatch(/identity\.csrf-token-invalid$/);
    });

    it('needs no CSRF token with a bearer token, even when the browser also sends its cookies', async () => {
      const { email, accessToken } = await signUp();
      const { browser } = await browserSignedIn(email);
      const sessions = await browser.get('/api/v1/auth/sessions').expect(200);
      const browserSession = sessions.body.find((s: { current: boolean }) => s.current);
      // The Authorization header wins over the cookie: this request is the bearer session's.
      await browser
        .delete(`/api/v1/auth/sessions/${browserSession.id}`)
        .set('Authorization', `Bearer ${accessToken}`)
        .expect(204);
      await browser.get('/api/v1/me').expect(401);
    });

    it('refuses a tampered or alg:none JWT in the cookie with 401', async () => {
      const { email } = await signUp();
      const { access } = await browserSignedIn(email);
      const [header, payload, signature] = access.split('.');
      const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url');
      await sut.http.get('/api/v1/me').set('Cookie', `quire_access=${access}`).expect(200); // the control
      for (const token of [
        `${header}.${payload}.${flipped}`,
        `${none}.${payload}.`,
        `${none}.${payload}.${signature}`,
      ]) {
        const response = await sut.http.get('/api/v1/me').set('Cookie', `quire_access=${token}`).expect(401);
        expect(response.body.type).toMatch(/core\.unauthenticated$/);
      }
    });
  });

  describe('cookie refresh', () => {
    it('rotates the cookies from the refresh cookie alone, with the CSRF token, and tokens never reach the body', async () => {
      const { email } = await signUp();
      const { browser, csrf, refresh } = await browserSignedIn(email);
      const rotated = await browser.post('/api/v1/auth/refresh').set('X-CSRF-Token', csrf).expect(200);
      expect(rotated.body).toEqual({ expiresIn: 600, csrfToken: expect.any(String) });
      const cookies = setCookies(rotated);
      expect(cookies.quire_refresh.value).not.toBe(refresh);
      // (The access token may be byte-identical within the same second: same claims, deterministic HS256.)
      expect(cookies.quire_access.value).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(cookies.quire_csrf.value).toBe(rotated.body.csrfToken);
      expect(rotated.body.csrfToken).not.toBe(csrf);
      // The new cookies work, with the new CSRF token.
      await browser.get('/api/v1/me').expect(200);
      await browser
        .post('/api/v1/auth/refresh')
        .set('X-CSRF-Token', rotated.body.csrfToken as string)
        .expect(200);
    });

    it('refuses a cookie refresh without the CSRF token, and leaves the cookies', async () => {
      const { email } = await signUp();
      const { browser, csrf } = await browserSignedIn(email);
      const refused = await browser.post('/api/v1/auth/refresh').expect(403);
      expect(refused.body.type).toMatch(/identity\.csrf-token-invalid$/);
      expect(refused.headers['set-cookie']).toBeUndefined();
      await browser.post('/api/v1/auth/refresh').set('X-CSRF-Token', 'forged').expect(403);
      await browser.post('/api/v1/auth/refresh').set('X-CSRF-Token', csrf).expect(200);
    });

    it('revokes the family when a rotated refresh cookie comes back, clears the cookies, refuses the new access cookie', async () => {
      const { email } = await signUp();
      const { browser, csrf, refresh: stolen } = await browserSignedIn(email);
      const rotated = await browser.post('/api/v1/auth/refresh').set('X-CSRF-Token', csrf).expect(200);
      await browser.get('/api/v1/me').expect(200);

      const replay = await sut.http
        .post('/api/v1/auth/refresh')
        .set('Cookie', cookieHeader({ quire_refresh: stolen, quire_csrf: csrf }))
        .set('X-CSRF-Token', csrf)
        .expect(401);
      expect(replay.body.type).toMatch(/identity\.refresh-token-reused$/);
      const cleared = setCookies(replay);
      for (const name of ['quire_access', 'quire_refresh', 'quire_csrf']) expect(isCleared(cleared[name])).toBe(true);

      // The browser's current cookies died with the family, at once.
      await browser.get('/api/v1/me').expect(401);
      const next = await browser
        .post('/api/v1/auth/refresh')
        .set('X-CSRF-Token', rotated.body.csrfToken as string)
        .expect(401);
      expect(next.body.type).toMatch(/identity\.refresh-token-invalid$/);
      expect(isCleared(setCookies(next).quire_refresh)).toBe(true);
    });

    it('refuses a refresh token in both the body and the cookie with 400 naming refreshToken', async () => {
      const { email } = await signUp();
      const { browser, csrf, refresh } = await browserSignedIn(email);
      const response = await browser
        .post('/api/v1/auth/refresh')
        .set('X-CSRF-Token', csrf)
        .send({ refreshToken: refresh })
        .expect(400);
      expect(response.body.errors).toEqual([{ path: 'refreshToken', message: expect.stringMatching(/not both/) }]);
      // Nothing rotated.
      await browser.post('/api/v1/auth/refresh').set('X-CSRF-Token', csrf).expect(200);
    });
  });

  describe('sign-out', () => {
    it('needs the CSRF token, clears the cookies, and the old cookies are refused at once', async () => {
      const { email } = await signUp();
      const { browser, csrf, access, refresh } = await browserSignedIn(email);
      await browser.get('/api/v1/me').expect(200); // cached on this instance

      const forged = await browser.post('/api/v1/auth/sign-out').expect(403);
      expect(forged.body.type).toMatch(/identity\.csrf-token-invalid$/);
      await browser.get('/api/v1/me').expect(200);

      const signOut = await browser.post('/api/v1/auth/sign-out').set('X-CSRF-Token', csrf).expect(204);
      const cookies = setCookies(signOut);
      for (const name of ['quire_access', 'quire_refresh', 'quire_csrf']) expect(isCleared(cookies[name])).toBe(true);
      expect(cookies.quire_refresh.attributes.path).toBe('/api/v1/auth');

      await browser.get('/api/v1/me').expect(401);
      await sut.http.get('/api/v1/me').set('Cookie', `quire_access=${access}`).expect(401);
      await sut.http
        .post('/api/v1/auth/refresh')
        .set('Cookie', cookieHeader({ quire_refresh: refresh, quire_csrf: csrf }))
        .set('X-CSRF-Token', csrf)
        .expect(401);
    });

    it('leaves an API client without cookies to clear', async () => {
      const { accessToken } = await signUp();
      const response = await sut.http
        .post('/api/v1/auth/sign-out')
        .set('Authorization', `Bearer ${accessToken}`)
        .expect(204);
      expect(response.headers['set-cookie']).toBeUndefined();
    });
  });

  it('documents the cookie refresh and the CSRF problem in OpenAPI', async () => {
    const { body } = await sut.http.get('/api/docs-json').expect(200);
    expect(body.paths['/api/v1/auth/refresh'].post.responses['403']).toBeDefined();
    expect(body.paths['/api/v1/auth/sign-out'].post.responses['403']).toBeDefined();
    const tokens = body.components.schemas.AuthTokensResponse;
    expect(tokens.properties.csrfToken).toBeDefined();
    const refresh = body.components.schemas.RefreshDto;
    expect(refresh.required ?? []).not.toContain('refreshToken');
  });
});

describe('Browser sessions in production', () => {
  let database: TestDatabase;
  let sut: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = await createTestApp({
      plugins: [IdentityPlugin],
      database,
      // Production refuses the suites' cheap hash cost: the cheapest configuration OWASP recommends.
      env: { NODE_ENV: 'production', DATABASE_URL: database.url, PASSWORD_HASH_COST: 'm=7168,t=5,p=1' },
    });
  });
  afterAll(async () => {
    await sut?.close();
    await database?.drop();
  });

  it('marks every cookie Secure', async () => {
    const signUp = await sut.http
      .post('/api/v1/auth/sign-up')
      .set(COOKIE_DELIVERY)
      .send({ email: anEmail(), password: PASSWORD, displayName: 'Production User' })
      .expect(201);
    const cookies = setCookies(signUp);
    expect(Object.keys(cookies).sort()).toEqual(['quire_access', 'quire_csrf', 'quire_refresh']);
    for (const cookie of Object.values(cookies)) expect(cookie.attributes.secure).toBe(true);
  });
});
