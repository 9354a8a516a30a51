import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '@quire/core';
import { createTestApp, startSmtpMailbox, type SmtpMailbox, type TestApp } from '@quire/testing';
import { WorkspacesResolver } from '@quire/workspaces';
import { plugins } from '../../api/src/quire.config';
import { ensureConsoleBuilt, launchBrowser, screenshot, seriousAxeViolations } from './browser';

const PASSWORD = 'correct horse battery staple 42';
let counter = 0;
const unique = () => `${Date.now().toString(36)}${counter++}`;

/**
 * The console's account and workspace journeys in Chromium, on the real API (every plugin apps/api loads) and a
 * real PostgreSQL: sign-up, sign-in, sign-out, workspaces, settings and the permission refusal. axe checks every
 * screen visited; a failing journey leaves a screenshot in test-results/screenshots.
 */
describe('admin console journeys in Chromium', () => {
  let sut: TestApp;
  let smtp: SmtpMailbox;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** What the page logged as errors, shown with a failure. */
  let pageErrors: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    smtp = await startSmtpMailbox();
    // As apps/api configures itself from the environment: here mail goes to the test's SMTP server.
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
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });
  afterEach(() => context.close());

  const journey = (name: string, steps: () => Promise<void>) =>
    it(name, async () => {
      try {
        await steps();
      } catch (error) {
        await screenshot(page, `failed-${name}`).catch(() => undefined);
        if (pageErrors.length > 0 && error instanceof Error)
          error.message += `\nPage errors:\n${pageErrors.join('\n')}`;
        throw error;
      }
    });

  async function expectAccessible(): Promise<void> {
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  /** An account made through the API (not the browser), with a workspace it owns. */
  async function accountWithWorkspace(): Promise<{
    email: string;
    userId: string;
    slug: string;
    id: string;
    token: string;
  }> {
    const email = `owner-${unique()}@example.com`;
    const signUp = await sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email, password: PASSWORD, displayName: 'Olga Owner' })
      .expect(201);
    const slug = `ws-${unique()}`;
    const workspace = await sut.http
      .post('/api/v1/workspaces')
      .set('Authorization', `Bearer ${signUp.body.accessToken}`)
      .send({ name: 'Harbour Press', slug })
      .expect(201);
    return { email, userId: signUp.body.user.id, slug, id: workspace.body.id, token: signUp.body.accessToken };
  }

  async function signInWithPassword(email: string): Promise<void> {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
  }

  journey('sign up and create a workspace', async () => {
    await page.goto(`${sut.url}/admin/`);
    await page.waitForURL(/\/admin\/sign-in/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible();

    await page.getByRole('link', { name: /create one/i }).click();
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    await expectAccessible();
    // The API's password policy answers on the password field.
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill(`ada-${unique()}@example.com`);
    await page.getByLabel('Password').fill('short');
    await page.getByTestId('sign-up-submit').click();
    await page.getByTestId('form-error').waitFor();
    await page
      .locator('mat-error')
      .filter({ hasText: /password/i })
      .first()
      .waitFor();
    await expectAccessible();

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByTestId('sign-up-submit').click();
    await page.getByTestId('workspaces-empty').waitFor();
    await expectAccessible();
    // The session is in httpOnly cookies: script sees the CSRF token only, and web storage holds no token.
    const cookies = await page.evaluate(() => document.cookie);
    expect(cookies).not.toContain('quire_access');
    expect(cookies).not.toContain('quire_refresh');
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(storage).not.toMatch(/eyJ/);

    await page.getByRole('link', { name: 'Create your first workspace' }).click();
    await page.getByRole('heading', { name: 'Create a workspace' }).waitFor();
    await expectAccessible();
    const name = `Analytical Engines ${unique()}`;
    await page.getByLabel('Name').fill(name);
    const slug = await page.getByLabel('Slug').inputValue();
    expect(slug).toMatch(/^analytical-engines-/);
    await page.getByTestId('create-workspace-submit').click();
    await page.waitForURL(new RegExp(`/admin/w/${slug}$`));
    await page.getByTestId('workspace-title').filter({ hasText: name }).waitFor();
    expect(await page.getByTestId('workspace-switcher').inputValue()).toBe(slug);
    await expectAccessible();

    // Settings: the owner may; the API's validation errors land on the field they name.
    await page.getByTestId('nav-settings').click();
    await page.getByRole('heading', { name: 'Workspace settings' }).waitFor();
    await expectAccessible();
    await page.getByLabel('Locales').fill('en, not a locale!');
    await page.getByTestId('settings-save').click();
    await page
      .locator('mat-form-field')
      .filter({ has: page.getByLabel('Locales') })
      .locator('mat-error')
      .filter({ hasText: /BCP 47/ })
      .waitFor();
    await expectAccessible();
    await page.getByLabel('Locales').fill('en, de');
    await page.getByLabel('Time zone').fill('Europe/Berlin');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    const saved = await sut.dataSource.query(`SELECT enabled_locales, time_zone FROM workspaces WHERE slug = $1`, [
      slug,
    ]);
    expect(saved[0]).toMatchObject({ enabled_locales: ['en', 'de'], time_zone: 'Europe/Berlin' });
  });

  journey('an editor is refused the settings screen', async () => {
    const owner = await accountWithWorkspace();
    const email = `editor-${unique()}@example.com`;
    const editor = await sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email, password: PASSWORD, displayName: 'Eddie Editor' })
      .expect(201);
    await sut.app.get(WorkspacesResolver).ensureMember(owner.id, editor.body.user.id, 'viewer');
    await sut.dataSource.query(
      `UPDATE workspace_members SET role = 'editor' WHERE workspace_id = $1 AND user_id = $2`,
      [owner.id, editor.body.user.id],
    );

    // A deep link while signed out: sign-in first, then back to the page asked for.
    await page.goto(`${sut.url}/admin/w/${owner.slug}/settings`);
    await page.waitForURL(/\/admin\/sign-in\?returnUrl=/);
    await signInWithPassword(email);
    await page.getByTestId('not-allowed').waitFor();
    expect(page.url()).toMatch(new RegExp(`/admin/w/${owner.slug}/settings$`));
    expect(await page.getByTestId('not-allowed').textContent()).toContain('editor');
    await expectAccessible();
    // Nor is it offered in the navigation.
    await page.getByRole('link', { name: 'Back to the workspace' }).click();
    await page.getByTestId('workspace-title').waitFor();
    expect(await page.getByTestId('workspace-nav').textContent()).not.toContain('Settings');
    expect(await page.getByTestId('nav-settings').count()).toBe(0);
    await expectAccessible();

    // A workspace the editor is not in: the API's 404 problem as an error toast, and the not-found screen.
    await page.goto(`${sut.url}/admin/w/${owner.slug}-elsewhere`);
    await page
      .getByText(/not found/i)
      .first()
      .waitFor();
    const toast = page.locator('.quire-error-toast');
    await toast.waitFor();
    expect((await toast.textContent())?.trim()).not.toBe('');
    await expectAccessible();
  });

  journey('invite a member and accept through the mailed link', async () => {
    const owner = await accountWithWorkspace();
    const email = `invitee-${unique()}@example.com`;
    await sut.http
      .post(`/api/v1/workspaces/${owner.slug}/invitations`)
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ email, role: 'editor' })
      .expect(201);
    const mail = await smtp.waitForMail(email);
    const token = /\/admin\/invitations\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();

    // The link as the invitee opens it, signed out and without an account: sign up through the invitation.
    await page.goto(`${sut.url}/admin/invitations?token=${token}`);
    await page.getByTestId('invitation-summary').filter({ hasText: 'Harbour Press' }).waitFor();
    await expectAccessible();
    await page.getByLabel('Your name').fill('Ivy Invitee');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account and join' }).click();
    await page.waitForURL(new RegExp(`/admin/w/${owner.slug}$`));
    await page.getByTestId('workspace-title').filter({ hasText: 'Harbour Press' }).waitFor();
    expect(await page.getByText('You are editor in this workspace.').count()).toBe(1);
    await expectAccessible();
  });

  journey('sign in with a mailed code', async () => {
    const owner = await accountWithWorkspace();
    await page.goto(`${sut.url}/admin/sign-in`);
    await page.getByRole('button', { name: 'Email me a code instead' }).click();
    await page.getByRole('button', { name: 'Send me a code' }).waitFor();
    await page.getByLabel('Email').fill(owner.email);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByLabel('Code from the email').waitFor();
    await expectAccessible();
    const mail = await smtp.waitForMail(owner.email, 'sign-in code');
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
    await page.getByLabel('Code from the email').fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator(`[data-workspace="${owner.slug}"]`).waitFor();
  });

  journey('reset a forgotten password through the mailed link', async () => {
    const owner = await accountWithWorkspace();
    await page.goto(`${sut.url}/admin/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByLabel('Email').fill(owner.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByTestId('reset-done').waitFor();
    await expectAccessible();

    const mail = await smtp.waitForMail(owner.email, 'Reset your');
    const token = /\/admin\/reset-password\?token=([^\s"&]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    await page.goto(`${sut.url}/admin/reset-password?token=${token}`);
    const newPassword = 'a brand new passphrase, seven words long';
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByTestId('reset-done').waitFor();
    await expectAccessible();

    await page.getByRole('link', { name: 'Back to sign-in' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(newPassword);
    await page.getByTestId('sign-in-submit').click();
    await page.locator(`[data-workspace="${owner.slug}"]`).waitFor();
  });

  journey('sign in with a password and the authenticator step', async () => {
    const owner = await accountWithWorkspace();
    const setup = await sut.http
      .post('/api/v1/me/two-factor/setup')
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(201);
    // `offset` 30 is the next time step: the API never accepts the step the confirmation used again (replay).
    const totp = (offset = 0) =>
      generate({ secret: setup.body.secret as string, epoch: Math.floor(Date.now() / 1000) + offset });
    await sut.http
      .post('/api/v1/me/two-factor/confirm')
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ code: await totp() })
      .expect(200);

    await page.goto(`${sut.url}/admin/sign-in`);
    await signInWithPassword(owner.email);
    await page.getByTestId('two-factor-form').waitFor();
    await expectAccessible();
    await page.getByLabel('Authentication code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('form-error').waitFor();
    await page.getByLabel('Authentication code').fill(await totp(30));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.locator(`[data-workspace="${owner.slug}"]`).waitFor();
  });

  journey('shows the impersonation banner on every screen, and stops it', async () => {
    const user = await accountWithWorkspace();
    const adminEmail = `admin-${unique()}@example.com`;
    const admin = await sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email: adminEmail, password: PASSWORD, displayName: 'Ada Admin' })
      .expect(201);
    await sut.dataSource.query(
      `UPDATE identity_users SET platform_admin = true, email_verified_at = now() WHERE id = $1`,
      [admin.body.user.id],
    );
    // A fresh session, which reads the new platform-administrator flag.
    const adminSession = await sut.http
      .post('/api/v1/auth/sign-in')
      .send({ email: adminEmail, password: PASSWORD })
      .expect(200);
    // Started with cookie delivery from this browser, as the console will: the impersonation session's cookies.
    const started = await context.request.post(`${sut.url}/api/v1/admin/impersonation`, {
      headers: { Authorization: `Bearer ${adminSession.body.accessToken}`, 'Quire-Token-Delivery': 'cookie' },
      data: { userId: user.userId, reason: 'Reproducing a support ticket about settings', minutes: 15 },
    });
    expect(started.status()).toBe(201);

    await page.goto(`${sut.url}/admin/`);
    const banner = page.getByTestId('impersonation-banner');
    await banner.filter({ hasText: user.email }).waitFor();
    await expectAccessible();
    await page.locator(`[data-workspace="${user.slug}"]`).click();
    await page.getByTestId('workspace-title').waitFor();
    await banner.waitFor();
    await expectAccessible();

    await banner.getByRole('button', { name: 'Stop impersonating' }).click();
    await page.waitForURL(/\/admin\/sign-in$/);
    expect(await banner.count()).toBe(0);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
  });

  journey('sign in with a password, then sign out clears local data', async () => {
    const owner = await accountWithWorkspace();
    await page.goto(`${sut.url}/admin/sign-in`);
    // A wrong password: the API's problem, said on the form.
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('form-error').waitFor();
    await expectAccessible();

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.locator(`[data-workspace="${owner.slug}"]`).waitFor();
    expect(await page.getByTestId('user-name').textContent()).toContain('Olga Owner');
    await expectAccessible();

    // An access token that is gone (expired): the console refreshes once from the httpOnly refresh cookie.
    await context.clearCookies({ name: 'quire_access' });
    await page.reload();
    await page.locator(`[data-workspace="${owner.slug}"]`).waitFor();
    expect((await context.cookies()).map((cookie) => cookie.name)).toContain('quire_access');

    await page.evaluate(() => {
      localStorage.setItem('quire.recent', 'something kept locally');
      sessionStorage.setItem('quire.draft', 'something else');
    });
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/admin\/sign-in$/);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    // The session is over on the server too: the console's pages send back to sign-in.
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
    await page.goto(`${sut.url}/admin/w/${owner.slug}`);
    await page.waitForURL(/\/admin\/sign-in\?returnUrl=/);
  });

  journey('stays usable at tablet width, with the workspace switcher', async () => {
    const owner = await accountWithWorkspace();
    await page.setViewportSize({ width: 820, height: 1100 });
    await page.goto(`${sut.url}/admin/sign-in`);
    await signInWithPassword(owner.email);
    await page.locator(`[data-workspace="${owner.slug}"]`).click();
    await page.getByTestId('workspace-title').waitFor();
    await page.getByRole('button', { name: 'Navigation' }).click();
    await page.getByTestId('nav-settings').waitFor();
    await expectAccessible();
  });
});
