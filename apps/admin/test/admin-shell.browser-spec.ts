import type { Browser, Page } from 'playwright-core';
import { ExampleNotesPlugin } from '@quire/plugin-example-notes';
import { loadConfig } from '@quire/core';
import { createTestApp, type TestApp } from '@quire/testing';
import { plugins } from '../../api/src/quire.config';
import { ensureConsoleBuilt, launchBrowser, screenshot, seriousAxeViolations } from './browser';

const PASSWORD = 'correct horse battery staple 42';
let counter = 0;

describe('admin console shell in Chromium', () => {
  let sut: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureConsoleBuilt();
    sut = await createTestApp({ plugins: [...plugins(loadConfig({})), ExampleNotesPlugin] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterEach(() => page.close());

  /** Signs a new owner of a new workspace in through the sign-in page; answers the workspace's slug. */
  async function signIn(): Promise<string> {
    const email = `shell-${Date.now().toString(36)}${counter++}@example.com`;
    const account = await sut.http
      .post('/api/v1/auth/sign-up')
      .send({ email, password: PASSWORD, displayName: 'Shell Tester' })
      .expect(201);
    const slug = `shell-${Date.now().toString(36)}${counter++}`;
    await sut.http
      .post('/api/v1/workspaces')
      .set('Authorization', `Bearer ${account.body.accessToken}`)
      .send({ name: 'Shell', slug })
      .expect(201);
    await page.goto(`${sut.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.locator(`[data-workspace="${slug}"]`).waitFor();
    return slug;
  }

  /** Runs a journey; on failure saves a screenshot of the screen as it was (test-results/screenshots). */
  const journey = (name: string, steps: () => Promise<void>) =>
    it(name, async () => {
      try {
        await steps();
      } catch (error) {
        await screenshot(page, `failed-${name}`).catch(() => undefined);
        throw error;
      }
    });

  journey('serves the console at /admin with navigation contributed by plugins as data', async () => {
    const slug = await signIn();
    // Plugin entries are shown per the member's rules (`requires`), so inside a workspace.
    await page.goto(`${sut.url}/admin/w/${slug}`);
    const nav = page.getByTestId('plugin-nav');
    await nav.getByText('Content types').waitFor();
    // An entry's `requires` is checked against the member's rules: the example plugin grants owners nothing on Note.
    expect(await nav.getByText('Notes').count()).toBe(0);
    await page.locator('[data-testid="health-status"][data-status="ready"]').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  journey('lists the loaded plugins, also on a deep link', async () => {
    await signIn();
    await page.goto(`${sut.url}/admin/plugins`);
    const table = page.getByTestId('plugins-table');
    await table.waitFor();
    await table.getByText('example-notes').waitFor();
    await table.getByText('core').first().waitFor();
    expect(await table.textContent()).toContain('example_notes');
    await table.getByText('workspaces').first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  journey('stays usable at tablet width', async () => {
    const slug = await signIn();
    await page.setViewportSize({ width: 820, height: 1100 });
    await page.goto(`${sut.url}/admin/w/${slug}`);
    await page.getByRole('button', { name: 'Navigation' }).click();
    await page.getByTestId('plugin-nav').getByText('Content types').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  journey('shows a not-found screen for unknown console routes', async () => {
    await signIn();
    await page.goto(`${sut.url}/admin/no-such-screen`);
    await page
      .getByText(/not found/i)
      .first()
      .waitFor();
  });
});
