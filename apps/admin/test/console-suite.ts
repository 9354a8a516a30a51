import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig, type QuirePlugin } from '@quire/core';
import { createTestApp, startSmtpMailbox, type SmtpMailbox, type TestApp } from '@quire/testing';
import { plugins as installationPlugins } from '../../api/src/quire.config';
import { ensureConsoleBuilt, launchBrowser, screenshot, seriousAxeViolations } from './browser';

export const PASSWORD = 'correct horse battery staple 42';

export interface ConsoleSuiteOptions {
  /** Plugins besides the installation's own (apps/api/src/quire.config.ts). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- plugins differ in their options type
  extraPlugins?: QuirePlugin<any>[];
  /** Installation plugins configured otherwise (e.g. short retries): each replaces the plugin of the same name. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- plugins differ in their options type
  replacePlugins?: QuirePlugin<any>[];
  env?: Record<string, string>;
}

export interface SignedUpAccount {
  email: string;
  userId: string;
  token: string;
  displayName: string;
}

export interface OwnedWorkspace {
  slug: string;
  id: string;
}

/**
 * One console browser suite: the real API (the installation's plugins, mail to a real SMTP mailbox) serving the
 * built console, Debian's Chromium, and a fresh browser context per test. Call it at the top of a `describe`; it
 * registers the jest hooks and hands out the pieces through getters (they exist once the hooks ran).
 */
export function useConsoleSuite(name: string, options: ConsoleSuiteOptions = {}) {
  let sut: TestApp;
  let smtp: SmtpMailbox;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[] = [];
  let counter = 0;

  beforeAll(async () => {
    ensureConsoleBuilt();
    smtp = await startSmtpMailbox();
    const env = { SMTP_URL: smtp.url, ...options.env };
    sut = await createTestApp({
      plugins: [
        ...installationPlugins(loadConfig(env)).map(
          (plugin) =>
            options.replacePlugins?.find((other) => other.definition.name === plugin.definition.name) ?? plugin,
        ),
        ...(options.extraPlugins ?? []),
      ],
      env,
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.close();
    await smtp?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();
    pageErrors = [];
    // What the page saw go wrong is added to a failure's message: an uncaught error, a console error, a 4xx/5xx.
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

  const unique = () => `${Date.now().toString(36)}${counter++}`;

  const suite = {
    get sut() {
      return sut;
    },
    get smtp() {
      return smtp;
    },
    get context() {
      return context;
    },
    get page() {
      return page;
    },
    unique,

    /** A test whose failure saves a screenshot under test-results/screenshots and lists what the page saw fail. */
    journey(title: string, steps: () => Promise<void>, timeout?: number): void {
      it(
        title,
        async () => {
          try {
            await steps();
          } catch (error) {
            await screenshot(page, `failed-${name}-${title}`).catch(() => undefined);
            if (pageErrors.length > 0 && error instanceof Error)
              error.message += `\nWhat the page saw fail:\n${pageErrors.join('\n')}`;
            throw error;
          }
        },
        timeout,
      );
    },

    /** axe on the screen as it is: no serious or critical violation. */
    async expectAccessible(): Promise<void> {
      expect(await seriousAxeViolations(page)).toEqual([]);
    },

    /** An account made through the API (not the browser); its email starts with the display name's first word. */
    async signUp(displayName: string): Promise<SignedUpAccount> {
      const email = `${displayName.split(' ')[0].toLowerCase()}-${unique()}@example.com`;
      const answer = await sut.http
        .post('/api/v1/auth/sign-up')
        .send({ email, password: PASSWORD, displayName })
        .expect(201);
      return { email, userId: answer.body.user.id, token: answer.body.accessToken, displayName };
    },

    /** A workspace the account creates (and so owns) through the API. */
    async workspaceOf(owner: SignedUpAccount, workspaceName = 'Harbour Press'): Promise<OwnedWorkspace> {
      const slug = `ws-${unique()}`;
      const answer = await sut.http
        .post('/api/v1/workspaces')
        .set('Authorization', `Bearer ${owner.token}`)
        .send({ name: workspaceName, slug })
        .expect(201);
      return { slug, id: answer.body.id };
    },

    /** Fills the sign-in form on screen with the account's email and the suites' password. */
    async fillSignIn(email: string): Promise<void> {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByTestId('sign-in-submit').click();
    },

    /** Opens a console path signed out, is sent to the sign-in page, signs in and comes back to the path. */
    async signInAt(path: string, email: string): Promise<void> {
      await page.goto(`${sut.url}/admin${path}`);
      await page.waitForURL(/\/admin\/sign-in/);
      await suite.fillSignIn(email);
    },

    /** Retries an assertion until it holds (the page saves asynchronously). */
    async eventually(check: () => Promise<void>, attempts = 50): Promise<void> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await check();
        } catch (error) {
          if (attempt >= attempts) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },

    /** Closes the error toast on screen, so the next refusal shows its own. */
    async dismissToast(): Promise<void> {
      const toast = page.locator('.quire-error-toast');
      await toast.getByRole('button', { name: 'Dismiss' }).click();
      await toast.waitFor({ state: 'detached' });
    },
  };
  return suite;
}
