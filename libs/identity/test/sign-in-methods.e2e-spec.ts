import { IdentityPlugin } from '@quire/identity';
import {
  createTestApp,
  type TestApp,
  expectValidationProblem,
  startSmtpMailbox,
  type SmtpMailbox,
} from '@quire/testing';
import { randomBytes } from 'node:crypto';
import { EmailCodeController } from '../src/auth/email-code.controller';

// --- builders -----------------------------------------------------------------------------------------------

const PASSWORD = 'correct horse battery staple';
const CODE_SUBJECT = 'Your Quire sign-in code';
// Fast retries: a mail that fails to go out is retried in seconds, not the production quarter of an hour.
const mailRetry = { retryLimit: 2, retryDelaySeconds: 1 };

function anEmail(): string {
  return `Ada.${randomBytes(6).toString('hex')}@Example.COM`;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Everything but the per-request members, to compare two problems. */
function stable(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _requestId, instance: _instance, ...rest } = body;
  return rest;
}

function codeIn(text: string): string {
  const match = /^(\d{6})$/m.exec(text);
  if (!match) throw new Error(`No 6-digit code in the mail:\n${text}`);
  return match[1];
}

/** A 6-digit code other than `code`. */
const wrong = (code: string): string => ((Number(code) + 1) % 1_000_000).toString().padStart(6, '0');

// --- the suite ----------------------------------------------------------------------------------------------

