import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useConsoleSuite } from './console-suite';

/**
 * What the README's start command gives: the demo seed as `npm start` runs it (a platform administrator whose
 * password only a file holds, the `demo` workspace with a blog), and the console opening on that workspace.
 */
describe('admin console: the demo installation', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'quire-demo-'));
  const suite = useConsoleSuite('demo', { env: { QUIRE_DEMO_SEED: 'true', QUIRE_DATA_DIR: dataDir } });

  suite.journey('the demo administrator signs in and lands in the demo workspace', async () => {
    const { page, sut } = suite;
    const credentials = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8');
    const email = /^email: (\S+)$/m.exec(credentials)![1];
    const password = /^password: (\S+)$/m.exec(credentials)![1];

    await page.goto(`${sut.url}/admin`);
    await page.waitForURL(/\/admin\/sign-in/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByTestId('sign-in-submit').click();

    await page.waitForURL(/\/admin\/w\/demo$/);
    const nav = page.getByTestId('plugin-nav');
    await nav.getByRole('link', { name: 'Content', exact: true }).waitFor();
    await nav.getByRole('link', { name: 'Media' }).waitFor();
    await suite.expectAccessible();
  });
});
