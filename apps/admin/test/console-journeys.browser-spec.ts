import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'otplib';
import { WorkspacesResolver } from '@quire/workspaces';
import { PASSWORD, useConsoleSuite } from './console-suite';

/**
 * The console's account and workspace journeys in Chromium, on the real API (every plugin apps/api loads) and a
 * real PostgreSQL: sign-up, sign-in, sign-out, workspaces, settings and the permission refusal. axe checks every
 * screen visited; a failing journey leaves a screenshot in test-results/screenshots.
 */
describe('admin console journeys in Chromium', () => {
  const suite = useConsoleSuite('journeys');
  const { journey, expectAccessible, fillSignIn: signInWithPassword } = suite;

  /** An account made through the API (not the browser), with a workspace it owns. */
  async function accountWithWorkspace() {
    const owner = await suite.signUp('Olga Owner');
    return { ...owner, ...(await suite.workspaceOf(owner)) };
  }

  /** Signing in without a page asked for opens the user's only workspace. */
  const landedIn = async (slug: string) => {
    await suite.page.waitForURL(new RegExp(`/admin/w/${slug}$`));
    await suite.page.getByTestId('workspace-title').waitFor();
  };

  journey('sign up and create a workspace', async () => {
    await suite.page.goto(`${suite.sut.url}/admin/`);
    await suite.page.waitForURL(/\/admin\/sign-in/);
    await suite.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible();

    await suite.page.getByRole('link', { name: /create one/i }).click();
    await suite.page.getByRole('heading', { name: 'Create an account' }).waitFor();
    await expectAccessible();
    // The API's password policy answers on the password field.
    await suite.page.getByLabel('Your name').fill('Ada Lovelace');
    await suite.page.getByLabel('Email').fill(`ada-${suite.unique()}@example.com`);
    await suite.page.getByLabel('Password').fill('short');
    await suite.page.getByTestId('sign-up-submit').click();
    await suite.page.getByTestId('form-error').waitFor();
    await suite.page
      .locator('mat-error')
      .filter({ hasText: /password/i })
      .first()
      .waitFor();
    await expectAccessible();

    await suite.page.getByLabel('Password').fill(PASSWORD);
    await suite.page.getByTestId('sign-up-submit').click();
    await suite.page.getByTestId('workspaces-empty').waitFor();
    await expectAccessible();
    // The session is in httpOnly cookies: script sees the CSRF token only, and web storage holds no token.
    const cookies = await suite.page.evaluate(() => document.cookie);
    expect(cookies).not.toContain('quire_access');
    expect(cookies).not.toContain('quire_refresh');
    const storage = await suite.page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(storage).not.toMatch(/eyJ/);

    await suite.page.getByRole('link', { name: 'Create your first workspace' }).click();
    await suite.page.getByRole('heading', { name: 'Create a workspace' }).waitFor();
    await expectAccessible();
    const name = `Analytical Engines ${suite.unique()}`;
    await suite.page.getByLabel('Name').fill(name);
    const slug = await suite.page.getByLabel('Slug').inputValue();
    expect(slug).toMatch(/^analytical-engines-/);
    await suite.page.getByTestId('create-workspace-submit').click();
    await suite.page.waitForURL(new RegExp(`/admin/w/${slug}$`));
    await suite.page.getByTestId('workspace-title').filter({ hasText: name }).waitFor();
    expect(await suite.page.getByTestId('workspace-switcher').inputValue()).toBe(slug);
    await expectAccessible();

    // Settings: the owner may; the API's validation errors land on the field they name.
    await suite.page.getByTestId('nav-settings').click();
    await suite.page.getByRole('heading', { name: 'Workspace settings' }).waitFor();
    await expectAccessible();
    await suite.page.getByLabel('Locales').fill('en, not a locale!');
    await suite.page.getByTestId('settings-save').click();
    await suite.page
      .locator('mat-form-field')
      .filter({ has: suite.page.getByLabel('Locales') })
      .locator('mat-error')
      .filter({ hasText: /BCP 47/ })
      .waitFor();
    await expectAccessible();
    await suite.page.getByLabel('Locales').fill('en, de');
    await suite.page.getByLabel('Time zone').fill('Europe/Berlin');
    await suite.page.getByTestId('settings-save').click();
    await suite.page.getByTestId('settings-saved').waitFor();
    const saved = await suite.sut.dataSource.query(
      `SELECT enabled_locales, time_zone FROM workspaces WHERE slug = $1`,
      [slug],
    );
    expect(saved[0]).toMatchObject({ enabled_locales: ['en', 'de'], time_zone: 'Europe/Berlin' });
  });

  journey('an editor is refused the settings screen', async () => {
    const owner = await accountWithWorkspace();
    const email = `editor-${suite.unique()}@example.com`;
    const editor = await suite.sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email, password: PASSWORD, displayName: 'Eddie Editor' })
      .expect(201);
    await suite.sut.app.get(WorkspacesResolver).ensureMember(owner.id, editor.body.user.id, 'viewer');
    await suite.sut.dataSource.query(
      `UPDATE workspace_members SET role = 'editor' WHERE workspace_id = $1 AND user_id = $2`,
      [owner.id, editor.body.user.id],
    );

    // A deep link while signed out: sign-in first, then back to the page asked for.
    await suite.page.goto(`${suite.sut.url}/admin/w/${owner.slug}/settings`);
    await suite.page.waitForURL(/\/admin\/sign-in\?returnUrl=/);
    await signInWithPassword(email);
    await suite.page.getByTestId('not-allowed').waitFor();
    expect(suite.page.url()).toMatch(new RegExp(`/admin/w/${owner.slug}/settings$`));
    expect(await suite.page.getByTestId('not-allowed').textContent()).toContain('editor');
    await expectAccessible();
    // Nor is it offered in the navigation.
    await suite.page.getByRole('link', { name: 'Back to the workspace' }).click();
    await suite.page.getByTestId('workspace-title').waitFor();
    expect(await suite.page.getByTestId('workspace-nav').textContent()).not.toContain('Settings');
    expect(await suite.page.getByTestId('nav-settings').count()).toBe(0);
    await expectAccessible();

    // A workspace the editor is not in: the API's 404 problem as an error toast, and the not-found screen.
    await suite.page.goto(`${suite.sut.url}/admin/w/${owner.slug}-elsewhere`);
    await suite.page
      .getByText(/not found/i)
      .first()
      .waitFor();
    const toast = suite.page.locator('.quire-error-toast');
    await toast.waitFor();
    expect((await toast.textContent())?.trim()).not.toBe('');
    await expectAccessible();
  });

  journey('invite a member and accept through the mailed link', async () => {
    const owner = await accountWithWorkspace();
    const email = `invitee-${suite.unique()}@example.com`;
    await suite.sut.http
      .post(`/api/v1/workspaces/${owner.slug}/invitations`)
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ email, role: 'editor' })
      .expect(201);
    const mail = await suite.smtp.waitForMail(email);
    const token = /\/admin\/invitations\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();

    // The link as the invitee opens it, signed out and without an account: sign up through the invitation.
    await suite.page.goto(`${suite.sut.url}/admin/invitations?token=${token}`);
    await suite.page.getByTestId('invitation-summary').filter({ hasText: 'Harbour Press' }).waitFor();
    await expectAccessible();
    await suite.page.getByLabel('Your name').fill('Ivy Invitee');
    await suite.page.getByLabel('Password').fill(PASSWORD);
    await suite.page.getByRole('button', { name: 'Create account and join' }).click();
    await suite.page.waitForURL(new RegExp(`/admin/w/${owner.slug}$`));
    await suite.page.getByTestId('workspace-title').filter({ hasText: 'Harbour Press' }).waitFor();
    expect(await suite.page.getByText('You are editor in this workspace.').count()).toBe(1);
    await expectAccessible();
  });

  journey('offers the SSO providers of the workspace that verified the email’s domain', async () => {
    const owner = await accountWithWorkspace();
    const domain = `corp-${suite.unique()}.example`;
    // Verified as DNS would (identity's SSO suites verify over a loopback DNS server).
    await suite.sut.dataSource.query(
      `INSERT INTO identity_sso_domains (id, workspace_id, domain, verification_token, verified_at)
       VALUES (gen_random_uuid(), $1, $2, 'token', now())`,
      [owner.id, domain],
    );
    const connection = await suite.sut.http
      .post(`/api/v1/workspaces/${owner.slug}/sso/connections`)
      .set('Authorization', `Bearer ${owner.token}`)
      .send({
        kind: 'saml',
        name: 'Corporate IdP',
        config: {
          entryPoint: 'https://idp.example/sso',
          idpCert: readFileSync(join(__dirname, '../../../libs/identity/test/support/sso-keys/idp.crt'), 'utf8'),
        },
      })
      .expect(201);

    await suite.page.goto(`${suite.sut.url}/admin/w/${owner.slug}/settings`);
    await suite.page.waitForURL(/\/admin\/sign-in\?returnUrl=/);
    await suite.page.getByLabel('Email').fill(`someone@${domain}`);
    const button = suite.page.getByRole('link', { name: 'Sign in with Corporate IdP' });
    await button.waitFor();
    const href = new URL((await button.getAttribute('href'))!);
    expect(href.pathname).toBe(`/api/v1/auth/sso/${connection.body.id}/start`);
    expect(href.searchParams.get('returnTo')).toBe(`/admin/w/${owner.slug}/settings`);
    await expectAccessible();
    // The start URL redirects to the identity provider.
    const start = await suite.sut.http.get(`${href.pathname}${href.search}`).expect(302);
    expect(start.headers.location).toMatch(/^https:\/\/idp\.example\/sso\?SAMLRequest=/);

    // Another address: no buttons.
    await suite.page.getByLabel('Email').fill('someone@elsewhere.example');
    await button.waitFor({ state: 'detached' });
  });

  journey('sign in with a mailed code', async () => {
    const owner = await accountWithWorkspace();
    await suite.page.goto(`${suite.sut.url}/admin/sign-in`);
    await suite.page.getByRole('button', { name: 'Email me a code instead' }).click();
    await suite.page.getByRole('button', { name: 'Send me a code' }).waitFor();
    await suite.page.getByLabel('Email').fill(owner.email);
    await suite.page.getByRole('button', { name: 'Send me a code' }).click();
    await suite.page.getByLabel('Code from the email').waitFor();
    await expectAccessible();
    const mail = await suite.smtp.waitForMail(owner.email, 'sign-in code');
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
    await suite.page.getByLabel('Code from the email').fill(code);
    await suite.page.getByRole('button', { name: 'Sign in' }).click();
    await landedIn(owner.slug);
  });

  journey('reset a forgotten password through the mailed link', async () => {
    const owner = await accountWithWorkspace();
    await suite.page.goto(`${suite.sut.url}/admin/sign-in`);
    await suite.page.getByRole('link', { name: 'Forgot your password?' }).click();
    await suite.page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await suite.page.getByLabel('Email').fill(owner.email);
    await suite.page.getByRole('button', { name: 'Send me a link' }).click();
    await suite.page.getByTestId('reset-done').waitFor();
    await expectAccessible();

    const mail = await suite.smtp.waitForMail(owner.email, 'Reset your');
    const token = /\/admin\/reset-password\?token=([^\s"&]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    await suite.page.goto(`${suite.sut.url}/admin/reset-password?token=${token}`);
    const newPassword = 'a brand new passphrase, seven words long';
    await suite.page.getByLabel('New password').fill(newPassword);
    await suite.page.getByRole('button', { name: 'Set password' }).click();
    await suite.page.getByTestId('reset-done').waitFor();
    await expectAccessible();

    await suite.page.getByRole('link', { name: 'Back to sign-in' }).click();
    await suite.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await suite.page.getByLabel('Email').fill(owner.email);
    await suite.page.getByLabel('Password').fill(newPassword);
    await suite.page.getByTestId('sign-in-submit').click();
    await landedIn(owner.slug);
  });

  journey('sign in with a password and the authenticator step', async () => {
    const owner = await accountWithWorkspace();
    const setup = await suite.sut.http
      .post('/api/v1/me/two-factor/setup')
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(201);
    // `offset` 30 is the next time step: the API never accepts the step the confirmation used again (replay).
    const totp = (offset = 0) =>
      generate({ secret: setup.body.secret as string, epoch: Math.floor(Date.now() / 1000) + offset });
    await suite.sut.http
      .post('/api/v1/me/two-factor/confirm')
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ code: await totp() })
      .expect(200);

    await suite.page.goto(`${suite.sut.url}/admin/sign-in`);
    await signInWithPassword(owner.email);
    await suite.page.getByTestId('two-factor-form').waitFor();
    await expectAccessible();
    await suite.page.getByLabel('Authentication code').fill('000000');
    await suite.page.getByRole('button', { name: 'Verify' }).click();
    await suite.page.getByTestId('form-error').waitFor();
    await suite.page.getByLabel('Authentication code').fill(await totp(30));
    await suite.page.getByRole('button', { name: 'Verify' }).click();
    await landedIn(owner.slug);
  });

  journey('shows the impersonation banner on every screen, and stops it', async () => {
    const user = await accountWithWorkspace();
    const adminEmail = `admin-${suite.unique()}@example.com`;
    const admin = await suite.sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email: adminEmail, password: PASSWORD, displayName: 'Ada Admin' })
      .expect(201);
    await suite.sut.dataSource.query(
      `UPDATE identity_users SET platform_admin = true, email_verified_at = now() WHERE id = $1`,
      [admin.body.user.id],
    );
    // A fresh session, which reads the new platform-administrator flag.
    const adminSession = await suite.sut.http
      .post('/api/v1/auth/sign-in')
      .send({ email: adminEmail, password: PASSWORD })
      .expect(200);
    // Started with cookie delivery from this browser, as the console will: the impersonation session's cookies.
    const started = await suite.context.request.post(`${suite.sut.url}/api/v1/admin/impersonation`, {
      headers: { Authorization: `Bearer ${adminSession.body.accessToken}`, 'Quire-Token-Delivery': 'cookie' },
      data: { userId: user.userId, reason: 'Reproducing a support ticket about settings', minutes: 15 },
    });
    expect(started.status()).toBe(201);

    await suite.page.goto(`${suite.sut.url}/admin/`);
    const banner = suite.page.getByTestId('impersonation-banner');
    await banner.filter({ hasText: user.email }).waitFor();
    await expectAccessible();
    await suite.page.locator(`[data-workspace="${user.slug}"]`).click();
    await suite.page.getByTestId('workspace-title').waitFor();
    await banner.waitFor();
    await expectAccessible();

    await banner.getByRole('button', { name: 'Stop impersonating' }).click();
    await suite.page.waitForURL(/\/admin\/sign-in$/);
    expect(await banner.count()).toBe(0);
    const me = await suite.page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
  });

  journey('sign in with a password, then sign out clears local data', async () => {
    const owner = await accountWithWorkspace();
    await suite.page.goto(`${suite.sut.url}/admin/sign-in`);
    // A wrong password: the API's problem, said on the form.
    await suite.page.getByLabel('Email').fill(owner.email);
    await suite.page.getByLabel('Password').fill('not the password');
    await suite.page.getByTestId('sign-in-submit').click();
    await suite.page.getByTestId('form-error').waitFor();
    await expectAccessible();

    await suite.page.getByLabel('Password').fill(PASSWORD);
    await suite.page.getByTestId('sign-in-submit').click();
    await landedIn(owner.slug);
    expect(await suite.page.getByTestId('user-name').textContent()).toContain('Olga Owner');
    await expectAccessible();

    // An access token that is gone (expired): the console refreshes once from the httpOnly refresh cookie.
    await suite.context.clearCookies({ name: 'quire_access' });
    await suite.page.reload();
    await landedIn(owner.slug);
    expect((await suite.context.cookies()).map((cookie) => cookie.name)).toContain('quire_access');

    await suite.page.evaluate(() => {
      localStorage.setItem('quire.recent', 'something kept locally');
      sessionStorage.setItem('quire.draft', 'something else');
    });
    await suite.page.getByTestId('sign-out').click();
    await suite.page.waitForURL(/\/admin\/sign-in$/);
    expect(await suite.page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    // The session is over on the server too: the console's pages send back to sign-in.
    const me = await suite.page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
    await suite.page.goto(`${suite.sut.url}/admin/w/${owner.slug}`);
    await suite.page.waitForURL(/\/admin\/sign-in\?returnUrl=/);
  });

  journey('stays usable at tablet width, with the workspace switcher', async () => {
    const owner = await accountWithWorkspace();
    await suite.page.setViewportSize({ width: 820, height: 1100 });
    await suite.page.goto(`${suite.sut.url}/admin/sign-in`);
    await signInWithPassword(owner.email);
    await landedIn(owner.slug);
    await suite.page.getByRole('button', { name: 'Navigation' }).click();
    await suite.page.getByTestId('nav-settings').waitFor();
    await expectAccessible();
  });
});
