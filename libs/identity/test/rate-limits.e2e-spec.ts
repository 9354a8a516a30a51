import { randomBytes } from 'node:crypto';
import { IdentityPlugin } from '@quire/identity';
import { createTestApp, type TestApp } from '@quire/testing';
import { IDENTITY_RATE_LIMITS } from '../src/identity.rate-limits';

const PASSWORD = 'correct horse battery staple';
const anEmail = () => `Ada.${randomBytes(6).toString('hex')}@Example.COM`;
let lastOctet = 0;
/** A client address no other test used (TEST-NET-3), as the trusted proxy reports it. */
const anIp = () => `203.0.113.${++lastOctet}`;

/** Everything but the per-request members, to compare two problems. */
function stable(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _requestId, instance: _instance, detail: _detail, retryAfter: _retryAfter, ...rest } = body;
  return rest;
}

describe('Rate limits of the identity endpoints', () => {
  let sut: TestApp;

  const post = (path: string, body: object, ip: string) =>
    sut.http.post(`/api/v1/auth/${path}`).set('X-Forwarded-For', ip).send(body);
  const signIn = (email: string, password: string, ip = anIp()) => post('sign-in', { email, password }, ip);

  beforeAll(async () => {
    sut = await createTestApp({
      plugins: [IdentityPlugin],
      env: { ROUTE_RATE_LIMITS: 'true', TRUST_PROXY: 'loopback' },
    });
  });
  afterAll(async () => {
    await sut?.close();
  });

  describe('POST /auth/sign-in', () => {
    const { perAccount, perIp } = IDENTITY_RATE_LIMITS.signIn;

    it('locks an account out after its attempts from any IP, in any spelling, even with the right password then', async () => {
      const email = anEmail();
      await post('sign-up', { email, password: PASSWORD, displayName: 'Ada' }, anIp()).expect(201);
      const spellings = [email, email.toLowerCase(), ` ${email.toUpperCase()} `];
      for (let i = 0; i < perAccount.limit; i++) {
        await signIn(spellings[i % spellings.length], 'wrong password, try again').expect(401);
      }
      const refused = await signIn(email, PASSWORD).expect(429);
      expect(refused.body).toMatchObject({ type: 'urn:quire:problem:core.rate-limited', status: 429 });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(perAccount.windowSeconds);
      expect(refused.body.accessToken).toBeUndefined();
    });

    it('gives an unknown email the same lockout as a registered one (no enumeration)', async () => {
      const registered = anEmail();
      await post('sign-up', { email: registered, password: PASSWORD, displayName: 'Ada' }, anIp()).expect(201);
      const unknown = anEmail();
      const answers: Record<string, unknown>[] = [];
      for (const email of [registered, unknown]) {
        for (let i = 0; i < perAccount.limit; i++) await signIn(email, 'wrong password, try again').expect(401);
        answers.push(stable((await signIn(email, 'wrong password, try again').expect(429)).body));
      }
      expect(answers[0]).toEqual(answers[1]);
    });

    it('limits one IP across accounts', async () => {
      const ip = anIp();
      for (let i = 0; i < perIp.limit; i++) await signIn(anEmail(), 'wrong password, try again', ip).expect(401);
      await signIn(anEmail(), 'wrong password, try again', ip).expect(429);
      await signIn(anEmail(), 'wrong password, try again', anIp()).expect(401);
    });
  });

  describe('POST /auth/sign-up', () => {
    it('limits attempts on one email address', async () => {
      const email = anEmail();
      const statuses: number[] = [];
      for (let i = 0; i <= IDENTITY_RATE_LIMITS.signUp.perAccount.limit; i++) {
        const displayName = `Try ${i}`;
        statuses.push(
          (await post('sign-up', { email: email.toLowerCase(), password: PASSWORD, displayName }, anIp())).status,
        );
      }
      expect(statuses).toEqual([201, 409, 409, 429]);
    });
  });

  describe('POST /auth/refresh', () => {
    it('limits one IP', async () => {
      const ip = anIp();
      const { limit } = IDENTITY_RATE_LIMITS.refresh.perIp;
      for (let i = 0; i < limit; i++) {
        await post('refresh', { refreshToken: randomBytes(32).toString('base64url') }, ip).expect(401);
      }
      await post('refresh', { refreshToken: randomBytes(32).toString('base64url') }, ip).expect(429);
      await post('refresh', { refreshToken: randomBytes(32).toString('base64url') }, anIp()).expect(401);
    });
  });

  it('documents 429 on every limited route', async () => {
    const { body } = await sut.http.get('/api/docs-json').expect(200);
    for (const path of ['sign-in', 'sign-up', 'refresh']) {
      expect(body.paths[`/api/v1/auth/${path}`].post.responses['429']).toMatchObject({
        headers: { 'Retry-After': expect.any(Object) },
      });
    }
  });

  describe('signed-in routes that check a secret', () => {
    it('limit guesses of the current password per user, whatever IP they come from', async () => {
      const email = anEmail();
      const signedUp = await post('sign-up', { email, password: PASSWORD, displayName: 'Ada' }, anIp()).expect(201);
      const session = { Authorization: `Bearer ${signedUp.body.accessToken}` };
      const change = (currentPassword: string) =>
        sut.http
          .post('/api/v1/me/password')
          .set(session)
          .set('X-Forwarded-For', anIp())
          .send({ currentPassword, newPassword: 'an entirely new passphrase 7' });
      const { perActor } = IDENTITY_RATE_LIMITS.reauthentication;
      for (let i = 0; i < perActor.limit; i++) {
        const wrong = await change(`guess number ${i}`).expect(400);
        expect(wrong.body.type).toBe('urn:quire:problem:identity.wrong-password');
      }
      const refused = await change(PASSWORD).expect(429);
      expect(refused.body.type).toBe('urn:quire:problem:core.rate-limited');

      // Another user is not affected by this user's count.
      const other = await post('sign-up', { email: anEmail(), password: PASSWORD, displayName: 'Bo' }, anIp());
      await sut.http
        .post('/api/v1/me/password')
        .set({ Authorization: `Bearer ${other.body.accessToken}` })
        .set('X-Forwarded-For', anIp())
        .send({ currentPassword: 'not it', newPassword: 'an entirely new passphrase 7' })
        .expect(400);
    });
  });
});
