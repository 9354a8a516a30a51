import type { Locator } from 'playwright-core';
import { WorkspacesResolver } from '@quire/workspaces';
import { useConsoleSuite, type OwnedWorkspace, type SignedUpAccount } from './console-suite';

/**
 * Content editing in Chromium on the real API: an entry written, translated, reviewed and published through the
 * workflow, then read from the delivery API; a validation error on its widget and the unsaved-changes guard; an
 * author's buttons; the server-paged list with search, filter, columns and live updates, and the editor noticing
 * another member's change. Types, workflows and other members are set up through the API; axe checks every screen.
 */
describe('content editing in Chromium', () => {
  const suite = useConsoleSuite('entries');
  const { journey, expectAccessible } = suite;

  interface Seeded {
    owner: SignedUpAccount;
    workspace: OwnedWorkspace;
    base: string;
    auth: string;
  }

  /** An owner, a workspace in English and German, the type `person` (a name) and `article` (title required, rich-text body). */
  async function seed(extraFields: object[] = []): Promise<Seeded> {
    const owner = await suite.signUp('Olga Owner');
    const workspace = await suite.workspaceOf(owner, 'Harbour Press');
    const auth = `Bearer ${owner.token}`;
    await suite.sut.http
      .patch(`/api/v1/workspaces/${workspace.slug}`)
      .set('Authorization', auth)
      .send({ enabledLocales: ['en', 'de'], defaultLocale: 'en' })
      .expect(200);
    const base = `/api/v1/workspaces/${workspace.slug}`;
    await suite.sut.http
      .post(`${base}/content-types`)
      .set('Authorization', auth)
      .send({ apiId: 'person', kind: 'collection', name: 'Person', fields: [{ name: 'name', type: 'text' }] })
      .expect(201);
    await suite.sut.http
      .post(`${base}/content-types`)
      .set('Authorization', auth)
      .send({
        apiId: 'article',
        kind: 'collection',
        name: 'Article',
        fields: [
          { name: 'title', label: 'Title', type: 'text', required: true, localized: true },
          { name: 'body', label: 'Body', type: 'richText' },
          ...extraFields,
        ],
      })
      .expect(201);
    return { owner, workspace, base, auth };
  }

  async function memberOf(seeded: Seeded, name: string, role: string): Promise<SignedUpAccount> {
    const member = await suite.signUp(name);
    await suite.sut.app.get(WorkspacesResolver).ensureMember(seeded.workspace.id, member.userId, 'viewer');
    await suite.sut.dataSource.query(
      `UPDATE workspace_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2`,
      [seeded.workspace.id, member.userId, role],
    );
    return member;
  }

  async function createEntry(seeded: Seeded, data: Record<string, unknown>, auth = seeded.auth): Promise<string> {
    const answer = await suite.sut.http
      .post(`${seeded.base}/content-types/article/entries`)
      .set('Authorization', auth)
      .send({ locale: 'en', data })
      .expect(201);
    return answer.body.id as string;
  }

  async function entryData(seeded: Seeded, id: string, locale: string): Promise<Record<string, unknown>> {
    const answer = await suite.sut.http
      .get(`${seeded.base}/entries/${id}?locale=${locale}`)
      .set('Authorization', seeded.auth)
      .expect(200);
    return answer.body.data as Record<string, unknown>;
  }

  /** Moves the locale on screen through review (one approval) to the publish stage, then publishes it. */
  async function reviewAndPublish(locale: string): Promise<void> {
    const page = suite.page;
    const workflow = page.getByTestId('workflow-panel');
    await workflow.getByRole('button', { name: 'Move to In review' }).click();
    await seeText(workflow.getByTestId('workflow-stage'), 'In review');
    await workflow.getByRole('button', { name: 'Approve', exact: true }).click();
    await workflow.getByText('1 of 1 approvals').waitFor();
    await workflow.getByText('Approved by Olga Owner').waitFor();
    await expectAccessible();
    await workflow.getByRole('button', { name: 'Move to Approved' }).click();
    await seeText(workflow.getByTestId('workflow-stage'), 'Approved');
    await page.getByRole('button', { name: `Publish ${locale}` }).click();
    await seeText(page.getByTestId('entry-status'), 'Published');
  }

  /** Waits until the element's text is exactly `text` (the page updates asynchronously). */
  async function seeText(locator: Locator, text: string): Promise<void> {
    await suite.eventually(async () => expect((await locator.textContent())?.trim()).toBe(text));
  }

  journey(
    'create, translate, review and publish an entry, then see it in the delivery API',
    async () => {
      const seeded = await seed();
      await suite.sut.http
        .post(`${seeded.base}/workflows`)
        .set('Authorization', seeded.auth)
        .send({
          name: 'Editorial',
          stages: [
            { key: 'draft', name: 'Draft' },
            { key: 'review', name: 'In review', requiredApprovals: 1 },
            { key: 'approved', name: 'Approved' },
          ],
          transitions: [
            { from: 'draft', to: 'review', roles: ['owner'] },
            { from: 'review', to: 'approved', roles: ['owner'] },
            { from: 'review', to: 'draft', roles: ['owner'] },
          ],
          publishStage: 'approved',
          fourEyes: false,
          contentTypes: ['article'],
        })
        .expect(201);

      const page = suite.page;
      await suite.signInAt(`/w/${seeded.workspace.slug}/content`, seeded.owner.email);
      await page.getByTestId('entry-types').waitFor();
      await expectAccessible();
      await page.getByRole('link', { name: /Article/ }).click();
      await page.getByTestId('entries-empty').waitFor();
      await expectAccessible();

      // Written in English, the body in the Tiptap editor with a bold word from the toolbar.
      await page.getByTestId('entry-new').click();
      await page.getByTestId('missing-required').waitFor();
      await expectAccessible();
      await page.getByLabel('Title *').fill('Hello from the harbour');
      const body = page.getByRole('textbox', { name: 'Body' });
      await body.click();
      await page.keyboard.type('Boats are ');
      await page.getByRole('button', { name: 'Bold' }).click();
      await page.keyboard.type('back');
      await page.getByTestId('entry-save').click();
      await page.waitForURL(/\/content\/article\/[0-9a-f-]{36}\?locale=en/);
      const id = /\/content\/article\/([0-9a-f-]{36})/.exec(page.url())![1];
      const english = await entryData(seeded, id, 'en');
      expect(english['title']).toBe('Hello from the harbour');
      expect(JSON.stringify(english['body'])).toContain('"marks":[{"type":"bold"}]');
      await seeText(page.getByTestId('entry-title'), 'Hello from the harbour');
      await expectAccessible();

      // German is missing: the switcher says so, and the translation starts as a copy of English.
      const german = page.getByTestId('locale-switcher').locator('[data-locale="de"]');
      expect(await german.getAttribute('data-status')).toBe('missing');
      await german.click();
      await page.getByTestId('missing-translation').waitFor();
      await expectAccessible();
      await page.getByRole('button', { name: 'Translate from en' }).click();
      const title = page.getByLabel('Title *');
      await suite.eventually(async () => expect(await title.inputValue()).toBe('Hello from the harbour'));
      await title.fill('Hallo aus dem Hafen');
      // Autosave: no button pressed.
      await seeText(page.getByTestId('save-state'), 'Saved');
      expect((await entryData(seeded, id, 'de'))['title']).toBe('Hallo aus dem Hafen');

      await reviewAndPublish('de');
      await expectAccessible();
      await page.getByTestId('locale-switcher').locator('[data-locale="en"]').click();
      await seeText(page.getByTestId('entry-title'), 'Hello from the harbour');
      await reviewAndPublish('en');

      const delivered = await suite.sut.http
        .get(`/api/v1/delivery/${seeded.workspace.slug}/article/${id}?locale=de`)
        .set('Authorization', seeded.auth)
        .expect(200);
      expect(delivered.body.data.title).toBe('Hallo aus dem Hafen');
      const deliveredEnglish = await suite.sut.http
        .get(`/api/v1/delivery/${seeded.workspace.slug}/article/${id}?locale=en`)
        .set('Authorization', seeded.auth)
        .expect(200);
      expect(deliveredEnglish.body.data.body.html).toMatch(/<strong>\s?back<\/strong>/);
    },
    240_000,
  );

  journey('a validation error lands on its widget; leaving unsaved changes asks first', async () => {
    const seeded = await seed([{ name: 'rating', label: 'Rating', type: 'integer', min: 1, max: 5 }]);
    const id = await createEntry(seeded, { title: 'Rated' });
    const page = suite.page;
    await suite.signInAt(`/w/${seeded.workspace.slug}/content/article/${id}`, seeded.owner.email);
    await page.getByLabel('Rating').fill('9');
    const rating = page.locator('[data-field="rating"]');
    await rating.getByText('must be at most 5').waitFor();
    await seeText(page.getByTestId('save-state'), 'Not saved');
    await expectAccessible();
    await page.getByLabel('Rating').fill('4');
    await seeText(page.getByTestId('save-state'), 'Saved');
    expect((await entryData(seeded, id, 'en'))['rating']).toBe(4);

    // A new entry saves only on request: leaving asks, and staying keeps the text.
    await page.goto(`${suite.sut.url}/admin/w/${seeded.workspace.slug}/content/article/new`);
    await page.getByLabel('Title *').fill('Not yet saved');
    await page.getByRole('link', { name: 'Article' }).click();
    await page.getByRole('alertdialog', { name: 'Leave without saving?' }).waitFor();
    await expectAccessible();
    await page.getByTestId('confirm-cancel').click();
    expect(page.url()).toContain('/content/article/new');
    expect(await page.getByLabel('Title *').inputValue()).toBe('Not yet saved');
    await page.getByRole('link', { name: 'Article' }).click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('entries-table').waitFor();
    expect(page.url()).toMatch(/\/content\/article(\?|$)/);
  });

  journey('an author neither publishes nor deletes, and reads other members’ entries only', async () => {
    const seeded = await seed();
    const author = await memberOf(seeded, 'Arno Author', 'author');
    const ownersEntry = await createEntry(seeded, { title: 'The owner’s piece' });
    const page = suite.page;

    await suite.signInAt(`/w/${seeded.workspace.slug}/content/article/${ownersEntry}`, author.email);
    await page.getByTestId('read-only').waitFor();
    await expectAccessible();
    for (const testId of ['entry-save', 'entry-publish', 'entry-delete'])
      expect(await page.getByTestId(testId).count()).toBe(0);
    expect(await page.getByLabel('Title *').isDisabled()).toBe(true);

    // Their own entry: saved, and still no Publish.
    await page.getByRole('link', { name: 'Article' }).click();
    await page.getByTestId('entry-new').click();
    await page.getByLabel('Title *').fill('The author’s piece');
    await page.getByTestId('entry-save').click();
    await page.waitForURL(/\/content\/article\/[0-9a-f-]{36}/);
    await page.getByTestId('entry-delete').waitFor();
    expect(await page.getByTestId('entry-publish').count()).toBe(0);
    expect(await page.getByTestId('entry-save').count()).toBe(1);
    await expectAccessible();
  });

  journey('a relation is picked by searching the target type, with the keyboard', async () => {
    const seeded = await seed([{ name: 'author', label: 'Author', type: 'relation', target: 'person' }]);
    const page = suite.page;
    const ids: Record<string, string> = {};
    for (const name of ['Ada Lovelace', 'Grace Hopper']) {
      const answer = await suite.sut.http
        .post(`${seeded.base}/content-types/person/entries`)
        .set('Authorization', seeded.auth)
        .send({ locale: 'en', data: { name } })
        .expect(201);
      ids[name] = answer.body.id as string;
    }
    const id = await createEntry(seeded, { title: 'Computing pioneers' });
    await suite.signInAt(`/w/${seeded.workspace.slug}/content/article/${id}`, seeded.owner.email);

    const search = page.getByTestId('relation-search');
    await search.click();
    await search.pressSequentially('Grace');
    await page.getByRole('option', { name: 'Grace Hopper' }).waitFor();
    await expectAccessible();
    await search.press('ArrowDown');
    await search.press('Enter');
    await page.locator(`[data-relation="${ids['Grace Hopper']}"]`).waitFor();
    await seeText(page.getByTestId('save-state'), 'Saved');
    expect((await entryData(seeded, id, 'en'))['author']).toBe(ids['Grace Hopper']);
    await expectAccessible();

    // Backspace in the empty search moves to the chip, Delete removes it.
    await search.press('Backspace');
    await page.keyboard.press('Delete');
    await page.locator(`[data-relation="${ids['Grace Hopper']}"]`).waitFor({ state: 'detached' });
    await seeText(page.getByTestId('save-state'), 'Saved');
    expect((await entryData(seeded, id, 'en'))['author']).toBeUndefined();
  });
});
