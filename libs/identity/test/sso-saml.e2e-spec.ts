import { SamlSignIn } from '../src/sso/sign-in/saml-sign-in';
import { anAddress, SsoTestApp } from './support/sso-app';
import { SsoBrowser, type Page } from './support/sso-browser';
import { SsoSamlIdp, type SamlAnswer } from './support/sso-saml-idp';

const DOMAIN = 'saml-corp.example';

describe(`${SamlSignIn.name} (SAML 2.0 through a samlify identity provider)`, () => {
  let app: SsoTestApp;
  let idp: SsoSamlIdp;
  let connectionId: string;

  beforeAll(async () => {
    app = await SsoTestApp.start();
    idp = await SsoSamlIdp.start();
    await app.verifiedDomain(DOMAIN);
    const connection = await app.createConnection({
      kind: 'saml',
      name: 'Corporate IdP',
      defaultRole: 'editor',
      config: { entryPoint: idp.ssoUrl, idpCert: idp.certificate, idpIssuer: idp.entityId },
    });
    connectionId = connection.id;
    const metadata = await app.sut.http.get(`/api/v1/auth/sso/saml/${connectionId}/metadata`).expect(200);
    idp.trust(metadata.text);
  });
  afterAll(async () => {
    await idp?.close();
    await app?.close();
  });

  const startUrl = () => `${app.door.url}/api/v1/auth/sso/${connectionId}/start`;

  /** Start → IdP (HTTP-Redirect) → the IdP's auto-posting form → our ACS. Answers the IdP's page and the ACS's. */
  async function signIn(
    user: { email: string; displayName: string },
    answer: SamlAnswer = {},
    browser = new SsoBrowser(),
  ): Promise<{ idpPage: Page; acs: Page; browser: SsoBrowser }> {
    idp.user = user;
    idp.next = answer;
    const start = await browser.get(startUrl());
    expect(start.status).toBe(302);
    expect(start.location).toMatch(new RegExp(`^${idp.ssoUrl}\\?SAMLRequest=`));
    const idpPage = await browser.get(start.location!);
    expect(idpPage.status).toBe(200);
    const acs = await browser.submitForm(idpPage);
    return { idpPage, acs, browser };
  }

  const problem = (page: Page) => JSON.parse(page.body) as Record<string, unknown>;

  it('signs a new user in: account created, member with the default role, session cookies, /me answers', async () => {
    const email = anAddress(DOMAIN);
    const { acs, browser } = await signIn({ email, displayName: 'Grace Hopper' });

    expect(acs.status).toBe(302);
    expect(acs.location).toBe(`${app.door.url}/admin/`);
    expect(acs.headers.get('cache-control')).toBe('no-store');
    const me = await browser.get(`${app.door.url}/api/v1/me`);
    expect(me.status).toBe(200);
    const user = JSON.parse(me.body);
    expect(user).toMatchObject({ email, displayName: 'Grace Hopper', emailVerified: true, twoFactorEnabled: false });

    const [row] = await app.sut.dataSource.query(`SELECT password_hash FROM identity_users WHERE id = $1`, [user.id]);
    expect(row.password_hash).toBeNull();
    expect(app.tenancy.roleOf(app.workspace, user.id)).toBe('editor');
    expect(await app.events('identity.sso-sign-in.succeeded')).toContainEqual({
      userId: user.id,
      workspaceId: app.workspace.id,
      connectionId,
      sessionId: expect.any(String),
      jit: true,
      accountCreated: true,
    });

    // The AuthnRequest answered was this sign-in's, and its state is gone (single use).
    expect(idp.lastRequestId).toMatch(/^_[0-9a-f]{40}$/);
    const [{ count }] = await app.sut.dataSource.query(
      `SELECT count(*)::int AS count FROM identity_sso_states WHERE saml_request_id = $1`,
      [idp.lastRequestId],
    );
    expect(count).toBe(0);
  });

  it('signs an existing member in again without adding them twice', async () => {
    const email = anAddress(DOMAIN);
    const first = await signIn({ email, displayName: 'Ada' });
    const second = await signIn({
      email: email.toUpperCase().replace(DOMAIN.toUpperCase(), DOMAIN),
      displayName: 'Ada',
    });
    expect(second.acs.status).toBe(302);
    const ids = await Promise.all(
      [first.browser, second.browser].map(
        async (browser) => JSON.parse((await browser.get(`${app.door.url}/api/v1/me`)).body).id,
      ),
    );
    expect(ids[0]).toBe(ids[1]);
    const events = (await app.events('identity.sso-sign-in.succeeded')).filter((event) => event.userId === ids[0]);
    expect(events.map((event) => [event.jit, event.accountCreated])).toEqual([
      [true, true],
      [false, false],
    ]);
  });

  it.each([
    ['signed with a key the connection does not trust', { signWith: 'attacker' }, /signature/],
    ['meant for another audience', { audience: 'https://other-sp.example/metadata' }, /audience/],
    ['expired', { expired: true }, /expired/],
    ['answering another request (InResponseTo)', { inResponseTo: '_0123456789abcdef' }, /InResponseTo/],
  ] as Array<[string, SamlAnswer, RegExp]>)(
    'refuses a response %s with 401 identity.sso-response-invalid, and no account',
    async (_what, answer, detail) => {
      const email = anAddress(DOMAIN);
      const { acs } = await signIn({ email, displayName: 'Mallory' }, answer);
      expect(acs.status).toBe(401);
      expect(acs.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(problem(acs)).toMatchObject({
        type: expect.stringContaining('identity.sso-response-invalid'),
        detail: expect.stringMatching(detail),
      });
      const users = await app.sut.dataSource.query(`SELECT id FROM identity_users WHERE lower(email) = lower($1)`, [
        email,
      ]);
      expect(users).toEqual([]);
      expect(await app.events('identity.sso-sign-in.failed')).toContainEqual({
        connectionId,
        workspaceId: app.workspace.id,
        userId: null,
        reason: 'response-invalid',
      });
    },
  );

  it('answers an IdP failure status with 401 identity.sso-provider-refused', async () => {
    const { acs } = await signIn({ email: anAddress(DOMAIN), displayName: 'X' }, { failed: true });
    expect(acs.status).toBe(401);
    expect(problem(acs)).toMatchObject({
      type: expect.stringContaining('identity.sso-provider-refused'),
      providerError: 'Responder',
    });
  });

  it('refuses a replayed response (400), and a response posted from another browser (login CSRF, 400)', async () => {
    const { idpPage, acs, browser } = await signIn({ email: anAddress(DOMAIN), displayName: 'Replay' });
    expect(acs.status).toBe(302);
    // The same browser posts the same response again (its session cookies set aside).
    browser.forget('quire_access');
    const replay = await browser.submitForm(idpPage);
    expect(replay.status).toBe(400);
    expect(problem(replay).type).toContain('identity.sso-state-invalid');

    // An attacker starts a sign-in in their own browser and has the victim's browser post the IdP's answer
    // (login CSRF): the victim's browser never started that sign-in, so it lacks the binding cookie.
    idp.user = { email: anAddress(DOMAIN), displayName: 'Attacker' };
    const attacker = new SsoBrowser();
    const started = await attacker.get(startUrl());
    const answerForAttacker = await attacker.get(started.location!);
    const forged = await new SsoBrowser().submitForm(answerForAttacker);
    expect(forged.status).toBe(400);
    expect(problem(forged).type).toContain('identity.sso-state-invalid');
    // Refused all the same afterwards in the attacker's own browser: the state was taken by the forged post.
    const late = await attacker.submitForm(answerForAttacker);
    expect(late.status).toBe(400);
  });

  it('refuses an ACS post without RelayState or SAMLResponse (400) and one that is not a form (415)', async () => {
    const browser = new SsoBrowser();
    const noRelay = await browser.postForm(`${app.door.url}/api/v1/auth/sso/saml/acs`, { SAMLResponse: 'PHg+' });
    expect(noRelay.status).toBe(400);
    expect(problem(noRelay).type).toContain('identity.sso-state-invalid');
    const json = await app.sut.http.post('/api/v1/auth/sso/saml/acs').send({ SAMLResponse: 'x' }).expect(415);
    expect(json.body.type).toContain('core.unsupported-media-type');
  });

  it('refuses an address whose domain the workspace has not verified (403), before any account exists', async () => {
    const email = anAddress('unverified-corp.example');
    const { acs } = await signIn({ email, displayName: 'Outsider' });
    expect(acs.status).toBe(403);
    expect(problem(acs)).toMatchObject({
      type: expect.stringContaining('identity.sso-domain-not-verified'),
      domain: 'unverified-corp.example',
    });
    const users = await app.sut.dataSource.query(`SELECT id FROM identity_users WHERE lower(email) = lower($1)`, [
      email,
    ]);
    expect(users).toEqual([]);
  });

  it('serves SP metadata naming the entity id and the ACS; none for unknown or OIDC connections', async () => {
    const metadata = await app.sut.http.get(`/api/v1/auth/sso/saml/${connectionId}/metadata`).expect(200);
    expect(metadata.headers['content-type']).toMatch(/application\/samlmetadata\+xml/);
    expect(metadata.text).toContain(`entityID="${app.door.url}/api/v1/auth/sso/saml/${connectionId}/metadata"`);
    expect(metadata.text).toContain(`Location="${app.door.url}/api/v1/auth/sso/saml/acs"`);
    await app.sut.http.get(`/api/v1/auth/sso/saml/01a20000-0000-7000-8000-000000000000/metadata`).expect(404);
    await app.sut.http.get(`/api/v1/auth/sso/saml/not-a-uuid/metadata`).expect(400);
  });

  describe('SAML connection settings', () => {
    const create = (config: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      app.sut.http
        .post(app.path('connections'))
        .set(app.admin)
        .send({ kind: 'saml', name: 'Bad', config, ...extra });
    const paths = (body: { errors: Array<{ path: string }> }) => body.errors.map((error) => error.path);

    it('answers the connection with what to register at the IdP, and no secret', async () => {
      const response = await app.sut.http
        .get(app.path(`connections/${connectionId}`))
        .set(app.admin)
        .expect(200);
      expect(response.body).toMatchObject({
        kind: 'saml',
        preset: null,
        defaultRole: 'editor',
        clientSecretSet: false,
        config: {
          entryPoint: idp.ssoUrl,
          idpCert: [expect.stringMatching(/^-----BEGIN CERTIFICATE-----\n/)],
          idpIssuer: idp.entityId,
          spEntityId: null,
          emailAttribute: null,
          requireSignedResponse: true,
          requireSignedAssertion: true,
        },
        serviceProvider: {
          acsUrl: `${app.door.url}/api/v1/auth/sso/saml/acs`,
          entityId: `${app.door.url}/api/v1/auth/sso/saml/${connectionId}/metadata`,
          metadataUrl: `${app.door.url}/api/v1/auth/sso/saml/${connectionId}/metadata`,
          signInUrl: `${app.door.url}/api/v1/auth/sso/${connectionId}/start`,
        },
      });
    });

    it('accepts a bare base64 certificate body and normalises it to PEM', async () => {
      const body = idp.certificate.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
      const response = await create({ entryPoint: idp.ssoUrl, idpCert: body }).expect(201);
      expect(response.body.config.idpCert).toEqual([idp.certificate.trim() + '\n']);
    });

    it.each([
      ['entryPoint missing', { idpCert: 'CERT' }, ['config.entryPoint']],
      ['entryPoint not a URL', { entryPoint: 'idp/sso', idpCert: 'CERT' }, ['config.entryPoint']],
      [
        'a certificate that is not PEM',
        { entryPoint: 'https://idp.example/sso', idpCert: 'not a cert' },
        ['config.idpCert'],
      ],
      [
        'a private key instead of the certificate',
        {
          entryPoint: 'https://idp.example/sso',
          idpCert: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
        },
        ['config.idpCert'],
      ],
      [
        'no signature required at all',
        {
          entryPoint: 'https://idp.example/sso',
          idpCert: 'CERT',
          requireSignedResponse: false,
          requireSignedAssertion: false,
        },
        ['config.requireSignedAssertion'],
      ],
      [
        'an OIDC setting',
        { entryPoint: 'https://idp.example/sso', idpCert: 'CERT', issuer: 'https://x.example' },
        ['config.issuer'],
      ],
    ])('refuses %s with 400 naming the field', async (_what, config, expected) => {
      const withCert = JSON.parse(JSON.stringify(config).replace('"CERT"', JSON.stringify(idp.certificate)));
      const response = await create(withCert).expect(400);
      expect(paths(response.body)).toEqual(expected);
    });

    it('refuses a client secret and a preset on a SAML connection', async () => {
      const response = await create(
        { entryPoint: 'https://idp.example/sso', idpCert: idp.certificate },
        { clientSecret: 'x', preset: 'google' },
      ).expect(400);
      expect(paths(response.body).sort()).toEqual(['clientSecret', 'preset']);
    });
  });
});
