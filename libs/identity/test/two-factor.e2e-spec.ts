import { IdentityPlugin } from '@quire/identity';
import {
  createTestApp,
  type TestApp,
  expectValidationProblem,
  startSmtpMailbox,
  type SmtpMailbox,
} from '@quire/testing';
import { generate } from 'otplib';
import { randomBytes } from 'node:crypto';
import { SessionService } from '../src/sessions/session.service';
import { TwoFactorController } from '../src/two-factor/two-factor.controller';

// --- builders -----------------------------------------------------------------------------------------------

const PASSWORD = 'correct horse battery staple';
const mailRetry = { retryLimit: 2, retryDelaySeconds: 1 };
const RECOVERY_CODE = /^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{2}$/;

function anEmail(): string {
  return `Ada.${randomBytes(6).toString('hex')}@Example.COM`;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The authenticator app's code `offsetSeconds` from now (30 s is the next time step). */
const totp = (secret: string, offsetSeconds = 0): Promise<string> =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

/** Another 6-digit code than `code`. */
const wrong = (code: string): string => ((Number(code) + 1) % 1_000_000).toString().padStart(6, '0');

const problemCode = (body: { type: string }): string => body.type.replace(/^urn:quire:problem:/, '');

interface Account {
  email: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
}

interface TwoFactorAccount extends Account {
  secret: string;
  recoveryCodes: string[];
}

// --- the suite ----------------------------------------------------------------------------------------------

describe(TwoFactorController.name, () => {
  let mailbox: SmtpMailbox;
  let sut: TestApp;

  async function signUp(): Promise<Account> {
    const email = anEmail();
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email, password: PASSWORD, displayName: 'Ada Lovelace' })
      .expect(201);
    const { accessToken, refreshToken } = response.body;
    return { email, userId: response.body.user.id, accessToken, refreshToken };
  }

  const signIn = (email: string, password = PASSWORD) =>
    sut.http.post('/api/v1/auth/sign-in').send({ email, password }).expect(200);

  /** A second device of the account (its own session); only for accounts without 2FA. */
  async function anotherDevice(email: string): Promise<{ accessToken: string; refreshToken: string }> {
    const { body } = await signIn(email);
    expect(body.accessToken).toEqual(expect.any(String));
    return body;
  }

  async function enabledAccount(): Promise<TwoFactorAccount> {
    const account = await signUp();
    const setup = await sut.http.post('/api/v1/me/two-factor/setup').set(bearer(account.accessToken)).expect(201);
    const confirmed = await sut.http
      .post('/api/v1/me/two-factor/confirm')
      .set(bearer(account.accessToken))
      .send({ code: await totp(setup.body.secret) })
      .expect(200);
    return { ...account, secret: setup.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
  }

  /**
   * Each TOTP time step is accepted once per account, and only the steps around now are valid, so a test may
   * spend a step or two. This lets it spend more without waiting 30 s for the next step: the account forgets
   * which step it used last (what a test of replay must of course not do).
   */
  const forgetUsedStep = (userId: string) =>
    sut.dataSource.query(`UPDATE identity_users SET totp_last_used_step = NULL WHERE id = $1`, [userId]);

  async function challenge(email: string): Promise<string> {
    const { body } = await signIn(email);
    expect(body).toEqual({ twoFactorRequired: true, challengeToken: expect.any(String) });
    return body.challengeToken as string;
  }

  const answer = (body: Record<string, unknown>) => sut.http.post('/api/v1/auth/two-factor').send(body);

  const status = async (accessToken: string) =>
    (await sut.http.get('/api/v1/me/two-factor').set(bearer(accessToken)).expect(200)).body;

  async function sessionCount(userId: string): Promise<number> {
    const [{ count }] = await sut.dataSource.query(
      `SELECT count(*)::int AS count FROM identity_sessions WHERE user_id = $1`,
      [userId],
    );
    return count;
  }

  async function eventsOf(userId: string, prefix: string): Promise<Array<{ event_name: string; payload: object }>> {
    return sut.dataSource.query(
      `SELECT event_name, payload FROM quire_outbox WHERE payload->>'userId' = $1 AND event_name LIKE $2 ORDER BY id`,
      [userId, `${prefix}%`],
    );
  }

  beforeAll(async () => {
    mailbox = await startSmtpMailbox();
    sut = await createTestApp({ plugins: [IdentityPlugin.with({ smtpUrl: mailbox.url, mailRetry })] });
  });
  afterAll(async () => {
    await sut?.close();
    await mailbox?.close();
  });

  describe('setting up: POST /me/two-factor/setup and /confirm', () => {
    it('provisions a sealed pending secret, then turns 2FA on with recovery codes shown once', async () => {
      const account = await signUp();
      expect(await status(account.accessToken)).toEqual({ enabled: false, enabledAt: null, recoveryCodesRemaining: 0 });

      const setup = await sut.http.post('/api/v1/me/two-factor/setup').set(bearer(account.accessToken)).expect(201);
      expect(Object.keys(setup.body).sort()).toEqual(['otpauthUri', 'qrCodeDataUrl', 'secret']);
      const { secret, otpauthUri, qrCodeDataUrl } = setup.body;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const uri = new URL(otpauthUri);
      expect(uri.protocol).toBe('otpauth:');
      expect(uri.host).toBe('totp');
      expect(decodeURIComponent(uri.pathname)).toBe(`/Quire:${account.email}`);
      expect(uri.searchParams.get('issuer')).toBe('Quire');
      expect(uri.searchParams.get('secret')).toBe(secret);
      expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
      const png = Buffer.from(qrCodeDataUrl.slice('data:image/png;base64,'.length), 'base64');
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

      // Sealed at rest, pending: sign-in still answers tokens.
      const [row] = await sut.dataSource.query(
        `SELECT totp_secret, totp_enabled_at FROM identity_users WHERE id = $1`,
        [account.userId],
      );
      expect(row.totp_secret).toMatch(/^v1:/);
      expect(row.totp_secret).not.toContain(secret);
      expect(row.totp_enabled_at).toBeNull();
      expect((await signIn(account.email)).body.accessToken).toEqual(expect.any(String));
      expect((await status(account.accessToken)).enabled).toBe(false);

      const confirmed = await sut.http
        .post('/api/v1/me/two-factor/confirm')
        .set(bearer(account.accessToken))
        .send({ code: await totp(secret) })
        .expect(200);
      const codes: string[] = confirmed.body.recoveryCodes;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      codes.forEach((code) => expect(code).toMatch(RECOVERY_CODE));
      const stored = await sut.dataSource.query(`SELECT code_hash FROM identity_recovery_codes WHERE user_id = $1`, [
        account.userId,
      ]);
      expect(stored).toHaveLength(10);
      const hashes = JSON.stringify(stored);
      codes.forEach((code) => {
        expect(hashes).not.toContain(code);
        expect(hashes).not.toContain(code.replace(/-/g, ''));
      });

      const after = await status(account.accessToken);
      expect(after).toEqual({ enabled: true, enabledAt: expect.any(String), recoveryCodesRemaining: 10 });
      expect(Date.parse(after.enabledAt)).not.toBeNaN();

      await mailbox.waitForMail(account.email, 'Two-factor authentication is on');
      const events = await eventsOf(account.userId, 'identity.two-factor.');
      expect(events).toEqual([
        { event_name: 'identity.two-factor.setup-started', payload: { userId: account.userId } },
        {
          event_name: 'identity.two-factor.enabled',
          payload: {
            userId: account.userId,
            recoveryCodes: 10,
            revokedSessions: 1,
            changes: { twoFactorEnabled: { before: false, after: true } },
          },
        },
      ]);
      expect(JSON.stringify(events)).not.toContain(secret);
    });

    it('signs out every other session of the account when 2FA goes on, and keeps the current one', async () => {
      const account = await signUp();
      const other = await anotherDevice(account.email);
      const setup = await sut.http.post('/api/v1/me/two-factor/setup').set(bearer(account.accessToken)).expect(201);
      await sut.http.get('/api/v1/me').set(bearer(other.accessToken)).expect(200);

      await sut.http
        .post('/api/v1/me/two-factor/confirm')
        .set(bearer(account.accessToken))
        .send({ code: await totp(setup.body.secret) })
        .expect(200);
      await sut.http.get('/api/v1/me').set(bearer(other.accessToken)).expect(401);
      await sut.http.post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
      await sut.http.get('/api/v1/me').set(bearer(account.accessToken)).expect(200);
      const [revoked] = await sut.dataSource.query(
        `SELECT revoked_reason FROM identity_sessions WHERE user_id = $1 AND revoked_at IS NOT NULL`,
        [account.userId],
      );
      expect(revoked.revoked_reason).toBe('two-factor-changed');
    });

    it('refuses a wrong, far-off or malformed code and leaves 2FA off', async () => {
      const account = await signUp();
      const { body } = await sut.http.post('/api/v1/me/two-factor/setup').set(bearer(account.accessToken)).expect(201);
      const confirm = (code: unknown) =>
        sut.http.post('/api/v1/me/two-factor/confirm').set(bearer(account.accessToken)).send({ code });

      const wrongCode = await confirm(wrong(await totp(body.secret))).expect(400);
      expect(problemCode(wrongCode.body)).toBe('identity.wrong-two-factor-code');
      expect(wrongCode.body.errors).toEqual([{ path: 'code', message: expect.any(String) }]);
      for (const offset of [-300, 300]) {
        const farOff = await confirm(await totp(body.secret, offset)).expect(400);
        expect(problemCode(farOff.body)).toBe('identity.wrong-two-factor-code');
      }
      for (const malformed of ['12345', '12ab56', 123456, '']) {
        const response = await confirm(malformed).expect(400);
        expect(problemCode(response.body)).toBe('core.validation-failed');
        expect(response.body.errors.map((e: { path: string }) => e.path)).toContain('code');
      }
      await sut.http.post('/api/v1/me/two-factor/confirm').set(bearer(account.accessToken)).send({}).expect(400);
      expect(await status(account.accessToken)).toEqual({ enabled: false, enabledAt: null, recoveryCodesRemaining: 0 });
    });

    it('answers 409 to confirm without setup, and to setup or confirm when 2FA is already on', async () => {
      const fresh = await signUp();
      const notSetUp = await sut.http
        .post('/api/v1/me/two-factor/confirm')
        .set(bearer(fresh.accessToken))
        .send({ code: '123456' })
        .expect(409);
      expect(problemCode(notSetUp.body)).toBe('identity.two-factor-not-set-up');

      const account = await enabledAccount();
      const again = await sut.http.post('/api/v1/me/two-factor/setup').set(bearer(account.accessToken)).expect(409);
      expect(problemCode(again.body)).toBe('identity.two-factor-already-enabled');
      const reconfirm = await sut.http
        .post('/api/v1/me/two-factor/confirm')
        .set(bearer(account.accessToken))
        .send({ code: await totp(account.secret, 30) })
        .expect(409);
      expect(problemCode(reconfirm.body)).toBe('identity.two-factor-already-enabled');
      // The working secret was not replaced.
      expect((await status(account.accessToken)).enabled).toBe(true);
    });
  });

  describe('signing in: POST /auth/two-factor', () => {
    it('answers a challenge and no tokens to a correct password, then tokens for the TOTP code', async () => {
      const account = await enabledAccount();
      const sessionsBefore = await sessionCount(account.userId);
      const token = await challenge(account.email);
      expect(await sessionCount(account.userId)).toBe(sessionsBefore);
      const [stored] = await sut.dataSource.query(
        `SELECT code_hash, expires_at FROM identity_one_time_codes WHERE user_id = $1 AND purpose = 'two-factor-challenge'`,
        [account.userId],
      );
      expect(stored.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.code_hash).not.toContain(token);
      const minutes = (new Date(stored.expires_at).getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(4);
      expect(minutes).toBeLessThanOrEqual(5);

      const signedIn = await answer({ challengeToken: token, code: await totp(account.secret, 30) }).expect(200);
      expect(signedIn.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 600,
      });
      const me = await sut.http.get('/api/v1/me').set(bearer(signedIn.body.accessToken)).expect(200);
      expect(me.body).toMatchObject({ id: account.userId, twoFactorEnabled: true });
      expect(await sessionCount(account.userId)).toBe(sessionsBefore + 1);

      // The challenge works once.
      await forgetUsedStep(account.userId);
      const reused = await answer({ challengeToken: token, code: await totp(account.secret) }).expect(401);
      expect(problemCode(reused.body)).toBe('identity.challenge-invalid');

      const events = await eventsOf(account.userId, 'identity.sign-in.');
      expect(events.map((e) => e.event_name)).toEqual(['identity.sign-in.challenged', 'identity.sign-in.succeeded']);
      expect(events[1].payload).toEqual({
        userId: account.userId,
        sessionId: expect.any(String),
        method: 'two-factor',
        secondFactor: 'totp',
      });
      expect(JSON.stringify(events)).not.toContain(token);
    });

    it('never accepts the same time step twice (replay), even on a new challenge', async () => {
      const account = await enabledAccount();
      const code = await totp(account.secret, 30);
      await answer({ challengeToken: await challenge(account.email), code }).expect(200);
      const replayed = await answer({ challengeToken: await challenge(account.email), code }).expect(401);
      expect(problemCode(replayed.body)).toBe('identity.two-factor-code-invalid');
      expect(replayed.body.attemptsRemaining).toBe(4);
    });

    it('refuses codes from outside the ±1 step window', async () => {
      const account = await enabledAccount();
      const token = await challenge(account.email);
      for (const offset of [-300, 300, -90, 90]) {
        const response = await answer({ challengeToken: token, code: await totp(account.secret, offset) }).expect(401);
        expect(problemCode(response.body)).toBe('identity.two-factor-code-invalid');
      }
      // The window itself works (the confirm spent the current step).
      await answer({ challengeToken: token, code: await totp(account.secret, 30) }).expect(200);
    });

    it('accepts a recovery code once, however it is typed, and mails a notice', async () => {
      const account = await enabledAccount();
      const [first, second] = account.recoveryCodes;
      const signedIn = await answer({ challengeToken: await challenge(account.email), recoveryCode: first }).expect(
        200,
      );
      expect(signedIn.body.accessToken).toEqual(expect.any(String));
      expect(await status(signedIn.body.accessToken)).toMatchObject({ recoveryCodesRemaining: 9 });

      const again = await answer({ challengeToken: await challenge(account.email), recoveryCode: first }).expect(401);
      expect(problemCode(again.body)).toBe('identity.two-factor-code-invalid');

      const typed = ` ${second.toUpperCase().replace(/-/g, ' ')} `;
      await answer({ challengeToken: await challenge(account.email), recoveryCode: typed }).expect(200);
      expect(await status(signedIn.body.accessToken)).toMatchObject({ recoveryCodesRemaining: 8 });

      const notice = await mailbox.waitForMail(account.email, 'A recovery code was used', 2);
      expect(notice.text).toContain('Recovery codes left: 8.');
      const used = await eventsOf(account.userId, 'identity.recovery-code.used');
      expect(used.map((e) => e.payload)).toEqual([
        { userId: account.userId, remaining: 9 },
        { userId: account.userId, remaining: 8 },
      ]);
      expect(JSON.stringify(used)).not.toContain(first);
    });

    it("refuses another account's recovery code", async () => {
      const victim = await enabledAccount();
      const attacker = await enabledAccount();
      const response = await answer({
        challengeToken: await challenge(victim.email),
        recoveryCode: attacker.recoveryCodes[0],
      }).expect(401);
      expect(problemCode(response.body)).toBe('identity.two-factor-code-invalid');
    });

    it('ends the challenge after 5 wrong codes: the right code is then refused too', async () => {
      const account = await enabledAccount();
      const token = await challenge(account.email);
      const right = await totp(account.secret, 30);
      const remaining: number[] = [];
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const response = await answer({ challengeToken: token, code: wrong(right) }).expect(401);
        expect(problemCode(response.body)).toBe('identity.two-factor-code-invalid');
        remaining.push(response.body.attemptsRemaining);
      }
      expect(remaining).toEqual([4, 3, 2, 1, 0]);
      const dead = await answer({ challengeToken: token, code: right }).expect(401);
      expect(problemCode(dead.body)).toBe('identity.challenge-invalid');
      // A new sign-in gets a new challenge.
      await answer({ challengeToken: await challenge(account.email), code: right }).expect(200);
    });

    it('refuses a tampered, unknown or expired challenge with 401 identity.challenge-invalid', async () => {
      const account = await enabledAccount();
      const code = await totp(account.secret, 30);
      const token = await challenge(account.email);
      const tampered = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
      for (const challengeToken of [tampered, randomBytes(32).toString('base64url'), 'x']) {
        const response = await answer({ challengeToken, code }).expect(401);
        expect(problemCode(response.body)).toBe('identity.challenge-invalid');
      }
      await sut.dataSource.query(
        `UPDATE identity_one_time_codes SET expires_at = now() - interval '1 second'
          WHERE user_id = $1 AND purpose = 'two-factor-challenge'`,
        [account.userId],
      );
      const expired = await answer({ challengeToken: token, code }).expect(401);
      expect(problemCode(expired.body)).toBe('identity.challenge-invalid');
    });

    it('answers the password sign-in of an unknown email and a wrong password exactly as before (no challenge)', async () => {
      const account = await enabledAccount();
      const wrongPassword = await sut.http
        .post('/api/v1/auth/sign-in')
        .send({ email: account.email, password: 'not the password at all' })
        .expect(401);
      expect(problemCode(wrongPassword.body)).toBe('identity.invalid-credentials');
      expect(wrongPassword.body.challengeToken).toBeUndefined();
      const unknownEmail = await sut.http
        .post('/api/v1/auth/sign-in')
        .send({ email: anEmail(), password: 'not the password at all' })
        .expect(401);
      const { requestId: _a, ...unknownProblem } = unknownEmail.body;
      const { requestId: _b, ...wrongProblem } = wrongPassword.body;
      expect(unknownProblem).toEqual(wrongProblem);
    });

    it('gives a challenge after an email-code sign-in too, completed with the TOTP code', async () => {
      const account = await enabledAccount();
      await sut.http.post('/api/v1/auth/email-code').send({ email: account.email }).expect(202);
      const mail = await mailbox.waitForMail(account.email, 'Your Quire sign-in code');
      const code = /^(\d{6})$/m.exec(mail.text)![1];
      const sessionsBefore = await sessionCount(account.userId);
      const first = await sut.http
        .post('/api/v1/auth/email-code/verify')
        .send({ email: account.email, code })
        .expect(200);
      expect(first.body).toEqual({ twoFactorRequired: true, challengeToken: expect.any(String) });
      expect(await sessionCount(account.userId)).toBe(sessionsBefore);
      await answer({ challengeToken: first.body.challengeToken, code: await totp(account.secret, 30) }).expect(200);
    });

    it('refuses a challenge issued before 2FA was turned off', async () => {
      const account = await enabledAccount();
      const token = await challenge(account.email);
      await sut.http
        .post('/api/v1/me/two-factor/disable')
        .set(bearer(account.accessToken))
        .send({ password: PASSWORD })
        .expect(204);
      const response = await answer({ challengeToken: token, recoveryCode: account.recoveryCodes[0] }).expect(401);
      expect(problemCode(response.body)).toBe('identity.challenge-invalid');
    });

    it.each([
      ['no challenge token', { code: '123456' }, ['challengeToken']],
      ['neither code nor recovery code', { challengeToken: 'abc' }, ['code']],
      [
        'both code and recovery code',
        { challengeToken: 'abc', code: '123456', recoveryCode: 'ab3d-ef7h-jk' },
        ['code', 'recoveryCode'],
      ],
      ['a code of letters', { challengeToken: 'abc', code: 'abcdef' }, ['code']],
      ['a code of 5 digits', { challengeToken: 'abc', code: '12345' }, ['code']],
      ['a numeric code', { challengeToken: 'abc', code: 123456 }, ['code']],
      ['an empty recovery code', { challengeToken: 'abc', recoveryCode: '' }, ['recoveryCode']],
      ['an oversized challenge token', { challengeToken: 'a'.repeat(257), code: '123456' }, ['challengeToken']],
      ['an unknown field', { challengeToken: 'abc', code: '123456', userId: 'x' }, ['userId']],
    ])('refuses %s with 400 naming the fields', async (_name, body, fields) => {
      const response = await answer(body).expect(400);
      expectValidationProblem(response, fields);
    });
  });

  describe('POST /me/two-factor/recovery-codes', () => {
    it('replaces every recovery code for a current TOTP code; the old ones stop working', async () => {
      const account = await enabledAccount();
      const refused = await sut.http
        .post('/api/v1/me/two-factor/recovery-codes')
        .set(bearer(account.accessToken))
        .send({ code: wrong(await totp(account.secret, 30)) })
        .expect(400);
      expect(problemCode(refused.body)).toBe('identity.wrong-two-factor-code');

      const replaced = await sut.http
        .post('/api/v1/me/two-factor/recovery-codes')
        .set(bearer(account.accessToken))
        .send({ code: await totp(account.secret, 30) })
        .expect(200);
      const fresh: string[] = replaced.body.recoveryCodes;
      expect(fresh).toHaveLength(10);
      expect(fresh.some((code) => account.recoveryCodes.includes(code))).toBe(false);
      expect(await status(account.accessToken)).toMatchObject({ recoveryCodesRemaining: 10 });

      const old = await answer({
        challengeToken: await challenge(account.email),
        recoveryCode: account.recoveryCodes[0],
      }).expect(401);
      expect(problemCode(old.body)).toBe('identity.two-factor-code-invalid');
      await answer({ challengeToken: await challenge(account.email), recoveryCode: fresh[0] }).expect(200);

      await mailbox.waitForMail(account.email, 'New Quire recovery codes');
      const events = await eventsOf(account.userId, 'identity.recovery-codes.');
      expect(events).toEqual([
        { event_name: 'identity.recovery-codes.regenerated', payload: { userId: account.userId, count: 10 } },
      ]);
    });

    it('answers 409 when 2FA is off', async () => {
      const account = await signUp();
      const response = await sut.http
        .post('/api/v1/me/two-factor/recovery-codes')
        .set(bearer(account.accessToken))
        .send({ code: '123456' })
        .expect(409);
      expect(problemCode(response.body)).toBe('identity.two-factor-not-enabled');
    });
  });

  describe('turning off: POST /me/two-factor/disable', () => {
    it('turns 2FA off with the password, deletes the secret and codes, and signs the other sessions out', async () => {
      const account = await enabledAccount();
      // A second device signed in through the challenge.
      const other = (
        await answer({ challengeToken: await challenge(account.email), code: await totp(account.secret, 30) }).expect(
          200,
        )
      ).body;

      const wrongPassword = await sut.http
        .post('/api/v1/me/two-factor/disable')
        .set(bearer(account.accessToken))
        .send({ password: 'not the password at all' })
        .expect(400);
      expect(problemCode(wrongPassword.body)).toBe('identity.wrong-password');
      expect(wrongPassword.body.errors).toEqual([{ path: 'password', message: expect.any(String) }]);
      await sut.http.get('/api/v1/me').set(bearer(other.accessToken)).expect(200);

      await sut.http
        .post('/api/v1/me/two-factor/disable')
        .set(bearer(account.accessToken))
        .send({ password: PASSWORD })
        .expect(204);
      expect(await status(account.accessToken)).toEqual({ enabled: false, enabledAt: null, recoveryCodesRemaining: 0 });
      await sut.http.get('/api/v1/me').set(bearer(other.accessToken)).expect(401);
      await sut.http.post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);

      const [row] = await sut.dataSource.query(
        `SELECT totp_secret, totp_enabled_at, totp_last_used_step,
                (SELECT count(*)::int FROM identity_recovery_codes WHERE user_id = $1) AS codes
           FROM identity_users WHERE id = $1`,
        [account.userId],
      );
      expect(row).toEqual({ totp_secret: null, totp_enabled_at: null, totp_last_used_step: null, codes: 0 });
      // Password alone signs in again.
      expect((await signIn(account.email)).body.accessToken).toEqual(expect.any(String));

      await mailbox.waitForMail(account.email, 'Two-factor authentication is off');
      const [disabled] = await eventsOf(account.userId, 'identity.two-factor.disabled');
      expect(disabled.payload).toEqual({
        userId: account.userId,
        confirmedWith: 'password',
        revokedSessions: 1,
        changes: { twoFactorEnabled: { before: true, after: false } },
      });
    });

    it('turns 2FA off with a TOTP code or a recovery code, and refuses wrong ones', async () => {
      const byCode = await enabledAccount();
      const disable = (account: TwoFactorAccount, body: Record<string, unknown>) =>
        sut.http.post('/api/v1/me/two-factor/disable').set(bearer(account.accessToken)).send(body);

      const wrongCode = await disable(byCode, { code: wrong(await totp(byCode.secret, 30)) }).expect(400);
      expect(problemCode(wrongCode.body)).toBe('identity.wrong-two-factor-code');
      expect(wrongCode.body.errors).toEqual([{ path: 'code', message: expect.any(String) }]);
      const farOff = await disable(byCode, { code: await totp(byCode.secret, 300) }).expect(400);
      expect(problemCode(farOff.body)).toBe('identity.wrong-two-factor-code');
      await disable(byCode, { code: await totp(byCode.secret, 30) }).expect(204);
      expect((await status(byCode.accessToken)).enabled).toBe(false);

      const byRecovery = await enabledAccount();
      const wrongRecovery = await disable(byRecovery, { recoveryCode: 'zzzz-zzzz-zz' }).expect(400);
      expect(wrongRecovery.body.errors).toEqual([{ path: 'recoveryCode', message: expect.any(String) }]);
      await disable(byRecovery, { recoveryCode: byRecovery.recoveryCodes[3] }).expect(204);
      expect((await status(byRecovery.accessToken)).enabled).toBe(false);
    });

    it('answers 409 when 2FA is off, and 400 unless exactly one proof is given', async () => {
      const plain = await signUp();
      const off = await sut.http
        .post('/api/v1/me/two-factor/disable')
        .set(bearer(plain.accessToken))
        .send({ password: PASSWORD })
        .expect(409);
      expect(problemCode(off.body)).toBe('identity.two-factor-not-enabled');

      const account = await enabledAccount();
      for (const [body, fields] of [
        [{}, ['code']],
        [{ code: '123456', password: PASSWORD }, ['code', 'password']],
        [{ recoveryCode: 'ab3d-ef7h-jk', password: PASSWORD }, ['recoveryCode', 'password']],
        [{ code: 'abcdef' }, ['code']],
      ] as const) {
        const response = await sut.http
          .post('/api/v1/me/two-factor/disable')
          .set(bearer(account.accessToken))
          .send(body)
          .expect(400);
        expectValidationProblem(response, fields);
      }
      expect((await status(account.accessToken)).enabled).toBe(true);
    });
  });

  describe('access', () => {
    it.each([
      ['get', '/api/v1/me/two-factor'],
      ['post', '/api/v1/me/two-factor/setup'],
      ['post', '/api/v1/me/two-factor/confirm'],
      ['post', '/api/v1/me/two-factor/recovery-codes'],
      ['post', '/api/v1/me/two-factor/disable'],
    ] as const)('%s %s needs a signed-in user (401)', async (method, path) => {
      const response = await sut.http[method](path).send({ code: '123456' }).expect(401);
      expect(problemCode(response.body)).toBe('core.unauthenticated');
    });

    it('refuses every change in an impersonation session, with 403 identity.impersonation-forbidden', async () => {
      const admin = await signUp();
      const account = await enabledAccount();
      const impersonation = await sut.app
        .get(SessionService)
        .start(account.userId, { ip: null, userAgent: 'jest', impersonatorId: admin.userId });
      const asAdmin = bearer(impersonation.accessToken);
      expect((await sut.http.get('/api/v1/me/two-factor').set(asAdmin).expect(200)).body.enabled).toBe(true);
      for (const [path, body] of [
        ['/api/v1/me/two-factor/setup', {}],
        ['/api/v1/me/two-factor/confirm', { code: '123456' }],
        ['/api/v1/me/two-factor/recovery-codes', { code: '123456' }],
        ['/api/v1/me/two-factor/disable', { password: PASSWORD }],
      ] as const) {
        const response = await sut.http.post(path).set(asAdmin).send(body).expect(403);
        expect(problemCode(response.body)).toBe('identity.impersonation-forbidden');
      }
      expect((await status(account.accessToken)).enabled).toBe(true);
    });

    it('documents every endpoint under Authentication with its problems', async () => {
      const { body } = await sut.http.get('/api/docs-json').expect(200);
      for (const [path, method, statuses] of [
        ['/api/v1/me/two-factor', 'get', ['200', '401']],
        ['/api/v1/me/two-factor/setup', 'post', ['201', '401', '403', '409']],
        ['/api/v1/me/two-factor/confirm', 'post', ['200', '400', '401', '403', '409']],
        ['/api/v1/me/two-factor/recovery-codes', 'post', ['200', '400', '401', '403', '409']],
        ['/api/v1/me/two-factor/disable', 'post', ['204', '400', '401', '403', '409']],
        ['/api/v1/auth/two-factor', 'post', ['200', '400', '401']],
      ] as const) {
        const operation = body.paths[path]?.[method];
        expect({ path, tags: operation?.tags }).toEqual({ path, tags: ['Authentication'] });
        expect(operation.summary).toBeTruthy();
        for (const status of statuses) expect(operation.responses[status]).toBeDefined();
      }
      expect(body.components.schemas.TwoFactorRequiredResponse.required).toEqual(
        expect.arrayContaining(['twoFactorRequired', 'challengeToken']),
      );
    });
  });
});
