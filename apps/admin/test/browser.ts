import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Shared pieces of the console's browser tests: Debian's Chromium, the built console, screenshots, axe. */
const root = join(__dirname, '../../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Builds the console unless a build is already there (CI builds it before the tests). */
export function ensureConsoleBuilt(): void {
  if (existsSync(join(root, 'dist/admin/browser/index.html'))) return;
  const result = spawnSync('npx', ['ng', 'build', 'admin'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('ng build admin failed');
}

/** Saves a screenshot under test-results/ (kept by CI) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(root, 'test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^\w-]+/g, '_')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Runs axe on the current screen; returns the serious and critical violations. */
export async function seriousAxeViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string; nodes: number; targets: string[] }>> {
  // Let running transitions end first (a field's error fades in): a half-faded text is not the contrast users see.
  // A cancelled one (its element went away) rejects `finished`: that is done too.
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
  );
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the console's CSP (rightly) refuses inline script tags.
  await page.evaluate(source);
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown[] }> }> }>;
        };
      }
    ).axe;
    return axe.run();
  });
  return (
    results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      // The first few offending elements, so a failure says where to look.
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.length,
        targets: v.nodes.slice(0, 3).map((node) => node.target.join(' ')),
      }))
  );
}
