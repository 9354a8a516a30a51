import { WorkspacesResolver } from '@quire/workspaces';
import { useConsoleSuite, type OwnedWorkspace, type SignedUpAccount } from './console-suite';

/**
 * The publishing screens in Chromium on the real API: an entry's history (the diff of two revisions, restoring
 * the first), the trash (restore, delete for good) and a release (items, a validation problem, schedule and
 * unschedule, publish now). Types and entries are seeded through the API; axe checks every screen.
 */
describe('publishing screens in Chromium', () => {
  const suite = useConsoleSuite('publishing');
  const { journey, expectAccessible } = suite;

  interface Seeded {
    owner: SignedUpAccount;
    workspace: OwnedWorkspace;
    base: string;
  }

  /** An owner, a workspace and the type `article` (title and summary required to publish, a rich-text body). */
  async function seed(): Promise<Seeded> {
    const owner = await suite.signUp('Petra Publisher');
    const workspace = await suite.workspaceOf(owner, 'Publishing House');
    const base = `/api/v1/workspaces/${workspace.slug}`;
    await suite.sut.http
      .post(`${base}/content-types`)
      .set('Authorization', `Bearer ${owner.token}`)
      .send({
        apiId: 'article',
        kind: 'collection',
        name: 'Article',
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'summary', type: 'longText', required: true },
          { name: 'body', type: 'richText' },
        ],
      })
      .expect(201);
    return { owner, workspace, base };
  }

  async function createEntry(seeded: Seeded, data: Record<string, unknown>): Promise<string> {
    const answer = await suite.sut.http
      .post(`${seeded.base}/content-types/article/entries`)
      .set('Authorization', `Bearer ${seeded.owner.token}`)
      .send({ data })
      .expect(201);
    return answer.body.id as string;
  }

  /** A second member of the seeded workspace with a built-in role. */
  async function memberOf(seeded: Seeded, name: string, role: string): Promise<SignedUpAccount> {
    const member = await suite.signUp(name);
    await suite.sut.app.get(WorkspacesResolver).ensureMember(seeded.workspace.id, member.userId, 'viewer');
    await suite.sut.dataSource.query(
      `UPDATE workspace_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2`,
      [seeded.workspace.id, member.userId, role],
    );
    return member;
  }

  const paragraph = (text: string) => ({
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  });

  journey('restores an old revision after comparing it', async () => {
    const seeded = await seed();
    const auth = `Bearer ${seeded.owner.token}`;
    const id = await createEntry(seeded, { title: 'Harbour at dawn', summary: 'Boats', body: paragraph('Fog.') });
    for (const title of ['Harbour at noon', 'Harbour at dusk']) {
      await suite.sut.http
        .patch(`${seeded.base}/entries/${id}`)
        .set('Authorization', auth)
        .send({ locale: 'en', data: { title } })
        .expect(200);
    }

    await suite.signInAt(`/w/${seeded.workspace.slug}/content/article/${id}/history`, seeded.owner.email);
    const page = suite.page;
    await page.getByRole('heading', { name: 'History of “Harbour at dusk”' }).waitFor();
    await page.locator('[data-revision="3"]').waitFor();

    // By default the latest revision against the one before: the title changed, the summary did not.
    const diff = page.getByTestId('revision-diff');
    await diff.getByRole('heading', { name: 'Revision 2 compared with revision 3' }).waitFor();
    const title = diff.locator('[data-field="title"][data-locale="en"]');
    expect(await title.getAttribute('data-changed')).toBe('true');
    expect(await title.textContent()).toContain('Harbour at noon');
    expect(await title.textContent()).toContain('Harbour at dusk');
    expect(await diff.locator('[data-field="summary"]').getAttribute('data-changed')).toBe('false');
    // Rich text reads as its text, not as JSON.
    expect(await diff.locator('[data-field="body"]').textContent()).toContain('Fog.');
    await expectAccessible();

    // Another pair, chosen with the keyboard-reachable radio buttons.
    await page.getByRole('radio', { name: 'Compare from revision 1' }).check();
    await diff.getByRole('heading', { name: 'Revision 1 compared with revision 3' }).waitFor();
    expect(await title.textContent()).toContain('Harbour at dawn');

    // Restore the first revision: a confirmation first, then the history shows the new revision.
    await page.getByTestId('restore-1').click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Restore revision 1?').waitFor();
    await expectAccessible();
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await page.getByTestId('history-restored').waitFor();
    expect(await page.getByTestId('history-restored').textContent()).toContain('as revision 4');
    await page.locator('[data-revision="4"]').getByText('Restored').waitFor();
    await diff.getByRole('heading', { name: 'Revision 3 compared with revision 4' }).waitFor();
    await expectAccessible();

    const entry = await suite.sut.http.get(`${seeded.base}/entries/${id}`).set('Authorization', auth).expect(200);
    expect(entry.body.data.title).toBe('Harbour at dawn');
    expect(entry.body.revision).toBe(4);

    // The way back to the editor.
    expect(await page.getByTestId('history-back').getAttribute('href')).toBe(
      `/admin/w/${seeded.workspace.slug}/content/article/${id}`,
    );
  });

  journey('a viewer reads history and trash without changing them, and is refused releases', async () => {
    const seeded = await seed();
    const auth = `Bearer ${seeded.owner.token}`;
    const id = await createEntry(seeded, { title: 'Quiet harbour', summary: 'S' });
    await suite.sut.http
      .patch(`${seeded.base}/entries/${id}`)
      .set('Authorization', auth)
      .send({ locale: 'en', data: { title: 'Quieter harbour' } })
      .expect(200);
    const trashed = await createEntry(seeded, { title: 'Old notice', summary: 'S' });
    await suite.sut.http.delete(`${seeded.base}/entries/${trashed}`).set('Authorization', auth).expect(200);
    const viewer = await memberOf(seeded, 'Vera Viewer', 'viewer');

    await suite.signInAt(`/w/${seeded.workspace.slug}/content/article/${id}/history`, viewer.email);
    const page = suite.page;
    await page
      .getByTestId('revision-diff')
      .getByRole('heading', { name: 'Revision 1 compared with revision 2' })
      .waitFor();
    expect(await page.getByRole('button', { name: /Restore/ }).count()).toBe(0);
    await expectAccessible();

    const nav = page.getByTestId('plugin-nav');
    await nav.getByText('Trash').click();
    await page.getByTestId('trash').getByRole('cell', { name: 'Old notice', exact: true }).waitFor();
    expect(await page.getByTestId('trash').getByRole('button').count()).toBe(0);
    expect(await nav.getByText('Releases').count()).toBe(0);

    await page.goto(`${suite.sut.url}/admin/w/${seeded.workspace.slug}/releases`);
    await page.getByTestId('not-allowed').waitFor();
    await expectAccessible();
  });

  journey('restores a trashed entry and deletes another for good', async () => {
    const seeded = await seed();
    const auth = `Bearer ${seeded.owner.token}`;
    const kept = await createEntry(seeded, { title: 'Kept story', summary: 'S' });
    const dropped = await createEntry(seeded, { title: 'Dropped story', summary: 'S' });
    for (const id of [kept, dropped]) {
      await suite.sut.http.delete(`${seeded.base}/entries/${id}`).set('Authorization', auth).expect(200);
    }
    await suite.sut.http.get(`${seeded.base}/entries/${kept}`).set('Authorization', auth).expect(404);

    await suite.signInAt(`/w/${seeded.workspace.slug}/trash`, seeded.owner.email);
    const page = suite.page;
    const trash = page.getByTestId('trash');
    await trash.getByRole('cell', { name: 'Kept story', exact: true }).waitFor();
    expect(await trash.locator(`[data-trashed="${kept}"]`).textContent()).toContain('Petra Publisher');
    expect(await trash.locator(`[data-trashed="${kept}"]`).textContent()).toContain('14 days');
    await expectAccessible();

    await trash
      .locator(`[data-trashed="${kept}"]`)
      .getByRole('button', { name: /Restore/ })
      .click();
    await page.getByTestId('trash-restored').getByText('“Kept story” is back.').waitFor();
    await suite.eventually(async () =>
      expect(await trash.getByRole('cell', { name: 'Kept story', exact: true }).count()).toBe(0),
    );
    const entry = await suite.sut.http.get(`${seeded.base}/entries/${kept}`).set('Authorization', auth).expect(200);
    expect(entry.body.data.title).toBe('Kept story');

    await trash
      .locator(`[data-trashed="${dropped}"]`)
      .getByRole('button', { name: /Delete for good/ })
      .click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Delete “Dropped story” for good?').waitFor();
    await expectAccessible();
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await page.getByTestId('trash-empty').waitFor();
    await expectAccessible();
    const left = await suite.sut.http.get(`${seeded.base}/trash`).set('Authorization', auth).expect(200);
    expect(left.body.data).toEqual([]);
  });

  journey(
    'creates a release, shows its problems, schedules it and publishes it now',
    async () => {
      const seeded = await seed();
      const auth = `Bearer ${seeded.owner.token}`;
      const alpha = await createEntry(seeded, { title: 'Alpha launch', summary: 'First' });
      const beta = await createEntry(seeded, { title: 'Beta launch', summary: 'Second' });
      // No summary: its publish fails validation.
      await createEntry(seeded, { title: 'Gamma draft' });

      await suite.signInAt(`/w/${seeded.workspace.slug}/releases`, seeded.owner.email);
      const page = suite.page;
      await page.getByTestId('releases-empty').waitFor();
      await expectAccessible();
      await page.getByLabel('Name').fill('Spring launch');
      await page.getByTestId('release-create').click();
      await page.getByRole('heading', { name: 'Spring launch' }).waitFor();
      expect(await page.getByTestId('release-status').getAttribute('data-status')).toBe('pending');

      const addByTitle = async (words: string) => {
        await page.getByLabel('Title contains').fill(words);
        await page.getByTestId('item-search-submit').click();
        await page.getByTestId('item-results').getByRole('radio', { checked: true }).waitFor();
        await page.getByTestId('item-add').click();
      };
      await addByTitle('alpha');
      await page.getByTestId('release-items').getByRole('cell', { name: 'Alpha launch', exact: true }).waitFor();
      await addByTitle('beta');
      await page.getByTestId('release-items').getByRole('cell', { name: 'Beta launch', exact: true }).waitFor();
      await addByTitle('gamma');
      await page.getByTestId('release-items').getByRole('cell', { name: 'Gamma draft', exact: true }).waitFor();
      await expectAccessible();

      // At tablet width nothing spills out of the page sideways.
      await page.setViewportSize({ width: 820, height: 1100 });
      await suite.eventually(async () =>
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820),
      );
      await expectAccessible();
      await page.setViewportSize({ width: 1280, height: 800 });

      // The check lists what would fail: Gamma's empty summary.
      await page.getByTestId('release-validate').click();
      const problems = page.getByTestId('release-problems');
      await problems.waitFor();
      expect(await problems.textContent()).toContain('Gamma draft (en)');
      expect(await problems.textContent()).toContain('summary');
      await expectAccessible();

      await page
        .getByTestId('release-items')
        .locator('tr', { hasText: 'Gamma draft' })
        .getByTestId('item-remove')
        .click();
      await suite.eventually(async () =>
        expect(
          await page.getByTestId('release-items').getByRole('cell', { name: 'Gamma draft', exact: true }).count(),
        ).toBe(0),
      );
      await page.getByTestId('release-validate').click();
      await page.getByTestId('release-valid').waitFor();

      // Scheduled at a wall-clock time in a zone, then taken back.
      await page.getByLabel('Date and time').fill('2031-06-01T09:00');
      await page.getByLabel('Time zone').selectOption('Europe/Berlin');
      await page.getByTestId('release-schedule').click();
      await page.locator('[data-testid="release-status"][data-status="scheduled"]').waitFor();
      await page.getByText('(Europe/Berlin)').waitFor();
      await expectAccessible();
      await page.getByTestId('release-unschedule').click();
      await page.locator('[data-testid="release-status"][data-status="pending"]').waitFor();

      // Rename, then publish now.
      await page.getByRole('textbox', { name: 'Name' }).fill('Spring launch 2031');
      await page.getByTestId('release-rename').click();
      await page.getByRole('heading', { name: 'Spring launch 2031' }).waitFor();
      await page.getByTestId('release-publish').click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Publish now' }).click();
      await page.locator('[data-testid="release-status"][data-status="done"]').waitFor();
      await suite.eventually(async () =>
        expect(
          await page.getByTestId('item-entry-status').evaluateAll((cells) => cells.map((c) => c.dataset['status'])),
        ).toEqual(['published', 'published']),
      );
      await expectAccessible();

      for (const id of [alpha, beta]) {
        const entry = await suite.sut.http.get(`${seeded.base}/entries/${id}`).set('Authorization', auth).expect(200);
        expect(entry.body.status).toBe('published');
        await suite.sut.http
          .get(`/api/v1/delivery/${seeded.workspace.slug}/article/${id}`)
          .set('Authorization', auth)
          .expect(200);
      }

      // The list shows it done.
      await page.getByRole('link', { name: 'All releases' }).click();
      const row = page.locator('[data-release="Spring launch 2031"]');
      await row.getByText('Published').waitFor();
      await expectAccessible();
    },
    150_000,
  );
});
