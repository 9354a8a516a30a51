import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generate } from 'otplib';
import { loadConfig } from '@quire/core';
import { createTestApp, startSmtpMailbox, type SmtpMailbox, type TestApp } from '@quire/testing';
import { plugins } from '../../api/src/quire.config';
import { ensureConsoleBuilt, launchBrowser, screenshot, seriousAxeViolations } from './browser';

const PASSWORD = 'correct horse battery staple 42';
let counter = 0;
const unique = () => `${Date.now().toString(36)}${counter++}`;

/**
 * The account screens (pages/account-settings) in Chromium on the real API and PostgreSQL: profile with field
 * errors, theme, signed-in devices with revocation (the revoked token stops working), two-factor set-up with
 * recovery codes, and signing in again through the authenticator step. axe checks every screen visited.
 */
describe('admin console: your account', () => {
  let sut: TestApp;
  let smtp: SmtpMailbox;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    smtp = await startSmtpMailbox();
    const env = { SMTP_URL: smtp.url };
    sut = await createTestApp({ plugins: plugins(loadConfig(env)), env });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.close();
    await smtp?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterEach(() => context.close());

  const journey = (name: string, steps: () => Promise<void>) =>
    it(name, async () => {
      try {
        await steps();
      } catch (error) {
        await screenshot(page, `failed-account-${name}`).catch(() => undefined);
        if (pageErrors.length > 0 && error instanceof Error)
          error.message += `\nPage errors:\n${pageErrors.join('\n')}`;
        throw error;
      }
    });

  async function expectAccessible(): Promise<void> {
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  async function signUp(displayName: string): Promise<{ email: string; token: string }> {
    const email = `${displayName.split(' ')[0].toLowerCase()}-${unique()}@example.com`;
    const answer = await sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email, password: PASSWORD, displayName })
      .expect(201);
    return { email, token: answer.body.accessToken };
  }

  async function signInWithPassword(email: string): Promise<void> {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
  }

  journey('profile, theme, devices, two-factor and signing in again with it', async () => {
    const user = await signUp('Petra Profile');
    await page.goto(`${sut.url}/admin/sign-in`);
    await signInWithPassword(user.email);
    await page.getByTestId('user-name').filter({ hasText: 'Petra Profile' }).waitFor();

    // The toolbar's name leads to the account screen.
    await page.getByTestId('user-name').click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await page.getByTestId('sessions').waitFor();
    await page.getByTestId('two-factor-status').waitFor();
    await expectAccessible();

    // Profile: the client's rule, then the API's field error on the field it names, then a saved name.
    await page.getByLabel('Display name').fill('');
    await page.getByTestId('save-profile').click();
    await page
      .locator('mat-form-field', { has: page.getByLabel('Display name') })
      .getByText('Required')
      .waitFor();
    await page.getByLabel('Display name').fill('Petra Pagemaker');
    await page.getByLabel('Avatar URL').fill('not a url');
    await page.getByTestId('save-profile').click();
    await page
      .locator('mat-form-field', { has: page.getByLabel('Avatar URL') })
      .locator('mat-error')
      .waitFor();
    await expectAccessible();
    await page.getByLabel('Avatar URL').fill('');
    await page.getByTestId('save-profile').click();
    await page.getByText('Profile saved.').waitFor();
    await page.getByTestId('user-name').filter({ hasText: 'Petra Pagemaker' }).waitFor();

    // Theme: dark sets the document's colour scheme, kept across a reload; system clears it again.
    await page.getByRole('radio', { name: 'Dark' }).check();
    expect(await page.evaluate(() => document.documentElement.style.colorScheme)).toBe('dark');
    expect(await page.evaluate(() => document.documentElement.classList.contains('theme-dark'))).toBe(true);
    await expectAccessible();
    await page.reload();
    await page.getByTestId('sessions').waitFor();
    expect(await page.evaluate(() => document.documentElement.style.colorScheme)).toBe('dark');
    expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);

    // Devices: a second sign-in through the API shows up, and signing it out here ends it.
    const other = await sut.http
      .post('/api/v1/auth/sign-in')
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
    const otherToken = other.body.accessToken as string;
    const otherSessions = await sut.http
      .get('/api/v1/auth/sessions')
      .set('Authorization', `Bearer ${otherToken}`)
      .expect(200);
    const otherId = (otherSessions.body as Array<{ id: string; current: boolean }>).find((s) => s.current)!.id;
    await page.reload();
    const otherRow = page.locator(`[data-session="${otherId}"]`);
    await otherRow.waitFor();
    // Three: the sign-up's session, this browser's and the API sign-in's.
    const rows = page.locator('[data-testid="sessions"] tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    await page.locator('tr', { hasText: 'This device' }).waitFor();
    await expectAccessible();
    await otherRow.getByTestId('revoke-session').click();
    await otherRow.waitFor({ state: 'detached' });
    await sut.http.get('/api/v1/me').set('Authorization', `Bearer ${otherToken}`).expect(401);
    // "All other devices" ends the sign-up's session too; this browser stays signed in.
    await page.getByTestId('revoke-others').click();
    await page.getByTestId('revoke-others').waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(1);
    await sut.http.get('/api/v1/me').set('Authorization', `Bearer ${user.token}`).expect(401);

    // Two-factor: a wrong code is refused on the field, the right one turns it on and shows the recovery codes once.
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    const secret = (await page.getByTestId('two-factor-secret').textContent())!.trim();
    await expectAccessible();
    const totp = (offset = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset });
    const codeField = page.getByLabel('Code from your authenticator app');
    const wrong = ((Number(await totp()) + 1) % 1_000_000).toString().padStart(6, '0');
    await codeField.fill(wrong);
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.locator('mat-form-field', { has: codeField }).locator('mat-error').waitFor();
    await codeField.fill(await totp());
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    await expect(codes.locator('li').count()).resolves.toBe(10);
    await page.getByTestId('two-factor-status').filter({ hasText: 'is on' }).waitFor();
    await expectAccessible();
    await codes.getByRole('button', { name: 'Copy' }).click();
    await codes.getByText('Copied.').waitFor();
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await codes.waitFor({ state: 'detached' });

    // Signing in again asks for the authenticator (the next time step: a step is accepted once).
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/admin\/sign-in/);
    await signInWithPassword(user.email);
    await page.getByTestId('two-factor-form').waitFor();
    await page.getByLabel('Authentication code').fill(await totp(30));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('user-name').filter({ hasText: 'Petra Pagemaker' }).waitFor();
    // Sign-out cleared local storage: the theme is back to the system's.
    await page.getByTestId('nav-account').click();
    await page.getByTestId('two-factor-status').filter({ hasText: 'is on' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.style.colorScheme)).toBe('');
    await expectAccessible();
  });

  journey('new recovery codes, and turning two-factor off with a password', async () => {
    const user = await signUp('Rita Recovery');
    const setup = await sut.http
      .post('/api/v1/me/two-factor/setup')
      .set('Authorization', `Bearer ${user.token}`)
      .expect(201);
    // `offset` 30 is the next time step: the API never accepts the step the confirmation used again (replay).
    const totp = (offset = 0) =>
      generate({ secret: setup.body.secret as string, epoch: Math.floor(Date.now() / 1000) + offset });
    const confirmed = await sut.http
      .post('/api/v1/me/two-factor/confirm')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ code: await totp() })
      .expect(200);
    const [firstRecoveryCode] = confirmed.body.recoveryCodes as string[];

    // A recovery code passes the sign-in step, and leaves nine.
    await page.goto(`${sut.url}/admin/account`);
    await page.waitForURL(/\/admin\/sign-in\?returnUrl=/);
    await signInWithPassword(user.email);
    await page.getByTestId('two-factor-form').waitFor();
    await page.getByLabel('Authentication code').fill(firstRecoveryCode);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('two-factor-status').filter({ hasText: 'Unused recovery codes: 9' }).waitFor();
    await expectAccessible();

    // New recovery codes need an authenticator code: a wrong one is refused on its field.
    await page.getByRole('button', { name: 'New recovery codes' }).click();
    const codeField = page.getByLabel('Code from your authenticator app');
    await codeField.fill('12');
    await page.getByRole('button', { name: 'Replace recovery codes' }).click();
    await page.locator('mat-form-field', { has: codeField }).getByText('Not in the expected format').waitFor();
    await codeField.fill(await totp(30));
    await page.getByRole('button', { name: 'Replace recovery codes' }).click();
    const codes = page.getByTestId('recovery-codes');
    await page.getByTestId('two-factor-status').filter({ hasText: 'Unused recovery codes: 10' }).waitFor();
    await expect(codes.locator('li').count()).resolves.toBe(10);
    const download = page.waitForEvent('download');
    await codes.getByRole('button', { name: 'Download' }).click();
    expect((await download).suggestedFilename()).toBe('quire-recovery-codes.txt');
    await expectAccessible();
    await page.getByRole('button', { name: 'I have saved them' }).click();

    // Turning it off takes one proof: a wrong password shows on the password field, the right one turns it off.
    await page.getByRole('button', { name: 'Turn off', exact: true }).click();
    await page.getByRole('radio', { name: 'Password' }).check();
    const passwordField = page.getByRole('textbox', { name: 'Password' });
    await passwordField.fill('not my password');
    await page.getByRole('button', { name: 'Turn off two-factor authentication' }).click();
    await page.locator('mat-form-field', { has: passwordField }).locator('mat-error').waitFor();
    await expectAccessible();
    await passwordField.fill(PASSWORD);
    await page.getByRole('button', { name: 'Turn off two-factor authentication' }).click();
    await page.getByTestId('two-factor-status').filter({ hasText: 'is off' }).waitFor();
    const status = await sut.http
      .post('/api/v1/auth/sign-in')
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
    expect(status.body.twoFactorRequired).toBeUndefined();

    // Tablet width: the navigation's entry leads here, and nothing overflows sideways.
    await page.setViewportSize({ width: 800, height: 1000 });
    await page.getByRole('button', { name: 'Navigation' }).click();
    await page.getByTestId('nav-account').click();
    await page.getByTestId('sessions').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible();
  });
});