describe(EmailCodeController.name, () => {
  let mailbox: SmtpMailbox;
  let sut: TestApp;
  /** A second instance on the same database, with email-code sign-in switched off. */
  let switchedOff: TestApp;

  async function signUp(email = anEmail()): Promise<{ email: string; userId: string }> {
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email, password: PASSWORD, displayName: 'Ada Lovelace' })
      .expect(201);
    return { email, userId: response.body.user.id };
  }

  const requestCode = (email: string, app: TestApp = sut) => app.http.post('/api/v1/auth/email-code').send({ email });
  const verify = (email: string, code: string, app: TestApp = sut) =>
    app.http.post('/api/v1/auth/email-code/verify').send({ email, code });

  /** Requests a code and reads it out of the mail, the `nth` sign-in code mailed to the address. */
  async function mailedCode(email: string, nth: number): Promise<string> {
    await requestCode(email).expect(202);
    return codeIn((await mailbox.waitForMail(email, CODE_SUBJECT, nth)).text);
  }

  async function counts(): Promise<Record<string, number>> {
    const [row] = await sut.dataSource.query(
      `SELECT (SELECT count(*) FROM identity_one_time_codes)::int AS codes,
              (SELECT count(*) FROM identity_mail_outbox)::int AS mails,
              (SELECT count(*) FROM identity_sessions)::int AS sessions`,
    );
    return row;
  }

  beforeAll(async () => {
    mailbox = await startSmtpMailbox();
    sut = await createTestApp({ plugins: [IdentityPlugin.with({ smtpUrl: mailbox.url, mailRetry })] });
    switchedOff = await createTestApp({
      plugins: [IdentityPlugin.with({ signInMethods: { password: true, emailCode: false } })],
      database: sut.database,
    });
  });
  afterAll(async () => {
    await switchedOff?.close();
    await sut?.close();
    await mailbox?.close();
  });

  describe('POST /auth/email-code and /auth/email-code/verify', () => {
    it('mails a code that signs in once, verifies the email, and works whatever the case of the address', async () => {
      const { email, userId } = await signUp();
      const requested = await requestCode(email.toUpperCase()).expect(202);
      expect(requested.body).toEqual({});

      const mail = await mailbox.waitForMail(email, CODE_SUBJECT);
      expect(mail.subject).toBe(CODE_SUBJECT);
      expect(mail.text).toContain('10 minutes');
      const code = codeIn(mail.text);

      // Stored hashed, for 10 minutes.
      const [row] = await sut.dataSource.query(
        `SELECT code_hash, expires_at FROM identity_one_time_codes
          WHERE user_id = $1 AND purpose = 'sign-in'`,
        [userId],
      );
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.code_hash).not.toContain(code);
      const minutes = (new Date(row.expires_at).getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(9);
      expect(minutes).toBeLessThanOrEqual(10);

      const signedIn = await verify(email.toLowerCase(), code).expect(200);
      expect(signedIn.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 600,
      });
      const me = await sut.http.get('/api/v1/me').set(bearer(signedIn.body.accessToken)).expect(200);
      expect(me.body).toMatchObject({ id: userId, emailVerified: true });

      // Single use.
      const reused = await verify(email, code).expect(401);
      expect(reused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(reused.body.type).toMatch(/identity\.code-invalid$/);

      const events = await sut.dataSource.query(
        `SELECT event_name, payload FROM quire_outbox WHERE payload->>'userId' = $1 AND event_name LIKE 'identity.sign-in.%'
          ORDER BY id`,
        [userId],
      );
      expect(events.map((e: { event_name: string }) => e.event_name)).toEqual([
        'identity.sign-in.succeeded',
        'identity.sign-in.failed',
      ]);
      expect(events[0].payload).toEqual({
        userId,
        sessionId: expect.any(String),
        method: 'email-code',
        secondFactor: null,
      });
      expect(events[1].payload).toEqual({ userId, method: 'email-code', reason: 'code-invalid' });
      expect(JSON.stringify(events)).not.toContain(code);
    });

    it('answers an unknown or closed address exactly as an open account, and mails nothing to it', async () => {
      const known = await signUp();
      const closed = await signUp();
      await sut.dataSource.query(`UPDATE identity_users SET closed_at = now() WHERE id = $1`, [closed.userId]);
      const unknown = anEmail();

      const toKnown = await requestCode(known.email).expect(202);
      const toUnknown = await requestCode(unknown).expect(202);
      const toClosed = await requestCode(closed.email).expect(202);
      for (const response of [toUnknown, toClosed]) {
        expect(response.body).toEqual(toKnown.body);
        expect(response.headers['content-type']).toBe(toKnown.headers['content-type']);
      }

      // The mail to the account arrives; the others have no outbox row at all (it would be written by the request).
      await mailbox.waitForMail(known.email, CODE_SUBJECT);
      for (const address of [unknown, closed.email]) {
        const outbox = await sut.dataSource.query(
          `SELECT id FROM identity_mail_outbox WHERE lower(recipient) = $1 AND template = 'signInCode'`,
          [address.toLowerCase()],
        );
        expect(outbox).toEqual([]);
        expect(mailbox.mailsTo(address, CODE_SUBJECT)).toEqual([]);
      }
      // A decoy code stands for the unknown address, bound to no account.
      const [decoy] = await sut.dataSource.query(
        `SELECT user_id FROM identity_one_time_codes WHERE email = $1 AND purpose = 'sign-in'`,
        [unknown.toLowerCase()],
      );
      expect(decoy).toEqual({ user_id: null });
    });

    it('answers guesses for an unknown address exactly as for an account: invalid, then exhausted', async () => {
      const { email } = await signUp();
      const unknown = anEmail();
      const code = await mailedCode(email, 1);
      await requestCode(unknown).expect(202);

      const guess = wrong(code);
      for (let attempt = 1; attempt <= 6; attempt += 1) {
        const forAccount = await verify(email, guess).expect(401);
        const forNobody = await verify(unknown, guess).expect(401);
        expect(stable(forNobody.body)).toEqual(stable(forAccount.body));
        expect(forAccount.body.type).toMatch(
          attempt < 5 ? /identity\.code-invalid$/ : /identity\.code-attempts-exhausted$/,
        );
      }
    });

    it('refuses a wrong code with 401 identity.code-invalid, and the right one still works afterwards', async () => {
      const { email } = await signUp();
      const code = await mailedCode(email, 1);
      const refused = await verify(email, wrong(code)).expect(401);
      expect(refused.body).toMatchObject({ status: 401, title: 'Invalid code' });
      expect(refused.body.type).toMatch(/identity\.code-invalid$/);
      const before = await counts();
      expect(before.sessions).toBeGreaterThan(0);
      await verify(email, code).expect(200);
      expect((await counts()).sessions).toBe(before.sessions + 1);
    });

    it('refuses an expired code with 401 identity.code-invalid', async () => {
      const { email, userId } = await signUp();
      const code = await mailedCode(email, 1);
      await sut.dataSource.query(
        `UPDATE identity_one_time_codes SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'sign-in'`,
        [userId],
      );
      const before = await counts();
      const response = await verify(email, code).expect(401);
      expect(response.body.type).toMatch(/identity\.code-invalid$/);
      expect((await counts()).sessions).toBe(before.sessions);
    });

    it('kills the code after 5 wrong tries: even the right code is then refused, until a new one is requested', async () => {
      const { email } = await signUp();
      const code = await mailedCode(email, 1);
      const answers: string[] = [];
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        answers.push((await verify(email, wrong(code)).expect(401)).body.type);
      }
      expect(answers.map((type) => type.replace(/^urn:quire:problem:/, ''))).toEqual([
        'identity.code-invalid',
        'identity.code-invalid',
        'identity.code-invalid',
        'identity.code-invalid',
        'identity.code-attempts-exhausted',
      ]);
      const dead = await verify(email, code).expect(401);
      expect(dead.body.type).toMatch(/identity\.code-attempts-exhausted$/);
      expect(dead.body.detail).toMatch(/request a new code/);

      const fresh = await mailedCode(email, 2);
      await verify(email, fresh).expect(200);
    });

    it('a new code replaces the earlier one', async () => {
      const { email } = await signUp();
      const first = await mailedCode(email, 1);
      let second = await mailedCode(email, 2);
      // One chance in a million that both draws are equal; a third request settles it.
      if (second === first) second = await mailedCode(email, 3);
      const old = await verify(email, first).expect(401);
      expect(old.body.type).toMatch(/identity\.code-invalid$/);
      await verify(email, second).expect(200);
    });

    it('answers 403 identity.sign-in-method-disabled on both endpoints when the method is off, and writes nothing', async () => {
      const { email } = await signUp();
      const before = await counts();
      const request = await requestCode(email, switchedOff).expect(403);
      expect(request.body.type).toMatch(/identity\.sign-in-method-disabled$/);
      expect(request.body.method).toBe('email-code');
      const verified = await verify(email, '123456', switchedOff).expect(403);
      expect(verified.body.type).toMatch(/identity\.sign-in-method-disabled$/);
      expect(await counts()).toEqual(before);
    });
  });

  describe('malformed requests', () => {
    it.each([
      ['request without an email', '/api/v1/auth/email-code', {}, ['email']],
      ['request with a bad email', '/api/v1/auth/email-code', { email: 'not-an-address' }, ['email']],
      ['request with an unknown field', '/api/v1/auth/email-code', { email: 'a@example.com', userId: 'x' }, ['userId']],
      ['verify without a code', '/api/v1/auth/email-code/verify', { email: 'a@example.com' }, ['code']],
      ['verify with 5 digits', '/api/v1/auth/email-code/verify', { email: 'a@example.com', code: '12345' }, ['code']],
      ['verify with 7 digits', '/api/v1/auth/email-code/verify', { email: 'a@example.com', code: '1234567' }, ['code']],
      ['verify with letters', '/api/v1/auth/email-code/verify', { email: 'a@example.com', code: '12a456' }, ['code']],
      ['verify with a number', '/api/v1/auth/email-code/verify', { email: 'a@example.com', code: 123456 }, ['code']],
      [
        'verify with other digits',
        '/api/v1/auth/email-code/verify',
        { email: 'a@example.com', code: '١٢٣٤٥٦' },
        ['code'],
      ],
      ['verify without an email', '/api/v1/auth/email-code/verify', { code: '123456' }, ['email']],
    ])('%s → 400 naming the fields, nothing written', async (_name, path, body, fields) => {
      const before = await counts();
      const response = await sut.http.post(path).send(body).expect(400);
      expectValidationProblem(response, fields);
      expect(await counts()).toEqual(before);
    });

    it('refuses query parameters', async () => {
      const response = await sut.http
        .post('/api/v1/auth/email-code?email=a@example.com')
        .send({ email: 'a@example.com' })
        .expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'email' })]);
    });
  });

  it('documents both endpoints under Authentication with their problems', async () => {
    const { body } = await sut.http.get('/api/docs-json').expect(200);
    for (const [path, statuses] of [
      ['/api/v1/auth/email-code', ['202', '400', '403']],
      ['/api/v1/auth/email-code/verify', ['200', '400', '401', '403']],
    ] as const) {
      const operation = body.paths[path]?.post;
      expect({ path, tags: operation?.tags }).toEqual({ path, tags: ['Authentication'] });
      expect(operation.summary).toBeTruthy();
      for (const status of statuses) expect(operation.responses[status]).toBeDefined();
    }
  });
});
