import { readFileSync } from 'node:fs';
import type { Download } from 'playwright-core';
import { WorkspacesResolver } from '@quire/workspaces';
import { readZip } from '../../../libs/compliance/test/fixtures/zip-reader';
import { useConsoleSuite } from './console-suite';

/**
 * The console's compliance journeys in Chromium, on the real API and PostgreSQL with a real SMTP mailbox: an auditor
 * who sees only the audit log and the compliance report and exports the log, and a person who downloads a copy of
 * their data through the mailed code. axe checks every screen; a failing journey leaves a screenshot.
 */
describe('compliance screens in Chromium', () => {
  const suite = useConsoleSuite('compliance');
  const { journey, expectAccessible, signUp, fillSignIn: signIn } = suite;

  async function downloaded(download: Download): Promise<Buffer> {
    const path = await download.path();
    return readFileSync(path);
  }

  journey('an auditor exports the audit log', async () => {
    const owner = await signUp('Olga Owner');
    const workspace = await suite.workspaceOf(owner);
    const { slug } = workspace;
    // Something to audit besides the creation: a settings change.
    await suite.sut.http
      .patch(`/api/v1/workspaces/${slug}`)
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ timeZone: 'Europe/Berlin' })
      .expect(200);
    const auditor = await signUp('Audrey Auditor');
    await suite.sut.app.get(WorkspacesResolver).ensureMember(workspace.id, auditor.userId, 'viewer');
    await suite.sut.dataSource.query(
      `UPDATE workspace_members SET role = 'auditor' WHERE workspace_id = $1 AND user_id = $2`,
      [workspace.id, auditor.userId],
    );
    // The action to filter by, as the log holds it.
    const log = await suite.sut.http
      .get(`/api/v1/workspaces/${slug}/audit-log`)
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(200);
    const actions = (log.body.data as Array<{ action: string }>).map((record) => record.action);
    const action = actions.find((name) => name.endsWith('.updated')) ?? actions[0];
    expect(action).toBeDefined();

    await suite.page.goto(`${suite.sut.url}/admin/w/${slug}/audit-log`);
    await suite.page.waitForURL(/\/admin\/sign-in\?returnUrl=/);
    await signIn(auditor.email);
    await suite.page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await suite.page.getByTestId('audit-row').first().waitFor();
    await expectAccessible();

    // The auditor's workspace navigation: the audit log and the report, and no other workspace screen.
    const workspaceNav = suite.page.getByTestId('workspace-nav');
    const links = (await workspaceNav.getByRole('link').allTextContents()).map((text) => text.trim());
    expect(links.filter((text) => text !== 'Home')).toEqual(['Audit log', 'Compliance report']);
    expect(await suite.page.getByTestId('nav-settings').count()).toBe(0);
    expect(await suite.page.locator('[data-plugin]').count()).toBe(0);
    expect(await suite.page.getByTestId('workspace-switcher').inputValue()).toBe(slug);

    // Filter by action: every row shown has it.
    await suite.page.getByLabel('Action').fill(action);
    await suite.page.getByTestId('audit-apply').click();
    await suite.page.waitForFunction(
      (wanted) =>
        [...document.querySelectorAll('[data-testid="audit-row"] td:nth-child(2)')].every(
          (cell) => cell.textContent?.trim() === wanted,
        ),
      action,
    );
    const rows = await suite.page.getByTestId('audit-row').count();
    expect(rows).toBeGreaterThan(0);

    // A record's details: sequence, request id, hash, changes.
    await suite.page.getByTestId('audit-row').first().getByRole('button', { name: 'Details' }).click();
    const details = suite.page.getByTestId('audit-details');
    await details.waitFor();
    expect(await details.textContent()).toMatch(/Sequence[\s\S]*Hash/);
    await expectAccessible();

    // The CSV export holds what the filters select, the whole filtered log.
    const [csv] = await Promise.all([
      suite.page.waitForEvent('download'),
      suite.page.getByTestId('audit-export-csv').click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const lines = (await downloaded(csv))
      .toString('utf8')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '');
    expect(lines[0]).toContain('action');
    expect(lines.length - 1).toBe(rows);
    for (const line of lines.slice(1)) expect(line).toContain(action);

    // The chain verifies.
    await suite.page.getByTestId('audit-verify').click();
    await suite.page.getByTestId('audit-verify-result').filter({ hasText: 'The chain verifies' }).waitFor();
    await expectAccessible();

    await suite.page.getByTestId('nav-compliance-report').click();
    await suite.page.getByRole('heading', { name: 'Compliance report' }).waitFor();
    await suite.page.getByTestId('report-chain').waitFor();
    await expectAccessible();

    // Screens outside the auditor's rules are refused, not blank.
    await suite.page.goto(`${suite.sut.url}/admin/w/${slug}/settings`);
    await suite.page.getByTestId('not-allowed').waitFor();
  });

  journey('an owner places and releases a legal hold', async () => {
    const owner = await signUp('Olga Owner');
    const { slug } = await suite.workspaceOf(owner);
    // Signing in opens the owner's only workspace.
    await suite.page.goto(`${suite.sut.url}/admin/sign-in`);
    await signIn(owner.email);
    await suite.page.waitForURL(new RegExp(`/admin/w/${slug}$`));
    await suite.page.getByTestId('nav-legal-holds').click();
    await suite.page.getByRole('heading', { name: 'Legal holds' }).waitFor();
    await suite.page.getByText('No legal hold has been placed on this workspace.').waitFor();
    await expectAccessible();

    // The API's validation lands on the field: a user hold without its user.
    await suite.page.getByLabel('Scope').selectOption('user');
    await suite.page.getByLabel('Reason', { exact: true }).fill('Litigation hold: case 2026-117');
    await suite.page.getByRole('button', { name: 'Place hold' }).click();
    await suite.page.getByTestId('form-error').waitFor();
    await expectAccessible();

    await suite.page.getByLabel('Scope').selectOption('workspace');
    await suite.page.getByRole('button', { name: 'Place hold' }).click();
    const holds = suite.page.getByTestId('holds');
    await holds.getByText('In force').waitFor();
    await suite.page.getByTestId('nav-compliance-report').click();
    await suite.page.getByTestId('report-holds').getByText('Litigation hold: case 2026-117').waitFor();

    await suite.page.getByTestId('nav-legal-holds').click();
    await holds.getByRole('button', { name: 'Release…' }).click();
    await suite.page.getByLabel('Reason for the release').fill('Case closed');
    await suite.page.getByRole('button', { name: 'Release', exact: true }).click();
    await holds.getByText(/Released .*: Case closed/).waitFor();
    await expectAccessible();
    // Both changes are audited.
    const audited = await suite.sut.http
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
    const person = await signUp('Pat Person');
    await suite.page.goto(`${suite.sut.url}/admin/retention`);
    await suite.page.waitForURL(/\/admin\/sign-in\?returnUrl=/);
    await signIn(person.email);
    await suite.page.getByTestId('retention-refused').waitFor();
    await expectAccessible();
    await suite.page.getByTestId('sign-out').click();
    await suite.page.waitForURL(/\/admin\/sign-in$/);

    const admin = await signUp('Ada Admin');
    await suite.sut.dataSource.query(
      `UPDATE identity_users SET platform_admin = true, email_verified_at = now() WHERE id = $1`,
      [admin.userId],
    );
    // A fresh session, which reads the platform-administrator flag.
    await signIn(admin.email);
    await suite.page.getByTestId('user-name').filter({ hasText: 'Ada Admin' }).waitFor();
    await suite.page.goto(`${suite.sut.url}/admin/retention`);
    await suite.page.getByTestId('retention-dry-run').click();
    const run = suite.page.getByTestId('retention-run').filter({ hasText: '(dry run)' }).first();
    await run.waitFor();
    expect(await run.textContent()).toContain('compliance.');
    await expectAccessible();

    // A real run, after the confirmation: recorded as a manual run, not a dry one.
    await suite.page.getByTestId('retention-run-now').click();
    await suite.page.getByRole('alertdialog').waitFor();
    await expectAccessible();
    await suite.page.getByTestId('confirm-ok').click();
    await suite.page.getByTestId('retention-run').filter({ hasNotText: '(dry run)' }).first().waitFor();
    const [recorded] = await suite.sut.dataSource.query(
      `SELECT dry_run FROM compliance_retention_runs ORDER BY started_at DESC LIMIT 1`,
    );
    expect(recorded.dry_run).toBe(false);
  });

  journey('a user exports their data', async () => {
    const user = await signUp('Pat Person');
    await suite.page.goto(`${suite.sut.url}/admin/sign-in`);
    await signIn(user.email);
    await suite.page.getByTestId('nav-privacy').click();
    await suite.page.getByRole('heading', { name: 'Privacy & Data' }).waitFor();
    await suite.page.getByTestId('privacy-export').waitFor();
    await expectAccessible();

    await suite.page.getByTestId('privacy-export').click();
    await suite.page.getByTestId('privacy-code-form').waitFor();
    await expectAccessible();
    // A wrong code: the API's problem, said on the suite.page.
    await suite.page.getByLabel('Code from the email').fill('000000');
    await suite.page.getByRole('button', { name: 'Confirm' }).click();
    await suite.page.getByTestId('form-error').waitFor();

    const mail = await suite.smtp.waitForMail(user.email, 'privacy request');
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await suite.page.getByLabel('Code from the email').fill(code);
    await suite.page.getByRole('button', { name: 'Confirm' }).click();
    const link = suite.page.getByTestId('privacy-download');
    await link.waitFor();
    await expectAccessible();

    const [zip] = await Promise.all([suite.page.waitForEvent('download'), link.click()]);
    const bytes = await downloaded(zip);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const files = await readZip(bytes);
    const manifest = JSON.parse(files.get('manifest.json') ?? 'null') as { userId: string; type: string } | null;
    expect(manifest).toMatchObject({ userId: user.userId, type: 'access' });
    // The download completes the request.
    await suite.page.getByTestId('privacy-request-status').filter({ hasText: 'completed' }).waitFor();
  });
});
