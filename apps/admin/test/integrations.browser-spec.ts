import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhooksPlugin } from '@quire/webhooks';
import { useConsoleSuite } from './console-suite';

interface Received {
  path: string;
  event: string;
  body: { id: string; event: string };
}

/** A webhook receiver on loopback: paths under /fail answer 500, every other path 200. */
async function startReceiver(): Promise<{
  url: (path: string) => string;
  received: Received[];
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'];
      received.push({ path: request.url ?? '', event: String(request.headers['quire-event']), body });
      const failing = request.url?.startsWith('/fail') ?? false;
      response.writeHead(failing ? 500 : 200, { 'Content-Type': 'text/plain' });
      response.end(failing ? 'receiver is down' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The integration screens (pages/integrations) in Chromium on the real API: webhooks against a real receiver on
 * loopback (allowed with OUTBOUND_ALLOWED_NETWORKS; no retries, so a failure is a dead letter at once), workflows,
 * and the API explorer with its history. axe checks every screen visited.
 */
describe('admin console: integrations', () => {
  const suite = useConsoleSuite('integrations', {
    env: { OUTBOUND_ALLOWED_NETWORKS: '127.0.0.1' },
    replacePlugins: [WebhooksPlugin.with({ retryLimit: 0, retryDelaySeconds: 1, timeoutMs: 2000 })],
  });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver?.close());

  suite.journey(
    'webhooks: create with the secret shown once, ping, a dead letter replayed, field errors, rotate, delete',
    async () => {
      const { page } = suite;
      const owner = await suite.signUp('Wanda Owner');
      const workspace = await suite.workspaceOf(owner);
      await suite.signInAt(`/w/${workspace.slug}/webhooks`, owner.email);
      await page.getByTestId('webhooks-empty').waitFor();
      await page.getByTestId('plugin-nav').locator('[data-nav-id="webhooks"]').waitFor();
      await suite.expectAccessible();

      // A private address: the API's refusal lands on the URL field.
      await page.getByTestId('webhook-new').click();
      await page.getByRole('checkbox', { name: 'content.entry.*', exact: true }).check();
      await page.getByTestId('webhook-url').fill('http://10.20.30.40/hooks');
      await page.getByTestId('webhook-save').click();
      await page.getByTestId('form-error').waitFor();
      const urlField = page.locator('mat-form-field', { has: page.getByTestId('webhook-url') });
      await urlField.locator('mat-error').waitFor();
      expect((await urlField.locator('mat-error').textContent())?.trim()).not.toBe('');
      await suite.expectAccessible();

      // An event nobody offers: the error (events[1]) lands on the events.
      const okUrl = receiver.url('/hooks/site');
      await page.getByTestId('webhook-url').fill(okUrl);
      await page.getByTestId('webhook-other-events').fill('content.entry.nope');
      await page.getByTestId('webhook-save').click();
      await page.getByTestId('webhook-events-error').waitFor();
      expect(await page.getByTestId('webhook-events-error').textContent()).toContain('content.entry.nope');
      await suite.expectAccessible();

      // Created: the secret appears once, in the dialog, and is nowhere once it closes.
      await page.getByTestId('webhook-other-events').fill('');
      await page.getByTestId('webhook-save').click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const secret = await page.getByTestId('api-key-secret').inputValue();
      expect(secret).toMatch(/^whsec_/);
      await suite.expectAccessible();
      await dialog.getByTestId('api-key-copy').click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
      await dialog.getByTestId('api-key-done').click();
      await dialog.waitFor({ state: 'detached' });
      await page.waitForURL(/\/webhooks\/[0-9a-f-]{36}$/);
      await page.getByTestId('webhook-ping').waitFor();
      expect(await page.content()).not.toContain(secret);
      await suite.expectAccessible();

      // A ping reaches the receiver and shows in the log with its 200.
      await page.getByTestId('webhook-ping').click();
      const row = page.getByTestId('delivery-row').first();
      await row.and(page.locator('[data-status="succeeded"]')).waitFor();
      expect(await row.getByTestId('delivery-response').textContent()).toContain('200');
      expect(receiver.received.find((each) => each.path === '/hooks/site')?.event).toBe('webhooks.subscription.pinged');
      await row.getByTestId('delivery-details').click();
      await page.getByTestId('delivery-detail').getByText('ok', { exact: true }).waitFor();
      await suite.expectAccessible();

      // Rotating shows a new secret, once.
      await page.getByTestId('webhook-rotate').click();
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId('api-key-secret').waitFor();
      const rotated = await page.getByTestId('api-key-secret').inputValue();
      expect(rotated).toMatch(/^whsec_/);
      expect(rotated).not.toBe(secret);
      await page.getByTestId('api-key-done').click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      // A receiver that fails: with no retries the ping is a dead letter at once; replaying sends it again.
      await page.getByRole('link', { name: '← All webhooks' }).click();
      await page.getByTestId('webhook-new').click();
      await page.getByTestId('webhook-url').fill(receiver.url('/fail/build'));
      await page.getByRole('checkbox', { name: 'content.*', exact: true }).check();
      await page.getByTestId('webhook-save').click();
      await page.getByTestId('api-key-done').click();
      await page.getByTestId('webhook-ping').click();
      await page.getByTestId('delivery-row').and(page.locator('[data-status="dead"]')).waitFor();
      expect(receiver.received.filter((each) => each.path === '/fail/build')).toHaveLength(1);

      await page.getByTestId('tab-dead-letters').click();
      const deadLetter = page.getByTestId('delivery-row').first();
      await deadLetter.waitFor();
      expect(await deadLetter.textContent()).toContain(receiver.url('/fail/build'));
      await suite.expectAccessible();
      await deadLetter.getByTestId('delivery-replay').click();
      await page.getByTestId('delivery-message').waitFor();
      await suite.eventually(async () =>
        expect(receiver.received.filter((each) => each.path === '/fail/build')).toHaveLength(2),
      );
      const [first, replay] = receiver.received.filter((each) => each.path === '/fail/build');
      expect(replay.body.id).toBe(first.body.id);

      // The list names both, with how their last delivery went; the first is deleted after a confirmation.
      await page.getByTestId('tab-webhooks').click();
      await page.locator(`[data-webhook="${okUrl}"]`).waitFor();
      expect(
        await page.locator(`[data-webhook="${okUrl}"]`).getByTestId('webhook-last-delivery').textContent(),
      ).toContain('Succeeded');
      await suite.expectAccessible();
      await page.locator(`[data-webhook="${okUrl}"]`).getByRole('link').click();
      await page.getByTestId('webhook-delete').click();
      await page.getByTestId('confirm-ok').click();
      await page.waitForURL(/\/webhooks$/);
      await page.locator(`[data-webhook="${receiver.url('/fail/build')}"]`).waitFor();
      expect(await page.locator(`[data-webhook="${okUrl}"]`).count()).toBe(0);
    },
    180_000,
  );

  suite.journey(
    'workflows: create one with two stages, the API has it; a duplicate key errs on its field',
    async () => {
      const { page } = suite;
      const owner = await suite.signUp('Wilma Owner');
      const workspace = await suite.workspaceOf(owner);
      await suite.signInAt(`/w/${workspace.slug}/workflows`, owner.email);
      await page.getByTestId('workflows-empty').waitFor();
      await page.getByTestId('plugin-nav').locator('[data-nav-id="workflows"]').waitFor();
      await suite.expectAccessible();

      await page.getByTestId('workflow-new').click();
      await page.getByTestId('workflow-name').fill('Editorial');
      const review = page.locator('[data-stage="1"]');
      await review.getByLabel('Stage name').fill('Legal review');
      await review.getByLabel('Approvals needed').fill('1');
      await review.getByRole('checkbox', { name: 'reviewer', exact: true }).check();
      await page.getByTestId('workflow-suggest').click();
      await page.locator('[data-transition="1"]').waitFor();
      await page.getByTestId('workflow-publish-stage').selectOption('legal-review');
      await page.getByLabel('Four eyes: whoever changed an entry may not approve it').check();
      await suite.expectAccessible();
      await page.getByTestId('workflow-save').click();
      await page.locator('[data-workflow="Editorial"]').waitFor();
      await suite.expectAccessible();

      const answer = await suite.sut.http
        .get(`/api/v1/workspaces/${workspace.slug}/workflows`)
        .set('Authorization', `Bearer ${owner.token}`)
        .expect(200);
      const [workflow] = answer.body.items;
      expect(workflow.stages.map((stage: { key: string }) => stage.key)).toEqual(['draft', 'legal-review']);
      expect(workflow.stages[1]).toMatchObject({
        name: 'Legal review',
        requiredApprovals: 1,
        approverRoles: ['reviewer'],
      });
      expect(workflow.transitions).toEqual([
        { from: 'draft', to: 'legal-review', roles: ['owner', 'admin', 'editor'] },
        { from: 'legal-review', to: 'draft', roles: ['owner', 'admin', 'editor'] },
      ]);
      expect(workflow).toMatchObject({ publishStage: 'legal-review', fourEyes: true });

      // The API names stages.1.key: the message appears on that stage's key.
      await page.locator('[data-workflow="Editorial"]').getByRole('link', { name: 'Editorial' }).click();
      const second = page.locator('[data-stage="1"]');
      await second.getByLabel('Key').fill('draft');
      await page.getByTestId('workflow-save').click();
      await page.getByTestId('form-error').waitFor();
      await second.locator('mat-error').first().waitFor();
      await suite.expectAccessible();

      await page.getByRole('link', { name: '← All workflows' }).click();
      await page.locator('[data-workflow="Editorial"]').getByTestId('workflow-delete').click();
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId('workflows-empty').waitFor();
    },
    120_000,
  );

  suite.journey(
    'API explorer: a GET and a refused POST, history kept over a reload, cleared, gone after sign-out',
    async () => {
      const { page } = suite;
      const owner = await suite.signUp('Xena Owner');
      const workspace = await suite.workspaceOf(owner);
      await suite.signInAt(`/w/${workspace.slug}`, owner.email);
      await page.getByTestId('nav-api-explorer').click();
      await page.getByTestId('explorer-endpoints').waitFor();
      await page.getByTestId('explorer-history-empty').waitFor();
      await suite.expectAccessible();

      await page.getByTestId('explorer-search').fill('workspaces members');
      await page.locator('[data-endpoint="GET /api/v1/workspaces/{workspace}/members"]').click();
      expect(await page.getByTestId('explorer-path-workspace').inputValue()).toBe(workspace.slug);
      await page.getByTestId('explorer-send').click();
      await page.getByTestId('explorer-response').waitFor();
      expect(await page.getByTestId('explorer-status').textContent()).toBe('200');
      expect(await page.getByTestId('explorer-response-body').textContent()).toContain(owner.email);
      await suite.expectAccessible();

      await page.getByTestId('explorer-search').fill('webhooks');
      await page.locator('[data-endpoint="POST /api/v1/workspaces/{workspace}/webhooks"]').click();
      expect(await page.getByTestId('explorer-body').inputValue()).toContain('"url"');
      await page.getByTestId('explorer-body').fill('{ "url": 42, "events": [] }');
      await page.getByTestId('explorer-send').click();
      await suite.eventually(async () => expect(await page.getByTestId('explorer-status').textContent()).toBe('400'));
      expect(await page.getByTestId('explorer-response-body').textContent()).toContain('"status": 400');
      await suite.expectAccessible();
      expect(await page.getByTestId('explorer-history-row').count()).toBe(2);

      await page.reload();
      await page.getByTestId('explorer-history').waitFor();
      expect(await page.getByTestId('explorer-history-row').count()).toBe(2);
      // Run again: the GET of the members (the older entry) is sent once more.
      await page.getByTestId('explorer-history-row').nth(1).getByTestId('explorer-rerun').click();
      await suite.eventually(async () => expect(await page.getByTestId('explorer-history-row').count()).toBe(3));
      expect(await page.getByTestId('explorer-status').textContent()).toBe('200');
      await page.getByTestId('explorer-clear-history').click();
      await page.getByTestId('explorer-history-empty').waitFor();

      // A new request, then sign-out: the history goes with the session.
      await page.getByTestId('explorer-send').click();
      await page.getByTestId('explorer-history-row').waitFor();
      await page.getByTestId('sign-out').click();
      await page.waitForURL(/\/admin\/sign-in/);
      expect(await page.evaluate(() => localStorage.getItem('quire.apiExplorer.history'))).toBeNull();
      await suite.signInAt(`/w/${workspace.slug}/api-explorer`, owner.email);
      await page.getByTestId('explorer-history-empty').waitFor();
    },
    120_000,
  );
});
