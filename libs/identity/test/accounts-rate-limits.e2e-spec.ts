import { IdentityPlugin } from '@quire/identity';
import { createTestApp, type TestApp } from '@quire/testing';
import { randomBytes } from 'node:crypto';
import { AccountRecoveryController } from '../src/accounts/account-recovery.controller';
import { IDENTITY_RATE_LIMITS } from '../src/identity.rate-limits';

const PASSWORD = 'correct horse battery staple';
const anEmail = () => `Ada.${randomBytes(6).toString('hex')}@Example.COM`;
const aToken = () => randomBytes(32).toString('base64url');
let lastOctet = 0;
/** A client address no other test used (TEST-NET-3), as the trusted proxy reports it. */
const anIp = () => `203.0.113.${++lastOctet}`;

/** Everything but the per-request members, to compare two problems. */
function stable(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _requestId, instance: _instance, detail: _detail, retryAfter: _retryAfter, ...rest } = body;
  return rest;
}

describe(`${AccountRecoveryController.name} rate limits`, () => {
  let sut: TestApp;

  const post = (path: string, body: object, ip: string) =>
    sut.http.post(`/api/v1/auth/${path}`).set('X-Forwarded-For', ip).send(body);

  async function resetMails(email: string): Promise<number> {
    const [row] = await sut.dataSource.query(
      `SELECT count(*)::int AS n FROM identity_mail_outbox WHERE lower(recipient) = $1 AND template = 'passwordReset'`,
      [email.toLowerCase()],
    );
    return row.n;
  }

  beforeAll(async () => {
    sut = await createTestApp({
      plugins: [IdentityPlugin],
      env: { ROUTE_RATE_LIMITS: 'true', TRUST_PROXY: 'loopback' },
    });
  });
  afterAll(async () => {
    await sut?.close();
  });

  describe('POST /auth/password-reset', () => {
    const { perAccount, perIp } = IDENTITY_RATE_LIMITS.passwordResetRequest;

    it('limits requests per address, from any IP, and answers a registered and an unknown address alike', async () => {
      const registered = anEmail();
      await post('sign-up', { email: registered, password: PASSWORD, displayName: 'Ada' }, anIp()).expect(201);
      const unknown = anEmail();

      const refusals: Record<string, unknown>[] = [];
      for (const email of [registered, unknown]) {
        for (let i = 0; i < perAccount.limit; i++) {
          await post('password-reset', { email: i % 2 ? email.toLowerCase() : email }, anIp()).expect(202);
        }
        const refused = await post('password-reset', { email: ` ${email.toUpperCase()} ` }, anIp()).expect(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        refusals.push(stable(refused.body));
      }
      expect(refusals[0]).toEqual(refusals[1]);
      expect(refusals[0]).toMatchObject({ type: 'urn:quire:problem:core.rate-limited', status: 429 });
      // No mail bombing: the refused request sent nothing.
      expect(await resetMails(registered)).toBe(perAccount.limit);
    });

    it('limits one IP across addresses', async () => {
      const ip = anIp();
      for (let i = 0; i < perIp.limit; i++) await post('password-reset', { email: anEmail() }, ip).expect(202);
      await post('password-reset', { email: anEmail() }, ip).expect(429);
      await post('password-reset', { email: anEmail() }, anIp()).expect(202);
    });
  });

  describe('link tokens: POST /auth/verify-email and /auth/password-reset/confirm', () => {
    const { perIp } = IDENTITY_RATE_LIMITS.linkToken;

    it('share one count per IP', async () => {
      const ip = anIp();
      for (let i = 0; i < perIp.limit; i++) {
        const response =
          i % 2
            ? await post('verify-email', { token: aToken() }, ip)
            : await post('password-reset/confirm', { token: aToken(), password: PASSWORD }, ip);
        expect({ i, status: response.status, type: response.body.type }).toEqual({
          i,
          status: 400,
          type: 'urn:quire:problem:identity.token-invalid',
        });
      }
      await post('verify-email', { token: aToken() }, ip).expect(429);
      await post('password-reset/confirm', { token: aToken(), password: PASSWORD }, ip).expect(429);
      await post('verify-email', { token: aToken() }, anIp()).expect(400);
    });
  });

  it('documents the 429 of each limited route', async () => {
    const { body } = await sut.http.get('/api/docs-json').expect(200);
    for (const path of [
      '/api/v1/auth/verify-email',
      '/api/v1/auth/password-reset',
      '/api/v1/auth/password-reset/confirm',
    ]) {
      expect({ path, documented: !!body.paths[path]?.post?.responses['429'] }).toEqual({ path, documented: true });
    }
  });
});
