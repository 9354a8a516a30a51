import { fixtureToken } from '@quire/testing';
import { randomBytes } from 'node:crypto';
import { OAuthSignIn } from '../src/sso/sign-in/oauth-sign-in';
import { anAddress, MANAGE_SSO, SsoTestApp } from './support/sso-app';
import { SsoBrowser, type Page } from './support/sso-browser';
import { SsoGithub } from './support/sso-github';
import { SsoOidcProvider } from './support/sso-oidc-provider';

const DOMAIN = 'oidc-corp.example';
const CLIENT_ID = 'quire-test-client';
const CLIENT_SECRET = `oidc-secret-${randomBytes(12).toString('hex')}`;
const GITHUB_CLIENT = { clientId: 'Iv1.quire-test', clientSecret: `github-secret-${randomBytes(8).toString('hex')}` };

describe(`${OAuthSignIn.name} (OpenID Connect through oidc-provider, GitHub OAuth)`, () => {
  let app: SsoTestApp;
  let provider: SsoOidcProvider;
  let github: SsoGithub;
  let connectionId: string;

  beforeAll(async () => {
    app = await SsoTestApp.start(async (publicUrl) => {
      const redirectUri = `${publicUrl}/api/v1/auth/sso/oidc/callback`;
      provider = await SsoOidcProvider.start({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri });
      github = await SsoGithub.start(GITHUB_CLIENT);
      return {
        presets: { google: { issuer: provider.issuer }, github: { webUrl: github.url, apiUrl: github.apiUrl } },
      };
    });
    await app.verifiedDomain(DOMAIN);
    const connection = await app.createConnection({
      kind: 'oidc',
      name: 'Corporate OP',
      config: { issuer: provider.issuer, clientId: CLIENT_ID },
      clientSecret: CLIENT_SECRET,
    });
    connectionId = connection.id;
  });
  afterAll(async () => {
    await app?.close();
    await provider?.close();
    await github?.close();
  });

  const callbackUrl = () => `${app.door.url}/api/v1/auth/sso/oidc/callback`;
  const startUrl = (id = connectionId, query = '') => `${app.door.url}/api/v1/auth/sso/${id}/start${query}`;
  const problem = (page: Page) => JSON.parse(page.body) as Record<string, unknown>;

  /** An account at the provider; answers the login name to type. */
  function providerAccount(email: string, emailVerified = true, name = 'Ada Lovelace'): string {
    const login = `user-${randomBytes(5).toString('hex')}`;
    provider.accounts.set(login, { email, emailVerified, name });
    return login;
  }

  /**
   * Start → the provider's login page (typed in) → its consent page (accepted) → the redirect back to Quire,
   * not yet followed: answers the callback URL the provider sent the browser to.
   */
  async function throughProvider(login: string, browser = new SsoBrowser(), start = startUrl()): Promise<string> {
    let page = await browser.get(start);
    expect(page.status).toBe(302);
    expect(page.location).toMatch(new RegExp(`^(${provider.issuer}|${github.url})/`));
    for (let step = 0; step < 10; step++) {
      page = await browser.follow(page, (url) => url.startsWith(callbackUrl()));
      if (page.location && new URL(page.location, page.url).href.startsWith(callbackUrl())) {
        return new URL(page.location, page.url).href;
      }
      if (page.status === 200 && page.body.includes('name="prompt" value="login"')) {
        page = await browser.submitForm(page, { login, password: 'any password: devInteractions accept it' });
      } else if (page.status === 200 && page.body.includes('name="prompt" value="consent"')) {
        page = await browser.submitForm(page);
      } else {
        throw new Error(`Unexpected page ${page.status} at ${page.url}: ${page.body.slice(0, 300)}`);
      }
    }
    throw new Error('The provider did not send the browser back');
  }

  async function signIn(login: string, browser = new SsoBrowser(), start = startUrl()) {
    const callback = await browser.get(await throughProvider(login, browser, start));
    return { callback, browser };
  }

  async function me(browser: SsoBrowser): Promise<Page> {
    return browser.get(`${app.door.url}/api/v1/me`);
  }

  const usersWithEmail = (email: string) =>
    app.sut.dataSource.query(`SELECT id FROM identity_users WHERE lower(email) = lower($1)`, [email]);

  describe('generic OpenID Connect', () => {
    it('signs a new user in: verified account without password, member with the default role, cookies, /me', async () => {
      const email = anAddress(DOMAIN);
      const { callback, browser } = await signIn(providerAccount(email));

      expect(callback.status).toBe(302);
      expect(callback.location).toBe(`${app.door.url}/admin/`);
      expect(callback.headers.get('cache-control')).toBe('no-store');
      expect(browser.cookie(`${app.door.url}/api/v1/me`, 'quire_access')).toEqual(expect.any(String));
      expect(browser.cookie(`${app.door.url}/api/v1/auth/refresh`, 'quire_refresh')).toEqual(expect.any(String));
      expect(browser.cookie(`${app.door.url}/admin/`, 'quire_csrf')).toEqual(expect.any(String));

      const response = await me(browser);
      expect(response.status).toBe(200);
      const user = JSON.parse(response.body);
      expect(user).toMatchObject({ email, displayName: 'Ada Lovelace', emailVerified: true });
      const [row] = await app.sut.dataSource.query(
        `SELECT password_hash, email_verified_at FROM identity_users WHERE id = $1`,
        [user.id],
      );
      expect(row).toEqual({ password_hash: null, email_verified_at: expect.any(Date) });
      expect(app.tenancy.roleOf(app.workspace, user.id)).toBe('viewer');
      expect(await app.events('identity.sso-sign-in.succeeded')).toContainEqual({
        userId: user.id,
        workspaceId: app.workspace.id,
        connectionId,
        sessionId: expect.any(String),
        jit: true,
        accountCreated: true,
      });
    });

    it('signs the same person in again: same account, no second membership', async () => {
      const email = anAddress(DOMAIN);
      const login = providerAccount(email);
      const first = await signIn(login);
      const second = await signIn(login);
      expect(second.callback.status).toBe(302);
      const [a, b] = await Promise.all([me(first.browser), me(second.browser)]);
      expect(JSON.parse(a.body).id).toBe(JSON.parse(b.body).id);
      const events = (await app.events('identity.sso-sign-in.succeeded')).filter(
        (event) => event.userId === JSON.parse(a.body).id,
      );
      expect(events.map((event) => event.jit)).toEqual([true, false]);
    });

    it('returns to a path on this installation when asked, and refuses any other target with 400 returnTo', async () => {
      const login = providerAccount(anAddress(DOMAIN));
      const start = startUrl(connectionId, `?returnTo=${encodeURIComponent('/admin/content?type=post')}`);
      const { callback } = await signIn(login, new SsoBrowser(), start);
      expect(callback.location).toBe(`${app.door.url}/admin/content?type=post`);

      for (const target of ['https://evil.example/', '//evil.example/admin', '/\\evil.example', 'admin']) {
        const response = await new SsoBrowser().get(startUrl(connectionId, `?returnTo=${encodeURIComponent(target)}`));
        expect(response.status).toBe(400);
        expect(problem(response).errors).toEqual([{ path: 'returnTo', message: expect.any(String) }]);
      }
      const unknown = await new SsoBrowser().get(startUrl(connectionId, '?next=/admin/'));
      expect(unknown.status).toBe(400);
      expect(problem(unknown).errors).toEqual([{ path: 'next', message: expect.any(String) }]);
    });

    it('refuses a tampered state (400) and leaves the real one usable', async () => {
      const browser = new SsoBrowser();
      const url = new URL(await throughProvider(providerAccount(anAddress(DOMAIN)), browser));
      const tampered = new URL(url);
      tampered.searchParams.set('state', `${url.searchParams.get('state')!.slice(0, -2)}xx`);
      const refused = await browser.get(tampered.href);
      expect(refused.status).toBe(400);
      expect(problem(refused)).toMatchObject({ type: expect.stringContaining('identity.sso-state-invalid') });
      expect((await browser.get(url.href)).status).toBe(302);
    });

    it.each([
      ['nonce', 'nonce', /nonce/],
      ['PKCE verifier', 'code_verifier', /invalid_grant/],
    ])(
      'refuses a sign-in whose %s does not match (401 identity.sso-response-invalid)',
      async (_what, column, detail) => {
        const browser = new SsoBrowser();
        const url = new URL(await throughProvider(providerAccount(anAddress(DOMAIN)), browser));
        // What an attacker substituting their own authorization response would amount to.
        await app.sut.dataSource.query(
          `UPDATE identity_sso_states SET ${column} = $1 WHERE state_hash = encode(sha256($2::bytea), 'hex')`,
          [randomBytes(32).toString('base64url'), url.searchParams.get('state')],
        );
        const callback = await browser.get(url.href);
        expect(callback.status).toBe(401);
        expect(problem(callback)).toMatchObject({
          type: expect.stringContaining('identity.sso-response-invalid'),
          detail: expect.stringMatching(detail),
        });
      },
    );

    it('refuses a replayed callback with 400 identity.sso-state-invalid', async () => {
      const browser = new SsoBrowser();
      const url = await throughProvider(providerAccount(anAddress(DOMAIN)), browser);
      expect((await browser.get(url)).status).toBe(302);
      browser.forget('quire_access');
      const replay = await browser.get(url);
      expect(replay.status).toBe(400);
      expect(problem(replay).type).toContain('identity.sso-state-invalid');
    });

    it('refuses a callback opened in another browser (login CSRF), which also ends that sign-in', async () => {
      const starter = new SsoBrowser();
      const email = anAddress(DOMAIN);
      const url = await throughProvider(providerAccount(email), starter);
      const victim = await new SsoBrowser().get(url);
      expect(victim.status).toBe(400);
      expect(problem(victim).type).toContain('identity.sso-state-invalid');
      expect((await starter.get(url)).status).toBe(400);
      expect(await usersWithEmail(email)).toEqual([]);
    });

    it('refuses an address the provider has not verified with 403, creating nothing', async () => {
      const email = anAddress(DOMAIN);
      const { callback } = await signIn(providerAccount(email, false));
      expect(callback.status).toBe(403);
      expect(callback.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(problem(callback).type).toContain('identity.sso-email-unverified');
      expect(await usersWithEmail(email)).toEqual([]);
      expect(await app.events('identity.sso-sign-in.failed')).toContainEqual({
        connectionId,
        workspaceId: app.workspace.id,
        userId: null,
        reason: 'email-unverified',
      });
    });

    it('refuses an address at a domain the workspace has not verified with 403', async () => {
      const email = anAddress('gmail.example');
      const { callback } = await signIn(providerAccount(email));
      expect(callback.status).toBe(403);
      expect(problem(callback)).toMatchObject({
        type: expect.stringContaining('identity.sso-domain-not-verified'),
        domain: 'gmail.example',
      });
      expect(await usersWithEmail(email)).toEqual([]);
    });

    it('answers 401 identity.sso-provider-refused when the user cancels at the provider', async () => {
      const browser = new SsoBrowser();
      let page = await browser.follow(await browser.get(startUrl()));
      expect(page.body).toContain('name="prompt" value="login"');
      const abort = /href="([^"]*\/abort)"/.exec(page.body)![1];
      page = await browser.follow(await browser.get(new URL(abort, page.url).href), (url) =>
        url.startsWith(callbackUrl()),
      );
      const callback = await browser.get(new URL(page.location!, page.url).href);
      expect(callback.status).toBe(401);
      expect(problem(callback)).toMatchObject({
        type: expect.stringContaining('identity.sso-provider-refused'),
        providerError: 'access_denied',
      });
    });

    it('takes over an unverified account registered with the address: password and sessions of the registrant end', async () => {
      const email = anAddress(DOMAIN);
      const registrant = await app.sut.http
        .post('/api/v1/auth/sign-up')
        .send({ email, password: 'correct horse battery staple', displayName: 'Squatter' })
        .expect(201);
      await app.sut.http.get('/api/v1/me').set('Authorization', `Bearer ${registrant.body.accessToken}`).expect(200);
      // The registrant got into a workspace and made an API key: it must not survive the takeover either.
      app.tenancy.grant(app.workspace, registrant.body.user.id, [{ action: 'manage', subject: 'ApiKey' }]);
      const key = await app.sut.http
        .post(`/api/v1/workspaces/${app.workspace.slug}/api-keys`)
        .set('Authorization', `Bearer ${registrant.body.accessToken}`)
        .send({ name: 'squatter key', kind: 'management', scopes: ['read:ApiKey'] })
        .expect(201);

      const { callback, browser } = await signIn(providerAccount(email.toLowerCase()));
      expect(callback.status).toBe(302);
      const user = JSON.parse((await me(browser)).body);
      expect(user.id).toBe(registrant.body.user.id);
      const [row] = await app.sut.dataSource.query(
        `SELECT password_hash, email_verified_at FROM identity_users WHERE id = $1`,
        [user.id],
      );
      expect(row).toEqual({ password_hash: null, email_verified_at: expect.any(Date) });
      await app.sut.http.get('/api/v1/me').set('Authorization', `Bearer ${registrant.body.accessToken}`).expect(401);
      await app.sut.http
        .post('/api/v1/auth/sign-in')
        .send({ email, password: 'correct horse battery staple' })
        .expect(401);
      await app.sut.http
        .get(`/api/v1/workspaces/${app.workspace.slug}/api-keys`)
        .set('Authorization', `Bearer ${key.body.secret}`)
        .expect(401);
      expect(await app.events('identity.sso-account.claimed')).toContainEqual({
        userId: user.id,
        connectionId,
        revokedSessions: 1,
      });
    });

    it('signs a verified existing account in without touching its password', async () => {
      const email = anAddress(DOMAIN);
      const owner = await app.sut.http
        .post('/api/v1/auth/sign-up')
        .send({ email, password: 'correct horse battery staple', displayName: 'Owner' })
        .expect(201);
      await app.sut.dataSource.query(`UPDATE identity_users SET email_verified_at = now() WHERE id = $1`, [
        owner.body.user.id,
      ]);
      const { callback } = await signIn(providerAccount(email));
      expect(callback.status).toBe(302);
      await app.sut.http.get('/api/v1/me').set('Authorization', `Bearer ${owner.body.accessToken}`).expect(200);
      await app.sut.http
        .post('/api/v1/auth/sign-in')
        .send({ email, password: 'correct horse battery staple' })
        .expect(200);
    });

    it('refuses a closed account with 403 identity.sso-account-closed', async () => {
      const email = anAddress(DOMAIN);
      const login = providerAccount(email);
      const { browser } = await signIn(login);
      const { id } = JSON.parse((await me(browser)).body);
      await app.sut.dataSource.query(`UPDATE identity_users SET closed_at = now() WHERE id = $1`, [id]);
      const { callback } = await signIn(login);
      expect(callback.status).toBe(403);
      expect(problem(callback).type).toContain('identity.sso-account-closed');
      expect(problem(callback)).not.toHaveProperty('userId');
      expect(await app.events('identity.sso-sign-in.failed')).toContainEqual({
        connectionId,
        workspaceId: app.workspace.id,
        userId: id,
        reason: 'account-closed',
      });
    });

    it('uses the stored client secret: with a wrong one the code exchange fails (401) and nothing is created', async () => {
      await app.sut.http
        .patch(app.path(`connections/${connectionId}`))
        .set(app.admin)
        .send({ clientSecret: 'not-the-secret' })
        .expect(200);
      try {
        const email = anAddress(DOMAIN);
        const { callback } = await signIn(providerAccount(email));
        expect(callback.status).toBe(401);
        expect(problem(callback)).toMatchObject({
          type: expect.stringContaining('identity.sso-response-invalid'),
          detail: expect.stringContaining('invalid_client'),
        });
        expect(await usersWithEmail(email)).toEqual([]);
      } finally {
        await app.sut.http
          .patch(app.path(`connections/${connectionId}`))
          .set(app.admin)
          .send({ clientSecret: CLIENT_SECRET })
          .expect(200);
      }
    });

    it('refuses to start or finish through a disabled connection with 403, and an unknown one with 404', async () => {
      const browser = new SsoBrowser();
      const pending = await throughProvider(providerAccount(anAddress(DOMAIN)), browser);
      await app.sut.http
        .patch(app.path(`connections/${connectionId}`))
        .set(app.admin)
        .send({ enabled: false })
        .expect(200);
      try {
        const start = await new SsoBrowser().get(startUrl());
        expect(start.status).toBe(403);
        expect(problem(start).type).toContain('identity.sso-connection-disabled');
        const finish = await browser.get(pending);
        expect(finish.status).toBe(403);
        expect(problem(finish).type).toContain('identity.sso-connection-disabled');
      } finally {
        await app.sut.http
          .patch(app.path(`connections/${connectionId}`))
          .set(app.admin)
          .send({ enabled: true })
          .expect(200);
      }
      const unknown = await new SsoBrowser().get(startUrl('01a20000-0000-7000-8000-000000000000'));
      expect(unknown.status).toBe(404);
      expect(problem(unknown).type).toContain('identity.sso-connection-not-found');
      expect((await new SsoBrowser().get(startUrl('nope'))).status).toBe(400);
    });

    it('refuses a callback without state or with repeated parameters (400)', async () => {
      const browser = new SsoBrowser();
      expect((await browser.get(`${callbackUrl()}?code=abc`)).status).toBe(400);
      expect((await browser.get(`${callbackUrl()}?state=a&state=b&code=c`)).status).toBe(400);
    });
  });

  describe('Google preset', () => {
    it('discovers the provider from the preset issuer and signs in (only clientId is configured)', async () => {
      const google = await app.createConnection({
        kind: 'oidc',
        preset: 'google',
        name: 'Google',
        defaultRole: 'editor',
        config: { clientId: CLIENT_ID },
        clientSecret: CLIENT_SECRET,
      });
      expect(google).toMatchObject({ preset: 'google', config: { clientId: CLIENT_ID }, clientSecretSet: true });

      const browser = new SsoBrowser();
      const start = await browser.get(startUrl(google.id));
      const authorize = new URL(start.location!);
      expect(authorize.origin + authorize.pathname).toBe(`${provider.issuer}/auth`);
      expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
        client_id: CLIENT_ID,
        scope: 'openid email profile',
        response_type: 'code',
        code_challenge_method: 'S256',
        redirect_uri: callbackUrl(),
        state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        nonce: expect.any(String),
        code_challenge: expect.any(String),
      });

      const email = anAddress(DOMAIN);
      const { callback } = await signIn(providerAccount(email), new SsoBrowser(), startUrl(google.id));
      expect(callback.status).toBe(302);
      const [user] = await usersWithEmail(email);
      expect(app.tenancy.roleOf(app.workspace, user.id)).toBe('editor');
    });
  });

  describe('GitHub preset (OAuth 2.0 and the REST API, on a loopback stand-in)', () => {
    let githubConnection: string;

    beforeAll(async () => {
      githubConnection = (
        await app.createConnection({
          kind: 'oidc',
          preset: 'github',
          name: 'GitHub',
          config: { clientId: GITHUB_CLIENT.clientId },
          clientSecret: GITHUB_CLIENT.clientSecret,
        })
      ).id;
    });

    function githubUser(primary: { email: string; verified: boolean }): string {
      const login = `octo-${randomBytes(4).toString('hex')}`;
      github.users.set(login, {
        login,
        name: null,
        emails: [
          { email: `${login}@users.noreply.github.com`, primary: false, verified: true },
          { ...primary, primary: true },
        ],
      });
      github.signedIn = login;
      return login;
    }

    it('signs in with the verified primary address (name falls back to the login), with PKCE and no nonce', async () => {
      const email = anAddress(DOMAIN);
      const login = githubUser({ email, verified: true });
      const browser = new SsoBrowser();
      const start = await browser.get(startUrl(githubConnection));
      const authorize = new URL(start.location!);
      expect(authorize.origin + authorize.pathname).toBe(`${github.url}/login/oauth/authorize`);
      expect(authorize.searchParams.get('scope')).toBe('read:user user:email');
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.has('nonce')).toBe(false);

      const back = await browser.get(start.location!);
      const callback = await browser.get(back.location!);
      expect(callback.status).toBe(302);
      const user = JSON.parse((await me(browser)).body);
      expect(user).toMatchObject({ email, displayName: login, emailVerified: true });
    });

    it("reads GitHub's 200-with-error token answers as refusals: 401 with GitHub's error code", async () => {
      const email = anAddress(DOMAIN);
      githubUser({ email, verified: true });
      const browser = new SsoBrowser();
      const back = await browser.get((await browser.get(startUrl(githubConnection))).location!);
      const tampered = new URL(back.location!);
      tampered.searchParams.set('code', 'a-code-github-never-issued');
      const callback = await browser.get(tampered.href);
      expect(callback.status).toBe(401);
      expect(problem(callback)).toMatchObject({
        type: expect.stringContaining('identity.sso-response-invalid'),
        detail: expect.stringContaining('bad_verification_code'),
      });
      expect(await usersWithEmail(email)).toEqual([]);
    });

    it('refuses an unverified primary address with 403 identity.sso-email-unverified', async () => {
      const email = anAddress(DOMAIN);
      githubUser({ email, verified: false });
      const browser = new SsoBrowser();
      const back = await browser.get((await browser.get(startUrl(githubConnection))).location!);
      const callback = await browser.get(back.location!);
      expect(callback.status).toBe(403);
      expect(problem(callback).type).toContain('identity.sso-email-unverified');
      expect(await usersWithEmail(email)).toEqual([]);
    });
  });

  describe('connection administration', () => {
    const create = (body: Record<string, unknown>, auth = app.admin) =>
      app.sut.http.post(app.path('connections')).set(auth).send(body);
    const paths = (body: { errors: Array<{ path: string }> }) => body.errors.map((error) => error.path).sort();
    const valid = () => ({
      kind: 'oidc',
      name: 'Okta',
      config: { issuer: 'https://example.okta.com', clientId: 'abc' },
      clientSecret: 'the-secret-value',
    });

    it('never answers the client secret, and stores it sealed (AES-GCM, bound to the row)', async () => {
      const secret = `super-secret-${randomBytes(6).toString('hex')}`;
      const created = await create({ ...valid(), clientSecret: secret }).expect(201);
      expect(created.body).toMatchObject({
        kind: 'oidc',
        preset: null,
        enabled: true,
        defaultRole: 'viewer',
        clientSecretSet: true,
        config: { issuer: 'https://example.okta.com', clientId: 'abc', scopes: ['openid', 'email', 'profile'] },
        serviceProvider: { redirectUri: callbackUrl(), signInUrl: startUrl(created.body.id) },
      });
      const answers = [
        created,
        await app.sut.http
          .get(app.path(`connections/${created.body.id}`))
          .set(app.admin)
          .expect(200),
        await app.sut.http.get(app.path('connections')).set(app.admin).expect(200),
      ];
      for (const answer of answers) {
        expect(answer.text).not.toContain(secret);
        expect(answer.text).not.toMatch(/"clientSecret"\s*:/);
      }
      const [row] = await app.sut.dataSource.query(`SELECT client_secret FROM identity_sso_connections WHERE id = $1`, [
        created.body.id,
      ]);
      expect(row.client_secret).toMatch(/^v1:[0-9a-f]{8}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
      expect(row.client_secret).not.toContain(secret);

      const changed = await app.sut.http
        .patch(app.path(`connections/${created.body.id}`))
        .set(app.admin)
        .send({ clientSecret: 'rotated-secret' })
        .expect(200);
      expect(changed.body.clientSecretSet).toBe(true);
      expect(changed.text).not.toContain('rotated-secret');
      const [after] = await app.sut.dataSource.query(
        `SELECT client_secret FROM identity_sso_connections WHERE id = $1`,
        [created.body.id],
      );
      expect(after.client_secret).not.toBe(row.client_secret);
      expect(await app.events('identity.sso-connection.updated')).toContainEqual({
        connectionId: created.body.id,
        fields: ['clientSecret'],
        changes: { clientSecret: { before: null, after: null } },
      });
    });

    it.each([
      ['an issuer that is not a URL', { config: { issuer: 'example.okta.com', clientId: 'abc' } }, ['config.issuer']],
      [
        'an issuer with another scheme',
        { config: { issuer: 'ftp://example.com', clientId: 'abc' } },
        ['config.issuer'],
      ],
      [
        'an issuer with a query',
        { config: { issuer: 'https://example.com/?a=1', clientId: 'abc' } },
        ['config.issuer'],
      ],
      ['no client id', { config: { issuer: 'https://example.com' } }, ['config.clientId']],
      [
        'scopes without openid',
        { config: { issuer: 'https://e.example', clientId: 'a', scopes: ['email'] } },
        ['config.scopes'],
      ],
      [
        'an unknown setting',
        { config: { issuer: 'https://e.example', clientId: 'a', tenant: 'x' } },
        ['config.tenant'],
      ],
      ['no client secret', { clientSecret: undefined }, ['clientSecret']],
      ['owner as default role', { defaultRole: 'owner' }, ['defaultRole']],
      ['a malformed role', { defaultRole: 'Site Admin' }, ['defaultRole']],
      ['an unknown kind', { kind: 'ldap' }, ['kind']],
      ['an unknown preset', { preset: 'facebook' }, ['preset']],
      [
        'an issuer on a preset',
        { preset: 'google', config: { issuer: 'https://evil.example', clientId: 'a' } },
        ['config.issuer'],
      ],
      ['an unknown member', { tenant: 'x' }, ['tenant']],
      ['an empty name', { name: '  ' }, ['name']],
    ] as Array<[string, Record<string, unknown>, string[]]>)(
      'refuses %s with 400 naming the field',
      async (_what, change, expected) => {
        const response = await create({ ...valid(), ...change }).expect(400);
        expect(response.body.type).toContain('core.validation-failed');
        expect([...new Set(paths(response.body))]).toEqual(expected);
      },
    );

    it('changes name, state, role and settings (merged, then checked whole); kind cannot change', async () => {
      const created = await create(valid()).expect(201);
      const path = app.path(`connections/${created.body.id}`);
      const changed = await app.sut.http
        .patch(path)
        .set(app.admin)
        .send({ name: 'Okta (prod)', enabled: false, defaultRole: 'editor', config: { scopes: ['openid', 'email'] } })
        .expect(200);
      expect(changed.body).toMatchObject({
        name: 'Okta (prod)',
        enabled: false,
        defaultRole: 'editor',
        config: { issuer: 'https://example.okta.com', clientId: 'abc', scopes: ['openid', 'email'] },
      });
      expect(await app.events('identity.sso-connection.updated')).toContainEqual({
        connectionId: created.body.id,
        fields: ['name', 'enabled', 'defaultRole', 'config'],
        changes: {
          name: expect.objectContaining({ after: 'Okta (prod)' }),
          enabled: { before: true, after: false },
          defaultRole: expect.objectContaining({ after: 'editor' }),
          config: expect.objectContaining({
            after: { issuer: 'https://example.okta.com', clientId: 'abc', scopes: ['openid', 'email'] },
          }),
        },
      });
      const bad = await app.sut.http
        .patch(path)
        .set(app.admin)
        .send({ config: { issuer: 'nope' } })
        .expect(400);
      expect(paths(bad.body)).toEqual(['config.issuer']);
      const kind = await app.sut.http.patch(path).set(app.admin).send({ kind: 'saml' }).expect(400);
      expect(paths(kind.body)).toEqual(['kind']);
    });

    it("hides another workspace's connections (404) and refuses weaker members (403) and anonymous callers (401)", async () => {
      const beta = app.tenancy.addWorkspace(`beta-${randomBytes(3).toString('hex')}`);
      app.tenancy.grant(beta, 'beta-admin', MANAGE_SSO);
      const betaAuth = { Authorization: fixtureToken('beta-admin') };
      const foreign = await app.sut.http.post(app.path('connections', beta)).set(betaAuth).send(valid()).expect(201);

      for (const request of [
        app.sut.http.get(app.path(`connections/${foreign.body.id}`)),
        app.sut.http.patch(app.path(`connections/${foreign.body.id}`)).send({ name: 'mine now' }),
        app.sut.http.delete(app.path(`connections/${foreign.body.id}`)),
      ]) {
        const response = await request.set(app.admin).expect(404);
        expect(response.body.type).toContain('identity.sso-connection-not-found');
      }
      const list = await app.sut.http.get(app.path('connections')).set(app.admin).expect(200);
      expect(list.body.map((c: { id: string }) => c.id)).not.toContain(foreign.body.id);
      await app.sut.http.get(app.path('connections', beta)).set(app.admin).expect(404);
      const untouched = await app.sut.http.get(app.path(`connections/${foreign.body.id}`, beta)).set(betaAuth);
      expect(untouched.body.name).toBe('Okta');

      app.tenancy.grant(app.workspace, 'editor-member', [{ action: ['read', 'update'], subject: 'all' }]);
      const editor = { Authorization: fixtureToken('editor-member') };
      const forbidden = await create(valid(), editor).expect(403);
      expect(forbidden.body).toMatchObject({ action: 'manage', subject: 'SsoConnection' });
      await app.sut.http.get(app.path('connections')).set(editor).expect(403);
      await app.sut.http.get(app.path('connections')).expect(401);
    });

    it('deletes a connection (204): gone from the API and from sign-in', async () => {
      const created = await create(valid()).expect(201);
      await app.sut.http
        .delete(app.path(`connections/${created.body.id}`))
        .set(app.admin)
        .expect(204);
      await app.sut.http
        .get(app.path(`connections/${created.body.id}`))
        .set(app.admin)
        .expect(404);
      expect((await new SsoBrowser().get(startUrl(created.body.id))).status).toBe(404);
      expect(await app.events('identity.sso-connection.deleted')).toContainEqual({
        connectionId: created.body.id,
        name: 'Okta',
      });
    });
  });
});
