import { createConfig, lintFromString } from '@redocly/openapi-core';
import { fixtureToken } from '@quire/testing';
import { SsoDomainsController } from '../src/sso/domains/sso-domains.controller';
import { MANAGE_SSO, SsoTestApp } from './support/sso-app';

describe(SsoDomainsController.name, () => {
  let app: SsoTestApp;

  beforeAll(async () => {
    app = await SsoTestApp.start();
  });
  afterAll(async () => {
    await app?.close();
  });

  const add = (domain: string, workspace = app.workspace, auth = app.admin) =>
    app.sut.http.post(app.path('domains', workspace)).set(auth).send({ domain });
  const verify = (id: string, workspace = app.workspace, auth = app.admin) =>
    app.sut.http.post(app.path(`domains/${id}/verify`, workspace)).set(auth);

  /** A second workspace with its own administrator. */
  function otherWorkspace(slug: string) {
    const workspace = app.tenancy.addWorkspace(slug);
    const adminId = `${slug}-admin`;
    app.tenancy.grant(workspace, adminId, MANAGE_SSO);
    return { workspace, auth: { Authorization: fixtureToken(adminId) } };
  }

  it('adds a domain and answers the TXT record to publish; verify looks it up over DNS and marks it verified', async () => {
    const added = await add(' Example-One.COM. ').expect(201);
    expect(added.body).toEqual({
      id: expect.any(String),
      domain: 'example-one.com',
      verified: false,
      verifiedAt: null,
      record: {
        type: 'TXT',
        name: '_quire-verification.example-one.com',
        value: expect.stringMatching(/^quire-verification=[A-Za-z0-9_-]{32}$/),
      },
      createdAt: expect.any(String),
    });

    // Other TXT records at the name (SPF, another vendor's token) do not matter; chunks of one record are joined.
    const token = added.body.record.value as string;
    app.dns.setTxt(added.body.record.name, ['v=spf1 -all', token]);
    const verified = await verify(added.body.id).expect(200);
    expect(verified.body).toMatchObject({ id: added.body.id, verified: true, verifiedAt: expect.any(String) });
    expect(app.dns.questions).toContain('_quire-verification.example-one.com');

    const list = await app.sut.http.get(app.path('domains')).set(app.admin).expect(200);
    expect(list.body).toEqual([verified.body]);
    expect(await app.events('identity.sso-domain.verified')).toContainEqual({
      domainId: added.body.id,
      domain: 'example-one.com',
    });

    // Verifying again answers the same, without asking DNS.
    const asked = app.dns.questions.length;
    await verify(added.body.id).expect(200, verified.body);
    expect(app.dns.questions.length).toBe(asked);
  });

  it('refuses a record holding another token with 422 reason token-mismatch, and stays unverified', async () => {
    const added = await add('mismatch.example').expect(201);
    app.dns.setTxt(added.body.record.name, ['quire-verification=someone-elses-token']);
    const response = await verify(added.body.id).expect(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: expect.stringContaining('identity.sso-domain-verification-failed'),
      status: 422,
      domain: 'mismatch.example',
      reason: 'token-mismatch',
      recordName: '_quire-verification.mismatch.example',
    });
    const [row] = await app.sut.dataSource.query(`SELECT verified_at FROM identity_sso_domains WHERE id = $1`, [
      added.body.id,
    ]);
    expect(row.verified_at).toBeNull();
  });

  it('refuses a domain without the record with 422 reason record-not-found', async () => {
    const added = await add('nothing-published.example').expect(201);
    const response = await verify(added.body.id).expect(422);
    expect(response.body).toMatchObject({ reason: 'record-not-found', domain: 'nothing-published.example' });
  });

  it('answers 502 identity.sso-dns-unavailable when the DNS server fails', async () => {
    const added = await add('servfail.example').expect(201);
    app.dns.failFor(added.body.record.name);
    const response = await verify(added.body.id).expect(502);
    expect(response.body.type).toContain('identity.sso-dns-unavailable');
  });

  it('lets one workspace only hold a verified domain: 409 at add and at verify for the others', async () => {
    const second = otherWorkspace('second');
    const third = otherWorkspace('third');
    // Both add it before anyone verified it: allowed.
    const pendingThird = await add('contested.example', third.workspace, third.auth).expect(201);
    await app.verifiedDomain('contested.example', second.workspace, second.auth);

    const addAfter = await add('contested.example').expect(409);
    expect(addAfter.body).toMatchObject({
      type: expect.stringContaining('identity.sso-domain-claimed'),
      domain: 'contested.example',
    });
    // Third publishes its own (valid) record: still refused, whoever proves it first keeps it.
    app.dns.setTxt(pendingThird.body.record.name, [pendingThird.body.record.value]);
    const verifyAfter = await verify(pendingThird.body.id, third.workspace, third.auth).expect(409);
    expect(verifyAfter.body.type).toContain('identity.sso-domain-claimed');

    // The database holds the rule too, whatever a service would do.
    await expect(
      app.sut.dataSource.query(`UPDATE identity_sso_domains SET verified_at = now() WHERE id = $1`, [
        pendingThird.body.id,
      ]),
    ).rejects.toThrow(/identity_sso_domains_verified/);
  });

  it('refuses the same domain twice in a workspace with 409 identity.sso-domain-exists', async () => {
    await add('twice.example').expect(201);
    const response = await add('TWICE.example').expect(409);
    expect(response.body).toMatchObject({ type: expect.stringContaining('identity.sso-domain-exists') });
  });

  it.each([
    ['no dot', 'localhost'],
    ['an address', 'ada@example.com'],
    ['a URL', 'https://example.com'],
    ['an IP address', '10.0.0.1'],
    ['a bad label', '-x.example'],
    ['empty', ''],
  ])('refuses %s with 400 naming domain', async (_what, domain) => {
    const response = await add(domain).expect(400);
    expect(response.body.errors).toEqual([{ path: 'domain', message: expect.any(String) }]);
  });

  it('refuses a body that is not {domain} with 400 naming the fields', async () => {
    const response = await app.sut.http
      .post(app.path('domains'))
      .set(app.admin)
      .send({ domain: 5, verified: true })
      .expect(400);
    expect(new Set(response.body.errors.map((e: { path: string }) => e.path))).toEqual(new Set(['domain', 'verified']));
  });

  it("answers 404 for another workspace's domain id, which stays untouched", async () => {
    const other = otherWorkspace('elsewhere');
    const foreign = await add('foreign.example', other.workspace, other.auth).expect(201);
    await verify(foreign.body.id).expect(404);
    await app.sut.http
      .delete(app.path(`domains/${foreign.body.id}`))
      .set(app.admin)
      .expect(404);
    const list = await app.sut.http.get(app.path('domains', other.workspace)).set(other.auth).expect(200);
    expect(list.body.map((d: { id: string }) => d.id)).toContain(foreign.body.id);
    await app.sut.http.delete(app.path('domains/not-a-uuid')).set(app.admin).expect(400);
  });

  it('removes a domain (204) and frees it for another workspace', async () => {
    const id = await app.verifiedDomain('moving.example');
    await app.sut.http
      .delete(app.path(`domains/${id}`))
      .set(app.admin)
      .expect(204);
    expect(await app.events('identity.sso-domain.removed')).toContainEqual({
      domainId: id,
      domain: 'moving.example',
      wasVerified: true,
    });
    const next = otherWorkspace('next-owner');
    await app.verifiedDomain('moving.example', next.workspace, next.auth);
  });

  it('documents every SSO endpoint with its problems, permission or public access; the document lints clean', async () => {
    const { body } = await app.sut.http.get('/api/docs-json').expect(200);
    const operations: Array<[string, string, string[], string | null]> = [
      ['/api/v1/workspaces/{workspace}/sso/connections', 'get', ['401', '403', '404'], 'SsoConnection'],
      ['/api/v1/workspaces/{workspace}/sso/connections', 'post', ['400', '401', '403', '404'], 'SsoConnection'],
      ['/api/v1/workspaces/{workspace}/sso/connections/{id}', 'get', ['400', '404'], 'SsoConnection'],
      ['/api/v1/workspaces/{workspace}/sso/connections/{id}', 'patch', ['400', '404'], 'SsoConnection'],
      ['/api/v1/workspaces/{workspace}/sso/connections/{id}', 'delete', ['400', '404'], 'SsoConnection'],
      ['/api/v1/workspaces/{workspace}/sso/domains', 'get', ['401', '403', '404'], 'SsoDomain'],
      ['/api/v1/workspaces/{workspace}/sso/domains', 'post', ['400', '409'], 'SsoDomain'],
      ['/api/v1/workspaces/{workspace}/sso/domains/{id}/verify', 'post', ['404', '409', '422', '502'], 'SsoDomain'],
      ['/api/v1/workspaces/{workspace}/sso/domains/{id}', 'delete', ['400', '404'], 'SsoDomain'],
      ['/api/v1/auth/sso/{connectionId}/start', 'get', ['302', '400', '403', '404'], null],
      ['/api/v1/auth/sso/oidc/callback', 'get', ['302', '400', '401', '403', '409', '502'], null],
      ['/api/v1/auth/sso/saml/acs', 'post', ['302', '400', '401', '403', '409', '415'], null],
      ['/api/v1/auth/sso/saml/{connectionId}/metadata', 'get', ['200', '404'], null],
    ];
    for (const [path, method, statuses, subject] of operations) {
      const operation = body.paths[path]?.[method];
      expect({ path, method, tags: operation?.tags }).toEqual({ path, method, tags: ['Single sign-on'] });
      expect(operation.summary).toBeTruthy();
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(statuses));
      if (subject) expect(operation['x-permission']).toEqual({ action: 'manage', subject });
      else expect(operation.security).toEqual([]);
    }

    const config = await createConfig({
      extends: ['recommended'],
      rules: { 'no-server-example.com': 'off', 'info-license-url': 'off' },
    });
    const problems = await lintFromString({ source: JSON.stringify(body), absoluteRef: '/api/docs-json', config });
    // Start, callback and ACS answer by redirecting the browser: a 302, never a 2XX, by design.
    const redirectOnly = ['{connectionId}~1start/get', 'oidc~1callback/get', 'saml~1acs/post'];
    const ours = problems.filter((p) => {
      const pointer = p.location[0]?.pointer ?? '';
      if (!(p.severity === 'error' || p.severity === 'warn') || !pointer.includes('sso')) return false;
      return !(p.ruleId === 'operation-2xx-response' && redirectOnly.some((route) => pointer.includes(route)));
    });
    expect(ours.map((p) => `${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('refuses members without the permission (403), non-members (404) and anonymous callers (401)', async () => {
    app.tenancy.grant(app.workspace, 'reader', [{ action: 'read', subject: 'all' }]);
    const reader = { Authorization: fixtureToken('reader') };
    const forbidden = await app.sut.http.get(app.path('domains')).set(reader).expect(403);
    expect(forbidden.body.type).toContain('core.forbidden');
    await add('reader.example', app.workspace, reader).expect(403);
    await app.sut.http
      .get(app.path('domains'))
      .set({ Authorization: fixtureToken('stranger') })
      .expect(404);
    await app.sut.http.get(app.path('domains')).expect(401);
  });
});

describe('SSO switched off, and rate limits of the public SSO routes', () => {
  let app: SsoTestApp;

  beforeAll(async () => {
    app = await SsoTestApp.start(() => ({ enabled: false }), { ROUTE_RATE_LIMITS: 'true' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers 403 identity.sign-in-method-disabled on every sign-in route when SSO is off', async () => {
    const connection = await app.createConnection({
      kind: 'oidc',
      name: 'Off',
      config: { issuer: 'https://idp.example', clientId: 'x' },
      clientSecret: 'y',
    });
    const start = await app.sut.http.get(`/api/v1/auth/sso/${connection.id}/start`).expect(403);
    expect(start.body).toMatchObject({
      type: expect.stringContaining('identity.sign-in-method-disabled'),
      method: 'sso',
    });
    await app.sut.http.get('/api/v1/auth/sso/oidc/callback?state=x&code=y').expect(403);
    await app.sut.http
      .post('/api/v1/auth/sso/saml/acs')
      .type('form')
      .send({ SAMLResponse: 'x', RelayState: 'y' })
      .expect(403);
  });

  it('limits starts and finishes per client IP: past 30 a minute, 429 core.rate-limited with Retry-After', async () => {
    // Every request counts, refused or not; the test above made one start and two finishes from this IP.
    const start = '/api/v1/auth/sso/01a20000-0000-7000-8000-000000000001/start';
    for (let attempt = 1; attempt < 30; attempt++) await app.sut.http.get(start).expect(403);
    const refused = await app.sut.http.get(start).expect(429);
    expect(refused.body.type).toContain('core.rate-limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    const callback = '/api/v1/auth/sso/oidc/callback?state=x';
    for (let attempt = 2; attempt < 30; attempt++) await app.sut.http.get(callback).expect(403);
    await app.sut.http.get(callback).expect(429);
  });
});
