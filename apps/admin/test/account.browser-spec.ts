import { generate } from 'otplib';
import { PASSWORD, useConsoleSuite } from './console-suite';

/**
 * The account screens (pages/account-settings) in Chromium on the real API and PostgreSQL: profile with field
 * errors, theme, signed-in devices with revocation (the revoked token stops working), two-factor set-up with
 * recovery codes, and signing in again through the authenticator step. axe checks every screen visited.
 */
describe('admin console: your account', () => {
  const suite = useConsoleSuite('account');
  const { journey, expectAccessible, signUp, fillSignIn: signInWithPassword } = suite;

  journey('profile, theme, devices, two-factor and signing in again with it', async () => {
    const user = await signUp('Petra Profile');
    await suite.page.goto(`${suite.sut.url}/admin/sign-in`);
    await signInWithPassword(user.email);
    await suite.page.getByTestId('user-name').filter({ hasText: 'Petra Profile' }).waitFor();

    // The toolbar's name leads to the account screen.
    await suite.page.getByTestId('user-name').click();
    await suite.page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await suite.page.getByTestId('sessions').waitFor();
    await suite.page.getByTestId('two-factor-status').waitFor();
    await expectAccessible();

    // Profile: the client's rule, then the API's field error on the field it names, then a saved name.
    await suite.page.getByLabel('Display name').fill('');
    await suite.page.getByTestId('save-profile').click();
    await suite.page
      .locator('mat-form-field', { has: suite.page.getByLabel('Display name') })
      .getByText('Required')
      .waitFor();
    await suite.page.getByLabel('Display name').fill('Petra Pagemaker');
    await suite.page.getByLabel('Avatar URL').fill('not a url');
    await suite.page.getByTestId('save-profile').click();
    await suite.page
      .locator('mat-form-field', { has: suite.page.getByLabel('Avatar URL') })
      .locator('mat-error')
      .waitFor();
    await expectAccessible();
    await suite.page.getByLabel('Avatar URL').fill('');
    await suite.page.getByTestId('save-profile').click();
    await suite.page.getByText('Profile saved.').waitFor();
    await suite.page.getByTestId('user-name').filter({ hasText: 'Petra Pagemaker' }).waitFor();

    // Theme: dark sets the document's colour scheme, kept across a reload; system clears it again.
    await suite.page.getByRole('radio', { name: 'Dark' }).check();
    expect(await suite.page.evaluate(() => document.documentElement.style.colorScheme)).toBe('dark');
    expect(await suite.page.evaluate(() => document.documentElement.classList.contains('theme-dark'))).toBe(true);
    await expectAccessible();
    await suite.page.reload();
    await suite.page.getByTestId('sessions').waitFor();
    expect(await suite.page.evaluate(() => document.documentElement.style.colorScheme)).toBe('dark');
    expect(await suite.page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);

    // Devices: a second sign-in through the API shows up, and signing it out here ends it.
    const other = await suite.sut.http
      .post('/api/v1/auth/sign-in')
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
    const otherToken = other.body.accessToken as string;
    const otherSessions = await suite.sut.http
      .get('/api/v1/auth/sessions')
      .set('Authorization', `Bearer ${otherToken}`)
      .expect(200);
    const otherId = (otherSessions.body as Array<{ id: string; current: boolean }>).find((s) => s.current)!.id;
    await suite.page.reload();
    const otherRow = suite.page.locator(`[data-session="${otherId}"]`);
    await otherRow.waitFor();
    // Three: the sign-up's session, this browser's and the API sign-in's.
    const rows = suite.page.locator('[data-testid="sessions"] tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    await suite.page.locator('tr', { hasText: 'This device' }).waitFor();
    await expectAccessible();
    await otherRow.getByTestId('revoke-session').click();
    await otherRow.waitFor({ state: 'detached' });
    await suite.sut.http.get('/api/v1/me').set('Authorization', `Bearer ${otherToken}`).expect(401);
    // "All other devices" ends the sign-up's session too; this browser stays signed in.
    await suite.page.getByTestId('revoke-others').click();
    await suite.page.getByTestId('revoke-others').waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(1);
    await suite.sut.http.get('/api/v1/me').set('Authorization', `Bearer ${user.token}`).expect(401);

    // Two-factor: a wrong code is refused on the field, the right one turns it on and shows the recovery codes once.
    await suite.page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await suite.page.getByRole('img', { name: /QR code/ }).waitFor();
    const secret = (await suite.page.getByTestId('two-factor-secret').textContent())!.trim();
    await expectAccessible();
    const totp = (offset = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset });
    const codeField = suite.page.getByLabel('Code from your authenticator app');
    const wrong = ((Number(await totp()) + 1) % 1_000_000).toString().padStart(6, '0');
    await codeField.fill(wrong);
    await suite.page.getByRole('button', { name: 'Turn on' }).click();
    await suite.page.locator('mat-form-field', { has: codeField }).locator('mat-error').waitFor();
    await codeField.fill(await totp());
    await suite.page.getByRole('button', { name: 'Turn on' }).click();
    const codes = suite.page.getByTestId('recovery-codes');
    await codes.waitFor();
    await expect(codes.locator('li').count()).resolves.toBe(10);
    await suite.page.getByTestId('two-factor-status').filter({ hasText: 'is on' }).waitFor();
    await expectAccessible();
    await codes.getByRole('button', { name: 'Copy' }).click();
    await codes.getByText('Copied.').waitFor();
    await suite.page.getByRole('button', { name: 'I have saved them' }).click();
    await codes.waitFor({ state: 'detached' });

    // Signing in again asks for the authenticator (the next time step: a step is accepted once).
    await suite.page.getByTestId('sign-out').click();
    await suite.page.waitForURL(/\/admin\/sign-in/);
    await signInWithPassword(user.email);
    await suite.page.getByTestId('two-factor-form').waitFor();
    await suite.page.getByLabel('Authentication code').fill(await totp(30));
    await suite.page.getByRole('button', { name: 'Verify' }).click();
    await suite.page.getByTestId('user-name').filter({ hasText: 'Petra Pagemaker' }).waitFor();
    // Sign-out cleared local storage: the theme is back to the system's.
    await suite.page.getByTestId('nav-account').click();
    await suite.page.getByTestId('two-factor-status').filter({ hasText: 'is on' }).waitFor();
    expect(await suite.page.evaluate(() => document.documentElement.style.colorScheme)).toBe('');
    await expectAccessible();
  });

  journey('verify the email address through the mailed link, and ask for a new one', async () => {
    const user = await signUp('Vera Verify');
    const mail = await suite.smtp.waitForMail(user.email, 'Confirm your email');
    const link = /https?:\/\/\S+\/admin\/verify-email\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    const path = new URL(link!).pathname + new URL(link!).search;

    // Opening the link uses nothing up: verifying takes the click (mail scanners open links too).
    await suite.page.goto(`${suite.sut.url}${path}`);
    await suite.page.getByRole('heading', { name: 'Verify your email address' }).waitFor();
    await expectAccessible();
    const verifiedAt = async () =>
      (await suite.sut.dataSource.query(`SELECT email_verified_at FROM identity_users WHERE id = $1`, [user.userId]))[0]
        .email_verified_at;
    expect(await verifiedAt()).toBeNull();
    await suite.page.getByTestId('verify-email-submit').click();
    await suite.page.getByTestId('verify-email-done').waitFor();
    expect(await verifiedAt()).not.toBeNull();
    await expectAccessible();

    // The same link again: the API's problem, said on the page.
    await suite.page.goto(`${suite.sut.url}${path}`);
    await suite.page.getByTestId('verify-email-submit').click();
    await suite.page.getByTestId('form-error').waitFor();
    await expectAccessible();

    // Signed in, an unverified address can ask for a new link from there.
    const other = await signUp('Nina Newlink');
    await suite.page.goto(`${suite.sut.url}/admin/sign-in`);
    await signInWithPassword(other.email);
    await suite.page.getByTestId('user-name').filter({ hasText: 'Nina Newlink' }).waitFor();
    await suite.page.goto(`${suite.sut.url}/admin/verify-email?token=${'x'.repeat(43)}`);
    await suite.page.getByTestId('verify-email-submit').click();
    await suite.page.getByTestId('form-error').waitFor();
    await suite.page.getByRole('button', { name: 'Send me a new link' }).click();
    await suite.page.getByTestId('verify-email-resent').waitFor();
    await suite.smtp.waitForMail(other.email, 'Confirm your email', 2);
  });

  journey('new recovery codes, and turning two-factor off with a password', async () => {
    const user = await signUp('Rita Recovery');
    const setup = await suite.sut.http
      .post('/api/v1/me/two-factor/setup')
      .set('Authorization', `Bearer ${user.token}`)
      .expect(201);
    // `offset` 30 is the next time step: the API never accepts the step the confirmation used again (replay).
    const totp = (offset = 0) =>
      generate({ secret: setup.body.secret as string, epoch: Math.floor(Date.now() / 1000) + offset });
    const confirmed = await suite.sut.http
      .post('/api/v1/me/two-factor/confirm')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ code: await totp() })
      .expect(200);
    const [firstRecoveryCode] = confirmed.body.recoveryCodes as string[];

    // A recovery code passes the sign-in step, and leaves nine.
    await suite.page.goto(`${suite.sut.url}/admin/account`);
    await suite.page.waitForURL(/\/admin\/sign-in\?returnUrl=/);
    await signInWithPassword(user.email);
    await suite.page.getByTestId('two-factor-form').waitFor();
    await suite.page.getByLabel('Authentication code').fill(firstRecoveryCode);
    await suite.page.getByRole('button', { name: 'Verify' }).click();
    await suite.page.getByTestId('two-factor-status').filter({ hasText: 'Unused recovery codes: 9' }).waitFor();
    await expectAccessible();

    // New recovery codes need an authenticator code: a wrong one is refused on its field.
    await suite.page.getByRole('button', { name: 'New recovery codes' }).click();
    const codeField = suite.page.getByLabel('Code from your authenticator app');
    await codeField.fill('12');
    await suite.page.getByRole('button', { name: 'Replace recovery codes' }).click();
    await suite.page.locator('mat-form-field', { has: codeField }).getByText('Not in the expected format').waitFor();
    await codeField.fill(await totp(30));
    await suite.page.getByRole('button', { name: 'Replace recovery codes' }).click();
    const codes = suite.page.getByTestId('recovery-codes');
    await suite.page.getByTestId('two-factor-status').filter({ hasText: 'Unused recovery codes: 10' }).waitFor();
    await expect(codes.locator('li').count()).resolves.toBe(10);
    const download = suite.page.waitForEvent('download');
    await codes.getByRole('button', { name: 'Download' }).click();
    expect((await download).suggestedFilename()).toBe('quire-recovery-codes.txt');
    await expectAccessible();
    await suite.page.getByRole('button', { name: 'I have saved them' }).click();

    // Turning it off takes one proof: a wrong password shows on the password field, the right one turns it off.
    await suite.page.getByRole('button', { name: 'Turn off', exact: true }).click();
    await suite.page.getByRole('radio', { name: 'Password' }).check();
    const passwordField = suite.page.getByRole('textbox', { name: 'Password' });
    await passwordField.fill('not my password');
    await suite.page.getByRole('button', { name: 'Turn off two-factor authentication' }).click();
    await suite.page.locator('mat-form-field', { has: passwordField }).locator('mat-error').waitFor();
    await expectAccessible();
    await passwordField.fill(PASSWORD);
    await suite.page.getByRole('button', { name: 'Turn off two-factor authentication' }).click();
    await suite.page.getByTestId('two-factor-status').filter({ hasText: 'is off' }).waitFor();
    const status = await suite.sut.http
      .post('/api/v1/auth/sign-in')
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
    expect(status.body.twoFactorRequired).toBeUndefined();

    // Tablet width: the navigation's entry leads here, and nothing overflows sideways.
    await suite.page.setViewportSize({ width: 800, height: 1000 });
    await suite.page.getByRole('button', { name: 'Navigation' }).click();
    await suite.page.getByTestId('nav-account').click();
    await suite.page.getByTestId('sessions').waitFor();
    expect(await suite.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible();
  });
});
