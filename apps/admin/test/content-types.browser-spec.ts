import type { Locator } from 'playwright-core';
import { WorkspacesResolver } from '@quire/workspaces';
import { useConsoleSuite, type SignedUpAccount } from './console-suite';

/**
 * Content modelling (pages/content-types) in Chromium on the real API and PostgreSQL: the type builder with every
 * kind of option the journeys need, reordering, the API's validation errors on the inputs they name, changing and
 * deleting a type, and an editor who may not model content. axe checks every screen visited.
 */
describe('admin console: content modelling', () => {
  const suite = useConsoleSuite('content-types');
  const { journey, expectAccessible, signUp, signInAt, eventually } = suite;

  const field = (index: number): Locator => suite.page.locator('quire-field-editor').nth(index);

  /** Adds a field of `type` at the end of the list and gives it a label (its name follows the label). */
  async function addField(type: string, label: string): Promise<Locator> {
    await suite.page.getByTestId('add-field-type').selectOption(type);
    await suite.page.getByTestId('add-field').click();
    const added = suite.page.locator('quire-field-editor').last();
    await added.getByLabel('Label').fill(label);
    // The field name follows the label: wait until it did, so a save right after sends the derived name.
    const name = added.getByLabel('Field name');
    await suite.eventually(async () => expect(await name.inputValue()).toMatch(/^[a-z][A-Za-z0-9]*$/));
    return added;
  }

  function typeOf(owner: SignedUpAccount, slug: string, apiId: string) {
    return suite.sut.http
      .get(`/api/v1/workspaces/${slug}/content-types/${apiId}`)
      .set('Authorization', `Bearer ${owner.token}`);
  }

  async function createType(owner: SignedUpAccount, slug: string, definition: object): Promise<void> {
    await suite.sut.http
      .post(`/api/v1/workspaces/${slug}/content-types`)
      .set('Authorization', `Bearer ${owner.token}`)
      .send(definition)
      .expect(201);
  }

  journey(
    'build a content type with a relation and a media field',
    async () => {
      const owner = await signUp('Olga Owner');
      const { slug } = await suite.workspaceOf(owner);
      const page = suite.page;
      await signInAt(`/w/${slug}/content-types`, owner.email);
      await page.getByRole('heading', { name: 'Content types' }).waitFor();
      await page.getByTestId('types-empty').waitFor();
      await page.locator('[data-nav-id="content-types"]').waitFor();
      await expectAccessible();

      // An Author collection with a name.
      await page.getByTestId('type-new').click();
      await page.getByRole('heading', { name: 'New content type' }).waitFor();
      await page.getByTestId('fields-empty').waitFor();
      await expectAccessible();
      await page.getByTestId('type-name').fill('Author');
      expect(await page.getByTestId('type-api-id').inputValue()).toBe('author');
      const name = await addField('text', 'Name');
      expect(await name.getByLabel('Field name').inputValue()).toBe('name');
      await page.getByTestId('type-save').click();
      await page.waitForURL(/\/content-types\/author$/);
      await page.getByRole('heading', { name: 'Author' }).waitFor();
      await page.getByTestId('type-history').waitFor();
      await expectAccessible();

      // The Article: title, slug from the title, body, a relation to Author and a cover image.
      await page.getByRole('link', { name: 'Content types' }).first().click();
      await page.locator('[data-type="author"]').waitFor();
      await page.getByTestId('type-new').click();
      await page.getByTestId('type-name').fill('Article');
      const title = await addField('text', 'Title');
      await title.getByTestId('field-required').click();
      await title.getByLabel('Maximum length').fill('120');
      const slugField = await addField('slug', 'Slug');
      await slugField.getByLabel('Generated from').selectOption('title');
      await addField('richText', 'Body');
      const author = await addField('relation', 'Author');
      await author.getByLabel('Related type').selectOption('author');
      const cover = await addField('media', 'Cover');
      await cover.getByTestId('field-allow-image').click();
      await expectAccessible();

      // The cover moves above the author with the keyboard; the focus stays on its button.
      const moveUp = page.getByRole('button', { name: 'Move cover up' });
      await moveUp.focus();
      await page.keyboard.press('Enter');
      await eventually(async () => expect(await field(3).getByLabel('Field name').inputValue()).toBe('cover'));
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move cover up');
      expect(await page.getByTestId('field-announcement').textContent()).toContain('cover moved to position 4 of 5');

      await page.getByTestId('type-save').click();
      await page.waitForURL(/\/content-types\/article$/);
      await page.getByRole('heading', { name: 'Article' }).waitFor();
      await expectAccessible();

      const saved = (await typeOf(owner, slug, 'article').expect(200)).body;
      expect(saved.kind).toBe('collection');
      expect(saved.definition.fields).toEqual([
        expect.objectContaining({ name: 'title', label: 'Title', type: 'text', required: true, maxLength: 120 }),
        expect.objectContaining({ name: 'slug', type: 'slug', sourceField: 'title' }),
        expect.objectContaining({ name: 'body', type: 'richText' }),
        expect.objectContaining({ name: 'cover', type: 'media', allowedTypes: ['image'] }),
        expect.objectContaining({ name: 'author', type: 'relation', target: 'author', onDelete: 'restrict' }),
      ]);
      expect(saved.definition.fields[2].required).toBeUndefined();
      expect(saved.definition.fields[4].multiple).toBeUndefined();

      // Both types are listed with their field counts.
      await page.getByRole('link', { name: 'Content types' }).first().click();
      const row = page.locator('[data-type="article"]');
      await row.waitFor();
      expect(await row.textContent()).toContain('Collection');
      expect((await row.locator('td').last().textContent())?.trim()).toBe('5');
      await expectAccessible();
    },
    180_000,
  );

  journey('the API refuses a bad definition: its errors on the fields, nothing saved', async () => {
    const owner = await signUp('Olga Owner');
    const { slug } = await suite.workspaceOf(owner);
    await createType(owner, slug, {
      apiId: 'author',
      kind: 'collection',
      name: 'Author',
      fields: [{ name: 'name', type: 'text' }],
    });
    const page = suite.page;
    await signInAt(`/w/${slug}/content-types/new`, owner.email);
    await page.getByTestId('type-name').fill('Post');
    await addField('text', 'Title');
    await addField('text', 'Title');
    const writer = await addField('relation', 'Writer');
    // Closed: the error has to open it.
    await writer.getByTestId('field-toggle').click();
    await writer.getByLabel('Related type').waitFor({ state: 'detached' });
    await page.getByTestId('type-save').click();

    await page.getByTestId('form-error').waitFor();
    const duplicate = field(1).locator('mat-form-field', { has: page.getByLabel('Field name') });
    await eventually(async () =>
      expect(await duplicate.locator('mat-error').textContent()).toContain('repeats the name'),
    );
    expect(await field(1).getByLabel('Field name').getAttribute('aria-invalid')).toBe('true');
    expect(await field(0).getByLabel('Field name').getAttribute('aria-invalid')).toBe('false');
    const target = writer.locator('mat-form-field', { has: page.getByLabel('Related type') });
    expect(await target.locator('mat-error').textContent()).toContain(
      'must be the API id of a collection or singleton',
    );
    expect(await writer.getByTestId('field-toggle').getAttribute('aria-expanded')).toBe('true');
    await expectAccessible();
    await typeOf(owner, slug, 'post').expect(404);

    // Leaving now would lose the work: the console asks, and staying keeps it.
    await page.getByRole('link', { name: 'Content types' }).first().click();
    await page.getByRole('alertdialog').waitFor();
    await page.getByTestId('confirm-cancel').click();
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    expect(page.url()).toMatch(/\/content-types\/new$/);

    // Corrected, it saves.
    await field(1).getByLabel('Field name').fill('subtitle');
    await writer.getByLabel('Related type').selectOption('author');
    await page.getByTestId('type-save').click();
    await page.waitForURL(/\/content-types\/post$/);
    const saved = (await typeOf(owner, slug, 'post').expect(200)).body;
    expect(saved.definition.fields.map((f: { name: string }) => f.name)).toEqual(['title', 'subtitle', 'writer']);
  });

  journey(
    'change a type (a renamed field keeps its values), see its history, delete it',
    async () => {
      const owner = await signUp('Olga Owner');
      const { slug } = await suite.workspaceOf(owner);
      await createType(owner, slug, {
        apiId: 'quote',
        kind: 'component',
        name: 'Quote',
        fields: [{ name: 'text', type: 'longText', required: true }],
      });
      await createType(owner, slug, {
        apiId: 'page',
        kind: 'collection',
        name: 'Page',
        fields: [
          { name: 'heading', type: 'text' },
          { name: 'stage', type: 'enum', values: ['draft', 'live'] },
        ],
      });
      const page = suite.page;
      await signInAt(`/w/${slug}/content-types/page`, owner.email);
      await page.getByRole('heading', { name: 'Page' }).waitFor();
      expect(await page.getByTestId('type-api-id').isDisabled()).toBe(true);
      await expectAccessible();

      await field(0).getByTestId('field-toggle').click();
      await field(0).getByLabel('Field name').fill('headline');
      await field(1).getByTestId('field-toggle').click();
      await field(1).getByLabel('Values').fill('draft\nlive\narchived');
      await field(1).getByLabel('Default value').selectOption('draft');
      const quotes = await addField('component', 'Quotes');
      await quotes.getByLabel('Component').selectOption('quote');
      await quotes.getByTestId('field-repeatable').click();
      await quotes.getByLabel('Maximum items').fill('5');
      // Dragged by its handle (the editors closed, so the list fits the screen), the new field goes first.
      for (const index of [0, 1, 2]) await field(index).getByTestId('field-toggle').click();
      const handle = await field(2).getByTestId('field-drag').boundingBox();
      const first = await field(0).boundingBox();
      if (!handle || !first) throw new Error('the fields are not on screen');
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
      await page.mouse.down();
      await page.mouse.move(handle.x + handle.width / 2, handle.y - 10, { steps: 5 });
      await page.mouse.move(handle.x + handle.width / 2, first.y + 4, { steps: 20 });
      await page.mouse.up();
      await eventually(async () =>
        expect(await field(0).getByTestId('field-toggle').textContent()).toContain('quotes'),
      );

      // Usable at tablet width: nothing wider than the window.
      await page.setViewportSize({ width: 820, height: 1000 });
      await field(0).getByTestId('field-toggle').click();
      const overflow = await page.evaluate(() => {
        const main = document.getElementById('main-content');
        return main ? main.scrollWidth - main.clientWidth : -1;
      });
      expect(overflow).toBe(0);
      await expectAccessible();

      await page.getByTestId('type-save').click();
      await page.getByTestId('type-saved').waitFor();
      expect(await page.getByTestId('type-saved').textContent()).toContain('version 2');
      await eventually(async () => expect(await page.getByTestId('type-history').locator('> li').count()).toBe(2));
      expect(await page.getByTestId('type-history').textContent()).toContain('heading → headline');
      await expectAccessible();

      const saved = (await typeOf(owner, slug, 'page').expect(200)).body;
      expect(saved.definition.fields).toEqual([
        expect.objectContaining({
          name: 'quotes',
          type: 'component',
          component: 'quote',
          repeatable: true,
          maxItems: 5,
        }),
        expect.objectContaining({ name: 'headline', type: 'text' }),
        expect.objectContaining({ name: 'stage', values: ['draft', 'live', 'archived'], default: 'draft' }),
      ]);

      // Deleting asks first; Cancel keeps it.
      await page.getByTestId('type-delete').click();
      await page.getByRole('alertdialog').waitFor();
      await expectAccessible();
      await page.getByTestId('confirm-cancel').click();
      await page.getByRole('alertdialog').waitFor({ state: 'detached' });
      await typeOf(owner, slug, 'page').expect(200);
      await page.getByTestId('type-delete').click();
      await page.getByTestId('confirm-ok').click();
      await page.waitForURL(/\/content-types$/);
      await page.locator('[data-type="quote"]').waitFor();
      expect(await page.locator('[data-type="page"]').count()).toBe(0);
      await typeOf(owner, slug, 'page').expect(404);
    },
    150_000,
  );

  journey('removing a field that holds values asks first; a type in use is not deleted', async () => {
    const owner = await signUp('Olga Owner');
    const { slug } = await suite.workspaceOf(owner);
    await createType(owner, slug, {
      apiId: 'note',
      kind: 'collection',
      name: 'Note',
      fields: [
        { name: 'title', type: 'text' },
        { name: 'mood', type: 'text' },
      ],
    });
    await suite.sut.http
      .post(`/api/v1/workspaces/${slug}/content-types/note/entries`)
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ data: { title: 'Monday', mood: 'sunny' } })
      .expect(201);
    const page = suite.page;
    await signInAt(`/w/${slug}/content-types/note`, owner.email);
    await page.getByRole('heading', { name: 'Note' }).waitFor();
    await page.getByRole('button', { name: 'Remove mood' }).click();
    await page.getByTestId('type-save').click();
    await page.getByTestId('type-save-drop-data').waitFor();
    await expectAccessible();
    const before = (await typeOf(owner, slug, 'note').expect(200)).body;
    expect(before.definition.fields.map((f: { name: string }) => f.name)).toEqual(['title', 'mood']);

    await page.getByTestId('type-save-drop-data').click();
    await page.getByTestId('type-saved').waitFor();
    const after = (await typeOf(owner, slug, 'note').expect(200)).body;
    expect(after.definition.fields.map((f: { name: string }) => f.name)).toEqual(['title']);

    // The entry keeps the type: the API refuses, the error toast says why, the type stays.
    await page.getByTestId('type-delete').click();
    await page.getByTestId('confirm-ok').click();
    await page.locator('.quire-error-toast').waitFor();
    await expectAccessible();
    await typeOf(owner, slug, 'note').expect(200);
  });

  journey('an editor does not model content', async () => {
    const owner = await signUp('Olga Owner');
    const { slug, id } = await suite.workspaceOf(owner);
    const editor = await signUp('Ed Editor');
    await suite.sut.app.get(WorkspacesResolver).ensureMember(id, editor.userId, 'editor');
    const page = suite.page;
    await signInAt(`/w/${slug}`, editor.email);
    // The content plugin's entries screen is listed for editors; its type builder is not.
    await page.locator('[data-nav-id="content"]').waitFor();
    expect(await page.locator('[data-nav-id="content-types"]').count()).toBe(0);
    await expectAccessible();

    for (const path of ['content-types', 'content-types/new', 'content-types/author']) {
      await page.goto(`${suite.sut.url}/admin/w/${slug}/${path}`);
      await page.getByTestId('not-allowed').waitFor();
      expect(await page.getByTestId('not-allowed').textContent()).toContain('editor');
    }
    await expectAccessible();
  });
});
