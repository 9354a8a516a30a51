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
 * The members and access screens (pages/members) in Chromium on the real API and PostgreSQL: invitations,
 * custom roles from the permission grid, role changes and refusals, teams, and API keys whose secret is shown
 * once. Accepting an invitation through its mail is console-journeys' part. axe checks every screen visited.
 */
describe('admin console: members and access', () => {
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
        await screenshot(page, `failed-members-${name}`).catch(() => undefined);
        if (pageErrors.length > 0 && error instanceof Error)
          error.message += `\nPage errors:\n${pageErrors.join('\n')}`;
        throw error;
      }
    });

  async function expectAccessible(): Promise<void> {
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  async function signUp(displayName: string): Promise<{ email: string; userId: string; token: string }> {
    const email = `${displayName.split(' ')[0].toLowerCase()}-${unique()}@example.com`;
    const answer = await sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email, password: PASSWORD, displayName })
      .expect(201);
    return { email, userId: answer.body.user.id, token: answer.body.accessToken };
  }

  /** An owner with a workspace, and a second member (a viewer) to give a role to. */
  async function workspaceWithMember() {
    const owner = await signUp('Olga Owner');
    const slug = `ws-${unique()}`;
    const workspace = await sut.http
      .post('/api/v1/workspaces')
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ name: 'Harbour Press', slug })
      .expect(201);
    const member = await signUp('Mia Member');
    await sut.app.get(WorkspacesResolver).ensureMember(workspace.body.id, member.userId, 'viewer');
    return { owner, member, slug, id: workspace.body.id as string };
  }

  /** Retries an assertion about what the API reports until it holds (the page saves asynchronously). */
  async function eventually(check: () => Promise<void>, attempts = 50): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await check();
      } catch (error) {
        if (attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Closes the error toast on screen, so the next refusal shows its own. */
  async function dismissToast(): Promise<void> {
    const toast = page.locator('.quire-error-toast');
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await toast.waitFor({ state: 'detached' });
  }

  async function signInAt(path: string, email: string): Promise<void> {
    await page.goto(`${sut.url}/admin${path}`);
    await page.waitForURL(/\/admin\/sign-in\?returnUrl=/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
  }

  journey('invite, cancel, custom role, role change and API key', async () => {
    const { owner, member, slug } = await workspaceWithMember();
    const asOwner = async (path: string) =>
      (await sut.http.get(path).set('Authorization', `Bearer ${owner.token}`).expect(200)).body;
    await signInAt(`/w/${slug}/members`, owner.email);
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    await page.locator(`[data-member="${member.email}"]`).waitFor();
    await expectAccessible();

    // The last owner cannot leave: the API's refusal as an error toast, and the owner is still listed.
    await page.locator(`[data-member="${owner.email}"]`).getByTestId('member-remove').click();
    await page.locator('.quire-error-toast').waitFor();
    expect(await page.locator(`[data-member="${owner.email}"]`).count()).toBe(1);

    // Nor can the last owner become a viewer: a toast, and the control shows the role still held.
    await dismissToast();
    const ownerRole = page.locator(`[data-member="${owner.email}"]`).getByTestId('member-role');
    await ownerRole.selectOption('viewer');
    await page.locator('.quire-error-toast').waitFor();
    await eventually(async () => expect(await ownerRole.inputValue()).toBe('owner'));
    await expectAccessible();
    await dismissToast();

    // Invite: the invitation is pending in the list, then cancelled.
    const invitee = `invitee-${unique()}@example.com`;
    await page.getByLabel('Email address').fill(invitee);
    await page.getByLabel('Role', { exact: true }).selectOption('editor');
    await page.getByTestId('invite-submit').click();
    await page.getByTestId('invite-sent').waitFor();
    const row = page.locator(`[data-invitation="${invitee}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('pending');
    await expectAccessible();
    await row.getByTestId('invitation-cancel').click();
    await row.waitFor({ state: 'detached' });
    const invitations = await asOwner(`/api/v1/workspaces/${slug}/invitations?pageSize=100`);
    expect(invitations.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: invitee, status: 'cancelled' })]),
    );

    // Teams: create one and add the member.
    await page.getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('heading', { name: 'Teams' }).waitFor();
    await page.getByTestId('teams-empty').waitFor();
    await expectAccessible();
    await page.getByLabel('New team name').fill('Blog');
    await page.getByTestId('team-create').click();
    const team = page.locator('[data-team="Blog"]');
    await team.waitFor();
    await team.getByLabel('Member to add to Blog').selectOption({ label: 'Mia Member' });
    await team.getByRole('button', { name: 'Add member' }).click();
    await team.getByRole('button', { name: 'Remove Mia Member from Blog' }).waitFor();
    await expectAccessible();

    // A custom role from the permission grid; the API's validation error lands on the key field.
    await page.getByTestId('nav-roles').click();
    await page.locator('[data-role="owner"]').waitFor();
    await expectAccessible();
    await page.getByTestId('role-new').click();
    await page.locator('[data-permission="read:Team"]').first().waitFor();
    await expectAccessible();
    await page.getByLabel('Name', { exact: true }).fill('Blog editor');
    await page.getByLabel('Key', { exact: true }).fill('Not A Key');
    await page.locator('[data-permission="read:Team"]').first().check();
    await page.locator('[data-permission="update:Team"]').first().check();
    await page.getByTestId('role-save').click();
    await page
      .locator('mat-form-field')
      .filter({ has: page.getByLabel('Key', { exact: true }) })
      .locator('mat-error')
      .waitFor();
    expect(
      (
        await page
          .locator('mat-form-field')
          .filter({ has: page.getByLabel('Key', { exact: true }) })
          .locator('mat-error')
          .textContent()
      )?.trim().length,
    ).toBeGreaterThan(0);
    await expectAccessible();
    await page.getByLabel('Key', { exact: true }).fill('blog-editor');
    await page.getByTestId('role-save').click();
    await page.locator('[data-role="blog-editor"]').waitFor();
    const roles = (await asOwner(`/api/v1/workspaces/${slug}/roles`)) as Array<{ key: string; rules: unknown[] }>;
    const role = roles.find((r) => r.key === 'blog-editor')!;
    expect(role.rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'read', subject: 'Team' }),
        expect.objectContaining({ action: 'update', subject: 'Team' }),
      ]),
    );

    // Assign it to the member.
    await page.getByTestId('nav-members').click();
    const memberRow = page.locator(`[data-member="${member.email}"]`);
    await memberRow.waitFor();
    await memberRow.getByTestId('member-role').selectOption('blog-editor');
    await eventually(async () => {
      const members = (await asOwner(`/api/v1/workspaces/${slug}/members`)) as Array<{ userId: string; role: string }>;
      expect(members.find((m) => m.userId === member.userId)?.role).toBe('blog-editor');
    });

    // A role a member holds cannot be deleted (the API's 409 as a toast); editing keeps the grid's choices.
    await page.getByTestId('nav-roles').click();
    const customRole = page.locator('[data-role="blog-editor"]');
    await customRole.getByRole('button', { name: 'Delete' }).click();
    await page.locator('.quire-error-toast').filter({ hasText: /role/i }).waitFor();
    await dismissToast();
    expect(await customRole.count()).toBe(1);
    await customRole.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit custom role' }).waitFor();
    const updateTeam = page.locator('[data-permission="update:Team"]').first();
    await eventually(async () => expect(await updateTeam.isChecked()).toBe(true));
    expect(await page.getByLabel('Key', { exact: true }).isDisabled()).toBe(true);
    await expectAccessible();
    await updateTeam.uncheck();
    await page.getByTestId('role-save').click();
    await page.locator('[data-role="blog-editor"]').waitFor();
    const edited = (
      (await asOwner(`/api/v1/workspaces/${slug}/roles`)) as Array<{ key: string; rules: unknown[] }>
    ).find((r) => r.key === 'blog-editor')!;
    expect(edited.rules).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'update', subject: 'Team' })]),
    );

    // An API key: the secret once, in a dialog; afterwards nowhere on the page.
    await page.getByTestId('nav-api-keys').click();
    await page.getByTestId('api-keys-empty').waitFor();
    await expectAccessible();
    await page.getByLabel('Name').fill('Site build');
    await page.getByLabel('Kind').selectOption('management');
    // A scope no plugin declares: the API's validation error on the Scopes field.
    await page.getByLabel('Scopes').fill('fly:Nowhere');
    await page.getByTestId('api-key-create').click();
    const scopesError = page
      .locator('mat-form-field')
      .filter({ has: page.getByLabel('Scopes') })
      .locator('mat-error');
    await scopesError.waitFor();
    expect((await scopesError.textContent())?.trim().length).toBeGreaterThan(0);
    await expectAccessible();
    await page.getByLabel('Scopes').fill('read:Team');
    await page.getByTestId('api-key-create').click();
    const secretField = page.getByTestId('api-key-secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^qk_/);
    expect(await page.getByRole('dialog').textContent()).toContain('only time');
    await expectAccessible();
    await page.getByTestId('api-key-copy').click();
    await page.getByTestId('api-key-copied').waitFor();
    await page.getByTestId('api-key-done').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.locator('[data-api-key="Site build"]').waitFor();
    expect(await page.content()).not.toContain(secret);
    await expectAccessible();

    // The key works against the API, until it is revoked.
    await sut.http.get(`/api/v1/workspaces/${slug}/teams`).set('Authorization', `Bearer ${secret}`).expect(200);
    await page.locator('[data-api-key="Site build"]').getByTestId('api-key-revoke').click();
    await page
      .locator('[data-api-key="Site build"]')
      .getByTestId('api-key-status')
      .filter({ hasText: 'revoked' })
      .waitFor();
    await sut.http.get(`/api/v1/workspaces/${slug}/teams`).set('Authorization', `Bearer ${secret}`).expect(401);
    await expectAccessible();
  });

  journey('a viewer sees members without the buttons that change them', async () => {
    const { member, slug } = await workspaceWithMember();
    await signInAt(`/w/${slug}/members`, member.email);
    await page.locator(`[data-member="${member.email}"]`).waitFor();
    expect(await page.getByTestId('member-role').count()).toBe(0);
    expect(await page.getByTestId('invite-form').count()).toBe(0);
    // Only their own row offers to leave.
    expect(await page.getByTestId('member-remove').count()).toBe(1);
    expect(await page.getByTestId('nav-api-keys').count()).toBe(0);
    await expectAccessible();
    await page.goto(`${sut.url}/admin/w/${slug}/api-keys`);
    await page.getByTestId('not-allowed').waitFor();
    await expectAccessible();
    // At tablet width the tables scroll inside the page and stay accessible.
    await page.setViewportSize({ width: 800, height: 1000 });
    await page.goto(`${sut.url}/admin/w/${slug}/roles`);
    await page.locator('[data-role="owner"]').waitFor();
    await expectAccessible();
  });
});
