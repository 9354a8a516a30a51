import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { loadConfig } from '@quire/core';
import { createTestApp, startSmtpMailbox, type SmtpMailbox, type TestApp } from '@quire/testing';
import { WorkspacesResolver } from '@quire/workspaces';
import { plugins } from '../../api/src/quire.config';
import { readZip } from '../../../libs/compliance/test/fixtures/zip-reader';
import { ensureConsoleBuilt, launchBrowser, screenshot, seriousAxeViolations } from './browser';

const PASSWORD = 'correct horse battery staple 42';
let counter = 0;
const unique = () => `${Date.now().toString(36)}${counter++}`;

/**
 * The console's compliance journeys in Chromium, on the real API and PostgreSQL with a real SMTP mailbox: an auditor
 * who sees only the audit log and the compliance report and exports the log, and a person who downloads a copy of
 * their data through the mailed code. axe checks every screen; a failing journey leaves a screenshot.
 */
describe('compliance screens in Chromium', () => {
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
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400)
        pageErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
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

  async function signUp(prefix: string, displayName: string): Promise<{ email: string; id: string; token: string }> {
    const email = `${prefix}-${unique()}@example.com`;
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email, password: PASSWORD, displayName })
      .expect(201);
    return { email, id: response.body.user.id, token: response.body.accessToken };
  }

  async function signIn(email: string): Promise<void> {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
  }

  async function downloaded(download: Download): Promise<Buffer> {
    const path = await download.path();
    return readFileSync(path);
  }

  journey('an auditor exports the audit log', async () => {
    const owner = await signUp('owner', 'Olga Owner');
    const slug = `ws-${unique()}`;
    const workspace = await sut.http
      .post('/api/v1/workspaces')
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ name: 'Harbour Press', slug })
      .expect(201);
    // Something to audit besides the creation: a settings change.
    await sut.http
      .patch(`/api/v1/workspaces/${slug}`)
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ timeZone: 'Europe/Berlin' })
      .expect(200);
    const auditor = await signUp('auditor', 'Audrey Auditor');
    await sut.app.get(WorkspacesResolver).ensureMember(workspace.body.id, auditor.id, 'viewer');
    await sut.dataSource.query(
      `UPDATE workspace_members SET role = 'auditor' WHERE workspace_id = $1 AND user_id = $2`,
      [workspace.body.id, auditor.id],
    );
    // The action to filter by, as the log holds it.
    const log = await sut.http
      .get(`/api/v1/workspaces/${slug}/audit-log`)
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(200);
    const actions = (log.body.data as Array<{ action: string }>).map((record) => record.action);
    const action = actions.find((name) => name.endsWith('.updated')) ?? actions[0];
    expect(action).toBeDefined();

    await page.goto(`${sut.url}/admin/w/${slug}/audit-log`);
    await page.waitForURL(/\/admin\/sign-in\?returnUrl=/);
    await signIn(auditor.email);
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByTestId('audit-row').first().waitFor();
    await expectAccessible();

    // The auditor's workspace navigation: the audit log and the report, and no other workspace screen.
    const workspaceNav = page.getByTestId('workspace-nav');
    const links = (await workspaceNav.getByRole('link').allTextContents()).map((text) => text.trim());
    expect(links.filter((text) => text !== 'Home')).toEqual(['Audit log', 'Compliance report']);
    expect(await page.getByTestId('nav-settings').count()).toBe(0);
    expect(await page.locator('[data-plugin]').count()).toBe(0);
    expect(await page.getByTestId('workspace-switcher').inputValue()).toBe(slug);

    // Filter by action: every row shown has it.
    await page.getByLabel('Action').fill(action);
    await page.getByTestId('audit-apply').click();
    await page.waitForFunction(
      (wanted) =>
        [...document.querySelectorAll('[data-testid="audit-row"] td:nth-child(2)')].every(
          (cell) => cell.textContent?.trim() === wanted,
        ),
      action,
    );
    const rows = await page.getByTestId('audit-row').count();
    expect(rows).toBeGreaterThan(0);

    // A record's details: sequence, request id, hash, changes.
    await page.getByTestId('audit-row').first().getByRole('button', { name: 'Details' }).click();
    const details = page.getByTestId('audit-details');
    await details.waitFor();
    expect(await details.textContent()).toMatch(/Sequence[\s\S]*Hash/);
    await expectAccessible();

    // The CSV export holds what the filters select, the whole filtered log.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const lines = (await downloaded(csv))
      .toString('utf8')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '');
    expect(lines[0]).toContain('action');
    expect(lines.length - 1).toBe(rows);
    for (const line of lines.slice(1)) expect(line).toContain(action);

    // The chain verifies.
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verify-result').filter({ hasText: 'The chain verifies' }).waitFor();
    await expectAccessible();

    await page.getByTestId('nav-compliance-report').click();
    await page.getByRole('heading', { name: 'Compliance report' }).waitFor();
    await page.getByTestId('report-chain').waitFor();
    await expectAccessible();

    // Screens outside the auditor's rules are refused, not blank.
    await page.goto(`${sut.url}/admin/w/${slug}/settings`);
    await page.getByTestId('not-allowed').waitFor();
  });

  journey('an owner places and releases a legal hold', async () => {
    const owner = await signUp('owner', 'Olga Owner');
    const slug = `ws-${unique()}`;
    await sut.http
      .post('/api/v1/workspaces')
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ name: 'Harbour Press', slug })
      .expect(201);
    await page.goto(`${sut.url}/admin/sign-in`);
    await signIn(owner.email);
    await page.locator(`[data-workspace="${slug}"]`).click();
    await page.getByTestId('nav-legal-holds').click();
    await page.getByRole('heading', { name: 'Legal holds' }).waitFor();
    await page.getByText('No legal hold has been placed on this workspace.').waitFor();
    await expectAccessible();

    // The API's validation lands on the field: a user hold without its user.
    await page.getByLabel('Scope').selectOption('user');
    await page.getByLabel('Reason', { exact: true }).fill('Litigation hold: case 2026-117');
    await page.getByRole('button', { name: 'Place hold' }).click();
    await page.getByTestId('form-error').waitFor();
    await expectAccessible();

    await page.getByLabel('Scope').selectOption('workspace');
    await page.getByRole('button', { name: 'Place hold' }).click();
    const holds = page.getByTestId('holds');
    await holds.getByText('In force').waitFor();
    await page.getByTestId('nav-compliance-report').click();
    await page.getByTestId('report-holds').getByText('Litigation hold: case 2026-117').waitFor();

    await page.getByTestId('nav-legal-holds').click();
    await holds.getByRole('button', { name: 'Release…' }).click();
    await page.getByLabel('Reason for the release').fill('Case closed');
    await page.getByRole('button', { name: 'Release', exact: true }).click();
    await holds.getByText(/Released .*: Case closed/).waitFor();
    await expectAccessible();
    // Both changes are audited.
    const audited = await sut.http
      .get(`/api/v1/workspaces/${slug}/audit-log`)
      .query({ 'filter[action][contains]': 'legal-hold' })
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(200);
    expect((audited.body.data as Array<{ action: string }>).map((r) => r.action).sort()).toEqual([
      'compliance.legal-hold.placed',
      'compliance.legal-hold.released',
    ]);
  });

  journey('a platform administrator makes a retention dry run', async () => {
    // Anyone else is told the screen is not theirs.
    const person = await signUp('person', 'Pat Person');
    await page.goto(`${sut.url}/admin/retention`);
    await page.waitForURL(/\/admin\/sign-in\?returnUrl=/);
    await signIn(person.email);
    await page.getByTestId('retention-refused').waitFor();
    await expectAccessible();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/admin\/sign-in$/);

    const admin = await signUp('admin', 'Ada Admin');
    await sut.dataSource.query(
      `UPDATE identity_users SET platform_admin = true, email_verified_at = now() WHERE id = $1`,
      [admin.id],
    );
    // A fresh session, which reads the platform-administrator flag.
    await signIn(admin.email);
    await page.getByTestId('user-name').filter({ hasText: 'Ada Admin' }).waitFor();
    await page.goto(`${sut.url}/admin/retention`);
    await page.getByTestId('retention-dry-run').click();
    const run = page.getByTestId('retention-run').filter({ hasText: '(dry run)' }).first();
    await run.waitFor();
    expect(await run.textContent()).toContain('compliance.');
    await expectAccessible();
  });

  journey('a user exports their data', async () => {
    const user = await signUp('person', 'Pat Person');
    await page.goto(`${sut.url}/admin/sign-in`);
    await signIn(user.email);
    await page.getByTestId('nav-privacy').click();
    await page.getByRole('heading', { name: 'Privacy & Data' }).waitFor();
    await page.getByTestId('privacy-export').waitFor();
    await expectAccessible();

    await page.getByTestId('privacy-export').click();
    await page.getByTestId('privacy-code-form').waitFor();
    await expectAccessible();
    // A wrong code: the API's problem, said on the page.
    await page.getByLabel('Code from the email').fill('000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByTestId('form-error').waitFor();

    const mail = await smtp.waitForMail(user.email, 'privacy request');
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await page.getByLabel('Code from the email').fill(code);
    await page.getByRole('button', { name: 'Confirm' }).click();
    const link = page.getByTestId('privacy-download');
    await link.waitFor();
    await expectAccessible();

    const [zip] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const bytes = await downloaded(zip);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const files = await readZip(bytes);
    const manifest = JSON.parse(files.get('manifest.json') ?? 'null') as { userId: string; type: string } | null;
    expect(manifest).toMatchObject({ userId: user.id, type: 'access' });
    // The download completes the request.
    await page.getByTestId('privacy-request-status').filter({ hasText: 'completed' }).waitFor();
  });
});
