import type { Browser, Page } from 'playwright-core';
import { ExampleNotesPlugin } from '@quire/plugin-example-notes';
import { createTestApp, FixtureTenancy, fixtureTenancyPlugin, type TestApp } from '@quire/testing';
import { ensureConsoleBuilt, launchBrowser, screenshot, seriousAxeViolations } from './browser';

describe('admin console shell in Chromium', () => {
  let sut: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureConsoleBuilt();
    sut = await createTestApp({ plugins: [fixtureTenancyPlugin(new FixtureTenancy()), ExampleNotesPlugin] });
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
    await page.goto(`${sut.url}/admin/`);
    const nav = page.getByTestId('plugin-nav');
    await nav.getByText('Notes').waitFor();
    await page.locator('[data-testid="health-status"][data-status="ready"]').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  journey('lists the loaded plugins, also on a deep link', async () => {
    await page.goto(`${sut.url}/admin/plugins`);
    const table = page.getByTestId('plugins-table');
    await table.waitFor();
    await table.getByText('example-notes').waitFor();
    await table.getByText('core').first().waitFor();
    expect(await table.textContent()).toContain('example_notes');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  journey('stays usable at tablet width', async () => {
    await page.setViewportSize({ width: 820, height: 1100 });
    await page.goto(`${sut.url}/admin/`);
    await page.getByRole('button', { name: 'Navigation' }).click();
    await page.getByTestId('plugin-nav').getByText('Notes').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  journey('shows a not-found screen for unknown console routes', async () => {
    await page.goto(`${sut.url}/admin/no-such-screen`);
    await page
      .getByText(/not found/i)
      .first()
      .waitFor();
  });
});
