import { IdentityPlugin } from '@quire/identity';
import { createTestApp, startSmtpMailbox, type ReceivedMail, type SmtpMailbox, type TestApp } from '@quire/testing';
import { randomBytes } from 'node:crypto';
import { MeController } from '../src/accounts/me.controller';
import { SessionService } from '../src/sessions/session.service';

// --- builders -----------------------------------------------------------------------------------------------

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'violet otter juggles 7 lanterns';

function anEmail(): string {
  return `Ada.${randomBytes(6).toString('hex')}@Example.COM`;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Everything but the per-request members, to compare two problems. */
function stable(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _requestId, instance: _instance, ...rest } = body;
  return rest;
}

interface Account {
  email: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
}

type Subject = 'Confirm your email' | 'Reset your' | 'password was changed' | 'account was closed';

// --- the suite ----------------------------------------------------------------------------------------------

describe(MeController.name, () => {
  let smtp: SmtpMailbox;
  let sut: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpMailbox();
    sut = await createTestApp({
      plugins: [IdentityPlugin.with({ smtpUrl: smtp.url, mailRetry: { retryLimit: 1, retryDelaySeconds: 1 } })],
    });
  });
  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  async function signUp(email = anEmail(), app = sut): Promise<Account> {
    const response = await app.http
      .post('/api/v1/auth/sign-up')
      .send({ email, password: PASSWORD, displayName: 'Ada Lovelace' })
      .expect(201);
    return {
      email,
      userId: response.body.user.id,
      accessToken: response.body.accessToken,
      refreshToken: response.body.refreshToken,
    };
  }

  const signIn = (email: string, password: string) =>
    sut.http.post('/api/v1/auth/sign-in').set('User-Agent', 'jest').send({ email, password });

  async function anotherSession(account: Account): Promise<{ accessToken: string; refreshToken: string }> {
    const response = await signIn(account.email, PASSWORD).expect(200);
    return { accessToken: response.body.accessToken, refreshToken: response.body.refreshToken };
  }

  const me = (accessToken: string, app = sut) => app.http.get('/api/v1/me').set(bearer(accessToken));

  // Typed by Subject, so a mistyped subject fails to compile rather than time out.
  const mailsTo = (email: string, subject: Subject): ReceivedMail[] => smtp.mailsTo(email, subject);

  /** Waits for the `count`-th mail of this kind to this address, and returns it. */
  const mail = (email: string, subject: Subject, count = 1): Promise<ReceivedMail> =>
    smtp.waitForMail(email, subject, count);

  function linkToken(received: ReceivedMail, page: 'verify-email' | 'reset-password'): string {
    const match = new RegExp(`http://127\\.0\\.0\\.1:3000/admin/${page}\\?token=([A-Za-z0-9_-]{43})`).exec(
      received.text,
    );
    if (!match) throw new Error(`No ${page} link in: ${received.text}`);
    return match[1];
  }

  async function resetToken(email: string, count = 1): Promise<string> {
    await sut.http.post('/api/v1/auth/password-reset').send({ email }).expect(202);
    return linkToken(await mail(email, 'Reset your', count), 'reset-password');
  }

  async function events(name: string, userId: string, app = sut): Promise<Array<Record<string, unknown>>> {
    const rows = await app.dataSource.query(
      `SELECT payload FROM quire_outbox WHERE event_name = $1 AND payload->>'userId' = $2 ORDER BY id`,
      [name, userId],
    );
    return rows.map((row: { payload: Record<string, unknown> }) => row.payload);
  }

  async function outboxRows(recipient: string): Promise<Array<{ template: string }>> {
    return sut.dataSource.query(`SELECT template FROM identity_mail_outbox WHERE lower(recipient) = $1 ORDER BY id`, [
      recipient.toLowerCase(),
    ]);
  }

  async function liveCodes(email: string): Promise<number> {
    const [row] = await sut.dataSource.query(
      `SELECT count(*)::int AS n FROM identity_one_time_codes WHERE email = $1 AND consumed_at IS NULL`,
      [email.toLowerCase()],
    );
    return row.n;
  }

  /** An impersonation session of `user` by `admin`, as the impersonation flow starts it. */
  async function impersonate(user: Account, admin: Account): Promise<string> {
    const issued = await sut.app
      .get(SessionService)
      .start(user.userId, { ip: null, userAgent: 'admin console', impersonatorId: admin.userId });
    return issued.accessToken;
  }

  function expectProblem(
    response: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
    status: number,
    code: string,
    paths: string[] = [],
  ): void {
    expect({ status: response.status, type: response.body.type }).toEqual({
      status,
      type: expect.stringMatching(new RegExp(`[:/]${code.replace('.', '\\.')}$`)),
    });
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const named = new Set(((response.body.errors as Array<{ path: string }>) ?? []).map((e) => e.path));
    for (const path of paths) expect(named).toContain(path);
  }

  // --- email verification -------------------------------------------------------------------------------------

  describe('POST /auth/verify-email', () => {
    it('verifies the address with the mailed link, once; the event names the account and no token', async () => {
      const account = await signUp();
      const token = linkToken(await mail(account.email, 'Confirm your email'), 'verify-email');
      expect((await me(account.accessToken).expect(200)).body.emailVerified).toBe(false);

      await sut.http.post('/api/v1/auth/verify-email').send({ token }).expect(204);
      expect((await me(account.accessToken).expect(200)).body.emailVerified).toBe(true);
      const published = await events('identity.email.verified', account.userId);
      expect(published).toEqual([{ userId: account.userId, via: 'verification-link' }]);

      const reused = await sut.http.post('/api/v1/auth/verify-email').send({ token });
      expectProblem(reused, 400, 'identity.token-invalid', ['token']);
      expect(await events('identity.email.verified', account.userId)).toHaveLength(1);
    });

    it('refuses an expired token, and answers an unknown token exactly as a used one', async () => {
      const account = await signUp();
      const token = linkToken(await mail(account.email, 'Confirm your email'), 'verify-email');
      await sut.dataSource.query(
        `UPDATE identity_one_time_codes SET expires_at = now() - interval '1 second'
          WHERE user_id = $1 AND purpose = 'verify-email'`,
        [account.userId],
      );
      const expired = await sut.http.post('/api/v1/auth/verify-email').send({ token });
      expectProblem(expired, 400, 'identity.token-invalid', ['token']);
      expect((await me(account.accessToken).expect(200)).body.emailVerified).toBe(false);

      const unknown = await sut.http
        .post('/api/v1/auth/verify-email')
        .send({ token: randomBytes(32).toString('base64url') });
      expect(stable(unknown.body)).toEqual(stable(expired.body));
    });

    it('does not take a password-reset token, nor a verification token at the reset endpoint', async () => {
      const account = await signUp();
      const verifyToken = linkToken(await mail(account.email, 'Confirm your email'), 'verify-email');
      const reset = await resetToken(account.email);

      const wrongPurpose = await sut.http.post('/api/v1/auth/verify-email').send({ token: reset });
      expectProblem(wrongPurpose, 400, 'identity.token-invalid');
      const wrongEndpoint = await sut.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: verifyToken, password: NEW_PASSWORD });
      expectProblem(wrongEndpoint, 400, 'identity.token-invalid');
      // Both still work where they belong.
      await sut.http.post('/api/v1/auth/verify-email').send({ token: verifyToken }).expect(204);
      await sut.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: reset, password: NEW_PASSWORD })
        .expect(204);
    });

    it.each([
      ['no token', {}],
      ['a number', { token: 42 }],
      ['an empty token', { token: '' }],
      ['a huge token', { token: 'a'.repeat(300) }],
    ])('refuses %s with 400 naming token', async (_name, body) => {
      const response = await sut.http.post('/api/v1/auth/verify-email').send(body);
      expectProblem(response, 400, 'core.validation-failed', ['token']);
    });

    it('refuses an unknown member with 400 naming it', async () => {
      const response = await sut.http
        .post('/api/v1/auth/verify-email')
        .send({ token: randomBytes(32).toString('base64url'), userId: 'x' });
      expectProblem(response, 400, 'core.validation-failed', ['userId']);
    });
  });

  describe('POST /me/email-verification', () => {
    it('mails a new link and ends the earlier ones; once verified, answers 409', async () => {
      const account = await signUp();
      const first = linkToken(await mail(account.email, 'Confirm your email'), 'verify-email');

      const resent = await sut.http.post('/api/v1/me/email-verification').set(bearer(account.accessToken)).expect(202);
      expect(resent.text).toBe('');
      const second = linkToken(await mail(account.email, 'Confirm your email', 2), 'verify-email');
      expect(second).not.toBe(first);
      expect(await liveCodes(account.email)).toBe(1);

      expectProblem(
        await sut.http.post('/api/v1/auth/verify-email').send({ token: first }),
        400,
        'identity.token-invalid',
      );
      await sut.http.post('/api/v1/auth/verify-email').send({ token: second }).expect(204);

      const again = await sut.http.post('/api/v1/me/email-verification').set(bearer(account.accessToken));
      expectProblem(again, 409, 'identity.email-already-verified');
      expect(await liveCodes(account.email)).toBe(0);
    });

    it('needs a signed-in user', async () => {
      await sut.http.post('/api/v1/me/email-verification').expect(401);
    });
  });

  // --- password reset -----------------------------------------------------------------------------------------

  describe('POST /auth/password-reset', () => {
    it('answers an open, an unknown and a closed account alike; only the open one gets a link', async () => {
      const open = await signUp();
      const closed = await signUp();
      await sut.http.post('/api/v1/me/close').set(bearer(closed.accessToken)).send({ password: PASSWORD }).expect(204);
      const unknown = anEmail();
      const closedMailsBefore = await outboxRows(closed.email);

      const answers = [];
      for (const email of [open.email, unknown, closed.email]) {
        answers.push(await sut.http.post('/api/v1/auth/password-reset').send({ email }));
      }
      for (const answer of answers) {
        expect({ status: answer.status, body: answer.text, type: answer.headers['content-type'] }).toEqual({
          status: 202,
          body: '',
          type: undefined,
        });
      }

      // The outbox row and the token are written before the answer: their absence now is final.
      expect((await outboxRows(open.email)).map((row) => row.template)).toContain('passwordReset');
      expect(await outboxRows(unknown)).toEqual([]);
      expect(await outboxRows(closed.email)).toEqual(closedMailsBefore);
      expect(await liveCodes(unknown)).toBe(0);
      expect(await liveCodes(closed.email)).toBe(0);

      const received = await mail(open.email, 'Reset your');
      expect(received.text).toContain('expires in 60 minutes');
      const [code] = await sut.dataSource.query(
        `SELECT expires_at FROM identity_one_time_codes WHERE user_id = $1 AND purpose = 'reset-password'`,
        [open.userId],
      );
      const minutes = (new Date(code.expires_at).getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(55);
      expect(minutes).toBeLessThanOrEqual(60);
      expect(mailsTo(unknown, 'Reset your')).toEqual([]);
      expect(mailsTo(closed.email, 'Reset your')).toEqual([]);
    });

    it('ends the earlier reset link when a new one is requested', async () => {
      const account = await signUp();
      const first = await resetToken(account.email);
      const second = await resetToken(account.email, 2);

      const stale = await sut.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: first, password: NEW_PASSWORD });
      expectProblem(stale, 400, 'identity.token-invalid', ['token']);
      await sut.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: second, password: NEW_PASSWORD })
        .expect(204);
    });

    it.each([
      ['no email', {}, 'email'],
      ['a number', { email: 42 }, 'email'],
      ['an unknown member', { email: 'a@example.com', redirect: 'https://evil.example' }, 'redirect'],
    ])('refuses %s with 400', async (_name, body, field) => {
      const response = await sut.http.post('/api/v1/auth/password-reset').send(body);
      expectProblem(response, 400, 'core.validation-failed', [field]);
    });
  });

  describe('POST /auth/password-reset/confirm', () => {
    it('sets the password, verifies the email, signs every session out at once and mails a notice', async () => {
      const account = await signUp();
      const phone = await anotherSession(account);
      const token = await resetToken(account.email);

      await sut.http.post('/api/v1/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);

      await me(account.accessToken).expect(401);
      await me(phone.accessToken).expect(401);
      await sut.http.post('/api/v1/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
      const revoked = await sut.dataSource.query(
        `SELECT DISTINCT revoked_reason FROM identity_sessions WHERE user_id = $1`,
        [account.userId],
      );
      expect(revoked).toEqual([{ revoked_reason: 'password-changed' }]);

      await signIn(account.email, PASSWORD).expect(401);
      const signedIn = await signIn(account.email, NEW_PASSWORD).expect(200);
      expect((await me(signedIn.body.accessToken).expect(200)).body.emailVerified).toBe(true);

      const notice = await mail(account.email, 'password was changed');
      expect(notice.text).toContain('http://127.0.0.1:3000/admin/reset-password');
      expect(notice.text).not.toContain(NEW_PASSWORD);
      expect(await events('identity.password.reset', account.userId)).toEqual([
        { userId: account.userId, revokedSessions: 2 },
      ]);
      expect(await events('identity.email.verified', account.userId)).toEqual([
        { userId: account.userId, via: 'password-reset' },
      ]);
      const [outbox] = await sut.dataSource.query(
        `SELECT string_agg(payload::text, ' ') AS payloads FROM quire_outbox WHERE payload->>'userId' = $1`,
        [account.userId],
      );
      expect(outbox.payloads).not.toContain(token);
      expect(outbox.payloads).not.toContain(NEW_PASSWORD);
      expect(outbox.payloads).not.toMatch(/argon2/);

      const reused = await sut.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token, password: 'another fine passphrase 42' });
      expectProblem(reused, 400, 'identity.token-invalid', ['token']);
      await signIn(account.email, NEW_PASSWORD).expect(200);
    });

    it('refuses a weak password with 400 naming password, and the link still works after', async () => {
      const account = await signUp();
      const token = await resetToken(account.email);
      for (const weak of ['short', 'password1234567', 'ada lovelace 2024']) {
        const response = await sut.http.post('/api/v1/auth/password-reset/confirm').send({ token, password: weak });
        expectProblem(response, 400, 'core.validation-failed', ['password']);
        expect(response.body.errors.every((e: { path: string }) => e.path === 'password')).toBe(true);
      }
      await me(account.accessToken).expect(200);
      await signIn(account.email, PASSWORD).expect(200);

      await sut.http.post('/api/v1/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);
    });

    it('refuses an expired token and changes nothing', async () => {
      const account = await signUp();
      const token = await resetToken(account.email);
      await sut.dataSource.query(
        `UPDATE identity_one_time_codes SET expires_at = now() - interval '1 second'
          WHERE user_id = $1 AND purpose = 'reset-password'`,
        [account.userId],
      );
      const response = await sut.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token, password: NEW_PASSWORD });
      expectProblem(response, 400, 'identity.token-invalid', ['token']);
      await me(account.accessToken).expect(200);
      await signIn(account.email, PASSWORD).expect(200);
    });

    it('lets an account without a password set one', async () => {
      const account = await signUp();
      await sut.dataSource.query(`UPDATE identity_users SET password_hash = NULL WHERE id = $1`, [account.userId]);
      const change = await sut.http
        .post('/api/v1/me/password')
        .set(bearer(account.accessToken))
        .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expectProblem(change, 409, 'identity.password-not-set');

      const token = await resetToken(account.email);
      await sut.http.post('/api/v1/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);
      await signIn(account.email, NEW_PASSWORD).expect(200);
    });

    it.each([
      ['no members', {}, ['token', 'password']],
      ['a non-string password', { token: 'x', password: 12345678901234 }, ['password']],
      ['an unknown member', { token: 'x', password: NEW_PASSWORD, email: 'a@example.com' }, ['email']],
    ])('refuses %s with 400 naming the fields', async (_name, body, fields) => {
      const response = await sut.http.post('/api/v1/auth/password-reset/confirm').send(body);
      expectProblem(response, 400, 'core.validation-failed', fields);
    });
  });

  // --- password change ----------------------------------------------------------------------------------------

  describe('POST /me/password', () => {
    const change = (accessToken: string, body: Record<string, unknown>) =>
      sut.http.post('/api/v1/me/password').set(bearer(accessToken)).send(body);

    it('keeps this session, revokes every other one at once, ends reset links and mails a notice', async () => {
      const account = await signUp();
      const phone = await anotherSession(account);
      const tablet = await anotherSession(account);
      const pendingReset = await resetToken(account.email);

      await change(account.accessToken, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(204);

      await me(account.accessToken).expect(200);
      await me(phone.accessToken).expect(401);
      await me(tablet.accessToken).expect(401);
      await sut.http.post('/api/v1/auth/refresh').send({ refreshToken: tablet.refreshToken }).expect(401);
      await sut.http.post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }).expect(200);

      await signIn(account.email, PASSWORD).expect(401);
      await signIn(account.email, NEW_PASSWORD).expect(200);
      const stale = await sut.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: pendingReset, password: 'another fine passphrase 42' });
      expectProblem(stale, 400, 'identity.token-invalid');

      await mail(account.email, 'password was changed');
      expect(await events('identity.password.changed', account.userId)).toEqual([
        { userId: account.userId, revokedSessions: 2 },
      ]);
    });

    it('refuses a wrong current password with 400 naming currentPassword, and changes nothing', async () => {
      const account = await signUp();
      const phone = await anotherSession(account);
      const response = await change(account.accessToken, {
        currentPassword: 'not the password at all',
        newPassword: NEW_PASSWORD,
      });
      expectProblem(response, 400, 'identity.wrong-password', ['currentPassword']);
      await me(account.accessToken).expect(200);
      await me(phone.accessToken).expect(200);
      await signIn(account.email, PASSWORD).expect(200);
      await signIn(account.email, NEW_PASSWORD).expect(401);
      expect(await events('identity.password.changed', account.userId)).toEqual([]);
    });

    it('refuses a weak new password with 400 naming newPassword', async () => {
      const account = await signUp();
      const response = await change(account.accessToken, {
        currentPassword: PASSWORD,
        newPassword: 'aaaaaaaaaaaaaaaa',
      });
      expectProblem(response, 400, 'core.validation-failed', ['newPassword']);
      expect(response.body.errors.every((e: { path: string }) => e.path === 'newPassword')).toBe(true);
      await signIn(account.email, PASSWORD).expect(200);
    });

    it('is refused to an administrator impersonating the user', async () => {
      const account = await signUp();
      const admin = await signUp();
      const impersonation = await impersonate(account, admin);
      const response = await change(impersonation, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expectProblem(response, 403, 'identity.impersonation-forbidden');
      await signIn(account.email, PASSWORD).expect(200);
    });

    it.each([
      ['no members', {}, ['currentPassword', 'newPassword']],
      ['an empty current password', { currentPassword: '', newPassword: NEW_PASSWORD }, ['currentPassword']],
      ['an unknown member', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, userId: 'x' }, ['userId']],
    ])('refuses %s with 400 naming the fields', async (_name, body, fields) => {
      const account = await signUp();
      expectProblem(await change(account.accessToken, body), 400, 'core.validation-failed', fields);
    });

    it('needs a signed-in user', async () => {
      await sut.http
        .post('/api/v1/me/password')
        .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
        .expect(401);
    });
  });

  // --- profile ------------------------------------------------------------------------------------------------

  describe('PATCH /me', () => {
    // Without SMTP: these sign-ups need no mail, and their verification mails would only lengthen the SMTP queue.
    let quiet: TestApp;
    beforeAll(async () => {
      quiet = await createTestApp({ plugins: [IdentityPlugin] });
    });
    afterAll(async () => {
      await quiet?.close();
    });

    const patch = (accessToken: string, body: unknown) =>
      quiet.http
        .patch('/api/v1/me')
        .set(bearer(accessToken))
        .send(body as object);

    it('changes the profile, merges the preferences and publishes the names of what changed', async () => {
      const account = await signUp(anEmail(), quiet);
      const first = await patch(account.accessToken, {
        displayName: '  Augusta Ada King ',
        avatarUrl: 'https://cdn.example.com/ada.png',
        preferences: {
          theme: 'dark',
          language: 'pt-br',
          notifications: { comments: true, 'content.published': false },
        },
      }).expect(200);
      expect(first.body).toEqual({
        id: account.userId,
        email: account.email,
        displayName: 'Augusta Ada King',
        avatarUrl: 'https://cdn.example.com/ada.png',
        emailVerified: false,
        twoFactorEnabled: false,
        platformAdmin: false,
        preferences: {
          theme: 'dark',
          language: 'pt-BR',
          notifications: { comments: true, 'content.published': false },
        },
      });
      expect((await me(account.accessToken, quiet).expect(200)).body).toEqual({
        ...first.body,
        activeWorkspace: null,
        activeTeamId: null,
      });

      const second = await patch(account.accessToken, {
        avatarUrl: null,
        preferences: { theme: null, notifications: { comments: false } },
      }).expect(200);
      expect(second.body).toMatchObject({
        displayName: 'Augusta Ada King',
        avatarUrl: null,
        preferences: { language: 'pt-BR', notifications: { comments: false, 'content.published': false } },
      });
      expect(second.body.preferences).not.toHaveProperty('theme');

      expect(await events('identity.profile.updated', account.userId, quiet)).toEqual([
        {
          userId: account.userId,
          fields: [
            'displayName',
            'avatarUrl',
            'preferences.theme',
            'preferences.language',
            'preferences.notifications',
          ],
          changes: {
            displayName: { before: 'Ada Lovelace', after: 'Augusta Ada King' },
            avatarUrl: { before: null, after: 'https://cdn.example.com/ada.png' },
            'preferences.theme': { before: null, after: 'dark' },
            'preferences.language': { before: null, after: 'pt-BR' },
            'preferences.notifications': {
              before: null,
              after: { comments: true, 'content.published': false },
            },
          },
        },
        {
          userId: account.userId,
          fields: ['avatarUrl', 'preferences.theme', 'preferences.notifications'],
          changes: {
            avatarUrl: { before: 'https://cdn.example.com/ada.png', after: null },
            'preferences.theme': { before: 'dark', after: null },
            'preferences.notifications': {
              before: { comments: true, 'content.published': false },
              after: { comments: false, 'content.published': false },
            },
          },
        },
      ]);
    });

    it('writes nothing and publishes nothing when nothing changes', async () => {
      const account = await signUp(anEmail(), quiet);
      const unchanged = await patch(account.accessToken, { displayName: 'Ada Lovelace', preferences: {} }).expect(200);
      expect(unchanged.body.displayName).toBe('Ada Lovelace');
      await patch(account.accessToken, {}).expect(200);
      expect(await events('identity.profile.updated', account.userId, quiet)).toEqual([]);
    });

    it.each([
      ['a theme that does not exist', { preferences: { theme: 'blue' } }, 'preferences.theme'],
      ['a language that is not a BCP 47 tag', { preferences: { language: 'english!' } }, 'preferences.language'],
      ['a language that is too long', { preferences: { language: `en-${'a'.repeat(40)}` } }, 'preferences.language'],
      ['a javascript: avatar', { avatarUrl: 'javascript:alert(1)' }, 'avatarUrl'],
      ['an ftp avatar', { avatarUrl: 'ftp://example.com/ada.png' }, 'avatarUrl'],
      ['an avatar that is no URL', { avatarUrl: 'ada.png' }, 'avatarUrl'],
      ['an avatar with credentials', { avatarUrl: 'https://user:secret@example.com/a.png' }, 'avatarUrl'],
      ['an avatar of 3000 characters', { avatarUrl: `https://example.com/${'a'.repeat(3000)}` }, 'avatarUrl'],
      ['a name of 101 characters', { displayName: 'a'.repeat(101) }, 'displayName'],
      ['a blank name', { displayName: '   ' }, 'displayName'],
      ['a null name', { displayName: null }, 'displayName'],
      ['a name with a line break', { displayName: 'Ada\r\nBcc: eve@example.com' }, 'displayName'],
      ['an unknown member', { email: 'eve@example.com' }, 'email'],
      ['an unknown preference', { preferences: { fontSize: 12 } }, 'preferences.fontSize'],
      ['preferences that are not an object', { preferences: 'dark' }, 'preferences'],
      ['null preferences', { preferences: null }, 'preferences'],
      [
        'a notification that is not a boolean',
        { preferences: { notifications: { comments: 'yes' } } },
        'preferences.notifications',
      ],
      ['notifications as a list', { preferences: { notifications: [true] } }, 'preferences.notifications'],
      [
        'a notification kind with odd characters',
        { preferences: { notifications: { 'a b': true } } },
        'preferences.notifications',
      ],
      [
        'too many notification kinds',
        { preferences: { notifications: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, true])) } },
        'preferences.notifications',
      ],
    ])('refuses %s with 400 naming it, and changes nothing', async (_name, body, field) => {
      const account = await signUp(anEmail(), quiet);
      const before = (await me(account.accessToken, quiet).expect(200)).body;
      const response = await patch(account.accessToken, body);
      expectProblem(response, 400, 'core.validation-failed', [field]);
      expect((await me(account.accessToken, quiet).expect(200)).body).toEqual(before);
    });

    it('needs a signed-in user', async () => {
      await quiet.http.patch('/api/v1/me').send({ displayName: 'Eve' }).expect(401);
    });
  });

  // --- closure ------------------------------------------------------------------------------------------------

  describe('POST /me/close', () => {
    const close = (accessToken: string, body: Record<string, unknown>) =>
      sut.http.post('/api/v1/me/close').set(bearer(accessToken)).send(body);

    it('closes the account: sessions, codes and links end at once, sign-in answers as for an unknown email', async () => {
      const account = await signUp();
      const phone = await anotherSession(account);
      const verifyToken = linkToken(await mail(account.email, 'Confirm your email'), 'verify-email');
      const reset = await resetToken(account.email);
      const wrongPassword = await signIn(account.email, 'not the password at all').expect(401);

      await close(account.accessToken, { password: PASSWORD }).expect(204);

      await me(account.accessToken).expect(401);
      await me(phone.accessToken).expect(401);
      await sut.http.post('/api/v1/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
      const sessions = await sut.dataSource.query(
        `SELECT DISTINCT revoked_reason FROM identity_sessions WHERE user_id = $1`,
        [account.userId],
      );
      expect(sessions).toEqual([{ revoked_reason: 'account-closed' }]);
      expect(await liveCodes(account.email)).toBe(0);

      const closedSignIn = await signIn(account.email, PASSWORD).expect(401);
      const unknownSignIn = await signIn(anEmail(), PASSWORD).expect(401);
      expect(stable(closedSignIn.body)).toEqual(stable(wrongPassword.body));
      expect(stable(closedSignIn.body)).toEqual(stable(unknownSignIn.body));

      expectProblem(
        await sut.http.post('/api/v1/auth/verify-email').send({ token: verifyToken }),
        400,
        'identity.token-invalid',
      );
      expectProblem(
        await sut.http.post('/api/v1/auth/password-reset/confirm').send({ token: reset, password: NEW_PASSWORD }),
        400,
        'identity.token-invalid',
      );

      const [row] = await sut.dataSource.query(`SELECT closed_at FROM identity_users WHERE id = $1`, [account.userId]);
      expect(row.closed_at).toBeInstanceOf(Date);
      expect(await events('identity.account.closed', account.userId)).toEqual([{ userId: account.userId }]);
      const notice = await mail(account.email, 'account was closed');
      expect(notice.text).toContain('kept for 90 days');
    });

    it('refuses a wrong or missing password with 400 naming password, and leaves the account open', async () => {
      const account = await signUp();
      expectProblem(
        await close(account.accessToken, { password: 'not the password' }),
        400,
        'identity.wrong-password',
        ['password'],
      );
      expectProblem(await close(account.accessToken, {}), 400, 'core.validation-failed', ['password']);
      expectProblem(await close(account.accessToken, { password: 42 }), 400, 'core.validation-failed', ['password']);
      expectProblem(
        await close(account.accessToken, { password: PASSWORD, reason: 'x' }),
        400,
        'core.validation-failed',
        ['reason'],
      );
      await me(account.accessToken).expect(200);
      await signIn(account.email, PASSWORD).expect(200);
      expect(await events('identity.account.closed', account.userId)).toEqual([]);
    });

    it('closes an account without a password on the session alone', async () => {
      const account = await signUp();
      await sut.dataSource.query(`UPDATE identity_users SET password_hash = NULL WHERE id = $1`, [account.userId]);
      await close(account.accessToken, {}).expect(204);
      await me(account.accessToken).expect(401);
    });

    it('is refused to an administrator impersonating the user', async () => {
      const account = await signUp();
      const admin = await signUp();
      const impersonation = await impersonate(account, admin);
      expectProblem(await close(impersonation, { password: PASSWORD }), 403, 'identity.impersonation-forbidden');
      await me(account.accessToken).expect(200);
    });

    it('needs a signed-in user', async () => {
      await sut.http.post('/api/v1/me/close').send({ password: PASSWORD }).expect(401);
    });
  });

  describe('with password sign-in turned off', () => {
    let noPasswords: TestApp;
    beforeAll(async () => {
      noPasswords = await createTestApp({
        plugins: [IdentityPlugin.with({ signInMethods: { password: false, emailCode: true } })],
      });
    });
    afterAll(async () => {
      await noPasswords?.close();
    });

    it('refuses password reset and change with 403 identity.sign-in-method-disabled, and writes nothing', async () => {
      const [user] = await noPasswords.dataSource.query(
        `INSERT INTO identity_users (id, email, display_name) VALUES (gen_random_uuid(), $1, 'Ada') RETURNING id, email`,
        [anEmail()],
      );
      const { accessToken } = await noPasswords.app
        .get(SessionService)
        .start(user.id, { ip: null, userAgent: 'email code' });

      const responses = [
        await noPasswords.http.post('/api/v1/auth/password-reset').send({ email: user.email }),
        await noPasswords.http
          .post('/api/v1/auth/password-reset/confirm')
          .send({ token: randomBytes(32).toString('base64url'), password: NEW_PASSWORD }),
        await noPasswords.http
          .post('/api/v1/me/password')
          .set(bearer(accessToken))
          .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
      ];
      for (const response of responses) expectProblem(response, 403, 'identity.sign-in-method-disabled');
      const [{ n }] = await noPasswords.dataSource.query(
        `SELECT count(*)::int AS n FROM identity_one_time_codes WHERE user_id = $1`,
        [user.id],
      );
      expect(n).toBe(0);
    });
  });

  it('documents every account endpoint under Authentication with its problems', async () => {
    const { body } = await sut.http.get('/api/docs-json').expect(200);
    const operations = [
      ['/api/v1/auth/verify-email', 'post', ['204', '400']],
      ['/api/v1/auth/password-reset', 'post', ['202', '400']],
      ['/api/v1/auth/password-reset/confirm', 'post', ['204', '400']],
      ['/api/v1/me', 'patch', ['200', '400', '401']],
      ['/api/v1/me/email-verification', 'post', ['202', '401', '409']],
      ['/api/v1/me/password', 'post', ['204', '400', '401', '403', '409']],
      ['/api/v1/me/close', 'post', ['204', '400', '401', '403']],
    ] as const;
    for (const [path, method, statuses] of operations) {
      const operation = body.paths[path]?.[method];
      expect({ path, tags: operation?.tags }).toEqual({ path, tags: ['Authentication'] });
      expect(operation.summary).toBeTruthy();
      for (const status of statuses)
        expect({ path, status, documented: !!operation.responses[status] }).toEqual({
          path,
          status,
          documented: true,
        });
    }
  });
});
