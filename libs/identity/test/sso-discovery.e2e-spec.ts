import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureToken } from '@quire/testing';
import { SsoDiscovery } from '../src/sso/sign-in/sso-discovery';
import { MANAGE_SSO, SsoTestApp } from './support/sso-app';

const IDP_CERTIFICATE = readFileSync(join(__dirname, 'support/sso-keys/idp.crt'), 'utf8');
const samlConnection = (name: string, enabled = true) => ({
  kind: 'saml',
  name,
  enabled,
  config: { entryPoint: 'https://idp.example/sso', idpCert: IDP_CERTIFICATE },
});

/** GET /auth/sso/discovery: the buttons the sign-in page shows for the address typed. */
describe(`${SsoDiscovery.name} (home-realm discovery)`, () => {
  let app: SsoTestApp;
  const discover = (email: string) => app.sut.http.get('/api/v1/auth/sso/discovery').query({ email });

  beforeAll(async () => {
    app = await SsoTestApp.start();
    await app.verifiedDomain('discovered.example');
    // A domain added but never verified: it must not lead anywhere.
    await app.sut.http.post(app.path('domains')).set(app.admin).send({ domain: 'unproven.example' }).expect(201);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists the enabled connections of the workspace that verified the domain, with where to start', async () => {
    const okta = await app.createConnection(samlConnection('Okta'));
    const azure = await app.createConnection(samlConnection('Azure AD'));
    await app.createConnection(samlConnection('Old IdP, turned off', false));

    const answer = await discover('Ada@Discovered.Example').expect(200);
    expect(answer.body).toEqual({
      providers: [
        {
          id: azure.id,
          name: 'Azure AD',
          kind: 'saml',
          preset: null,
          startUrl: `${app.door.url}/api/v1/auth/sso/${azure.id}/start`,
        },
        {
          id: okta.id,
          name: 'Okta',
          kind: 'saml',
          preset: null,
          startUrl: `${app.door.url}/api/v1/auth/sso/${okta.id}/start`,
        },
      ],
    });
    // The start URL it gives is the real thing: a redirect to the identity provider.
    const start = await app.sut.http.get(`/api/v1/auth/sso/${okta.id}/start`).expect(302);
    expect(start.headers.location).toMatch(/^https:\/\/idp\.example\/sso\?SAMLRequest=/);
  });

  it('answers an empty list for unverified, unknown and other workspaces’ unverified domains', async () => {
    expect((await discover('ada@unproven.example').expect(200)).body).toEqual({ providers: [] });
    expect((await discover('ada@nowhere.example').expect(200)).body).toEqual({ providers: [] });
    const other = app.tenancy.addWorkspace('other');
    app.tenancy.grant(other, 'other-admin', MANAGE_SSO);
    await app.sut.http
      .post(app.path('domains', other))
      .set({ Authorization: fixtureToken('other-admin') })
      .send({ domain: 'other-pending.example' })
      .expect(201);
    expect((await discover('ada@other-pending.example').expect(200)).body).toEqual({ providers: [] });
  });

  it.each([
    ['no email', undefined],
    ['not an address', 'ada'],
    ['too long', `${'a'.repeat(250)}@example.com`],
  ])('refuses %s with 400 naming the email field', async (_case, email) => {
    const request = app.sut.http.get('/api/v1/auth/sso/discovery');
    const response = await (email === undefined ? request : request.query({ email })).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(response.body.errors)).toContain('email');
  });
});
