import { ExampleNotesPlugin } from '@quire/plugin-example-notes';
import { useConsoleSuite } from './console-suite';

describe('admin console shell in Chromium', () => {
  const suite = useConsoleSuite('shell', { extraPlugins: [ExampleNotesPlugin] });
  const { journey, expectAccessible } = suite;

  /** Signs a new owner of a new workspace in through the sign-in page, which opens that workspace; its slug. */
  async function signIn(): Promise<string> {
    const owner = await suite.signUp('Shell Tester');
    const { slug } = await suite.workspaceOf(owner, 'Shell');
    await suite.page.goto(`${suite.sut.url}/admin/sign-in`);
    await suite.fillSignIn(owner.email);
    await suite.page.waitForURL(new RegExp(`/admin/w/${slug}$`));
    return slug;
  }

  journey('serves the console at /admin with navigation contributed by plugins as data', async () => {
    const slug = await signIn();
    // Plugin entries are shown per the member's rules (`requires`), so inside a workspace.
    await suite.page.goto(`${suite.sut.url}/admin/w/${slug}`);
    const nav = suite.page.getByTestId('plugin-nav');
    await nav.getByText('Content types').waitFor();
    // An entry's `requires` is checked against the member's rules: the example plugin grants owners nothing on Note.
    expect(await nav.getByText('Notes').count()).toBe(0);
    await suite.page.locator('[data-testid="health-status"][data-status="ready"]').waitFor();
    await expectAccessible();
  });

  journey('lists the loaded plugins, also on a deep link', async () => {
    await signIn();
    await suite.page.goto(`${suite.sut.url}/admin/plugins`);
    const table = suite.page.getByTestId('plugins-table');
    await table.waitFor();
    await table.getByText('example-notes').waitFor();
    await table.getByText('core').first().waitFor();
    expect(await table.textContent()).toContain('example_notes');
    await table.getByText('workspaces').first().waitFor();
    await expectAccessible();
  });

  journey('stays usable at tablet width', async () => {
    const slug = await signIn();
    await suite.page.setViewportSize({ width: 820, height: 1100 });
    await suite.page.goto(`${suite.sut.url}/admin/w/${slug}`);
    await suite.page.getByRole('button', { name: 'Navigation' }).click();
    await suite.page.getByTestId('plugin-nav').getByText('Content types').waitFor();
    await expectAccessible();
  });

  journey('shows a not-found screen for unknown console routes', async () => {
    await signIn();
    await suite.page.goto(`${suite.sut.url}/admin/no-such-screen`);
    await suite.page
      .getByText(/not found/i)
      .first()
      .waitFor();
  });
});
