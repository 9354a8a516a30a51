import { Scheduler } from '@quire/core';
import { ContentPlugin } from '@quire/content';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import type { ContentTypeDefinition } from '../src/schema/field-definition';
import {
  addMember,
  bearer,
  eventsOf,
  generationOf,
  newWorkspace,
  seedEntry,
  seedType,
  signUp,
  type Account,
  type Workspace,
} from './trash-fixtures';

const JOB = 'content.release-publishing';

const article: ContentTypeDefinition = {
  apiId: 'article',
  kind: 'collection',
  name: 'Article',
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'body', type: 'longText' },
  ],
};
const page: ContentTypeDefinition = {
  apiId: 'page',
  kind: 'collection',
  name: 'Page',
  fields: [{ name: 'heading', type: 'text', required: true }],
};

interface Site {
  workspace: Workspace;
  owner: Account;
  articleId: string;
  pageId: string;
}
interface Release {
  id: string;
  status: string;
  scheduledAt: string | null;
  timeZone: string | null;
  items: Array<{ id: string; entryId: string; locale: string; action: string }>;
  error: { code: string; failures: Array<Record<string, unknown>> } | null;
}

describe('Content releases', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
  });
  afterAll(async () => {
    await sut?.close();
  });

  async function site(): Promise<Site> {
    const owner = await signUp(sut, 'rel');
    const workspace = await newWorkspace(sut, owner, 'rel');
    return {
      owner,
      workspace,
      articleId: await seedType(sut, workspace, article),
      pageId: await seedType(sut, workspace, page),
    };
  }

  const releases = (w: Workspace) => `/api/v1/workspaces/${w.slug}/releases`;
  const published = async (entryId: string, locale: string) =>
    (
      await sut.dataSource.query(
        `SELECT published_data FROM content_entry_locales WHERE entry_id = $1 AND locale = $2`,
        [entryId, locale],
      )
    )[0].published_data as Record<string, unknown> | null;
  const createRelease = async (s: Site, body: Record<string, unknown> = { name: 'Launch' }) =>
    (await sut.http.post(releases(s.workspace)).set(bearer(s.owner)).send(body).expect(201)).body as Release;
  const addItem = async (s: Site, releaseId: string, entryId: string, locale: string, action = 'publish') =>
    (
      await sut.http
        .post(`${releases(s.workspace)}/${releaseId}/items`)
        .set(bearer(s.owner))
        .send({ entryId, locale, action })
        .expect(201)
    ).body as Release;
  const schedule = (s: Site, releaseId: string) =>
    sut.http
      .patch(`${releases(s.workspace)}/${releaseId}`)
      .set(bearer(s.owner))
      .send({ scheduledAt: '2030-12-01T09:00', timeZone: 'Europe/Berlin' });
  const makeDue = (releaseId: string) =>
    sut.dataSource.query(`UPDATE content_releases SET scheduled_at = now() - interval '1 second' WHERE id = $1`, [
      releaseId,
    ]);
  const releaseRow = async (id: string) =>
    (await sut.dataSource.query(`SELECT status, executed_at, error FROM content_releases WHERE id = $1`, [id]))[0] as {
      status: string;
      executed_at: Date | null;
      error: Release['error'];
    };
  let slots = 0;
  /** Runs the job through the scheduler (advisory lock, a quire_job_runs record), in a past slot of its own. */
  const runJob = async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const run = await sut.app.get(Scheduler).runNow(JOB, new Date(Date.now() - 1000 * ++slots));
      if (run) {
        expect(run).toMatchObject({ jobName: JOB, status: 'succeeded' });
        return run;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${JOB} found no free slot`);
  };

  /** Two types, two locales: an article in en and de, a page in en, a published article to take down. */
  async function launch(s: Site) {
    const story = await seedEntry(sut, s.workspace, s.articleId, {
      locales: { en: { draft: { title: 'Story' } }, de: { draft: { title: 'Geschichte' } } },
    });
    const landing = await seedEntry(sut, s.workspace, s.pageId, { locales: { en: { draft: { heading: 'Welcome' } } } });
    const old = await seedEntry(sut, s.workspace, s.articleId, {
      locales: { en: { draft: { title: 'Old news' }, published: true } },
    });
    const release = await createRelease(s);
    await addItem(s, release.id, story, 'en');
    await addItem(s, release.id, story, 'de');
    await addItem(s, release.id, landing, 'en');
    const full = await addItem(s, release.id, old, 'en', 'unpublish');
    return { story, landing, old, release: full };
  }

  it('groups entry locales of two types, schedules them in a time zone as the instant', async () => {
    const s = await site();
    const { story, landing, old, release } = await launch(s);
    expect(release).toMatchObject({ status: 'pending', scheduledAt: null });
    expect(release.items.map((i) => [i.entryId, i.locale, i.action])).toEqual([
      [story, 'en', 'publish'],
      [story, 'de', 'publish'],
      [landing, 'en', 'publish'],
      [old, 'en', 'unpublish'],
    ]);
    // The same entry locale twice is refused.
    await sut.http
      .post(`${releases(s.workspace)}/${release.id}/items`)
      .set(bearer(s.owner))
      .send({ entryId: story, locale: 'en', action: 'unpublish' })
      .expect(409);

    const scheduled = await schedule(s, release.id).expect(200);
    // 09:00 in Berlin in winter (UTC+1) is 08:00 UTC.
    expect(scheduled.body).toMatchObject({
      status: 'scheduled',
      scheduledAt: '2030-12-01T08:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    const [stored] = await sut.dataSource.query(`SELECT scheduled_at FROM content_releases WHERE id = $1`, [
      release.id,
    ]);
    expect((stored.scheduled_at as Date).toISOString()).toBe('2030-12-01T08:00:00.000Z');
    expect(await eventsOf(sut, s.workspace, 'content.release.scheduled')).toEqual([
      { releaseId: release.id, scheduledAt: '2030-12-01T08:00:00.000Z', timeZone: 'Europe/Berlin' },
    ]);
    const listed = await sut.http.get(releases(s.workspace)).set(bearer(s.owner)).expect(200);
    expect(listed.body.items).toEqual([scheduled.body]);
  });

  it('refuses a past time naming scheduledAt and an unknown zone naming timeZone', async () => {
    const s = await site();
    const release = await createRelease(s);
    for (const [body, path] of [
      [{ scheduledAt: '2020-01-01T09:00', timeZone: 'Europe/Berlin' }, 'scheduledAt'],
      [{ scheduledAt: '2030-01-01T09:00', timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ scheduledAt: '2030-01-01T09:00Z', timeZone: 'UTC' }, 'scheduledAt'],
    ] as const) {
      const response = await sut.http
        .patch(`${releases(s.workspace)}/${release.id}`)
        .set(bearer(s.owner))
        .send(body)
        .expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors).toEqual([expect.objectContaining({ path })]);
    }
    await sut.http
      .post(releases(s.workspace))
      .set(bearer(s.owner))
      .send({ name: 'Past', scheduledAt: '2020-01-01T09:00', timeZone: 'UTC' })
      .expect(400);
    expect((await releaseRow(release.id)).status).toBe('pending');
  });

  it('refuses scheduling while an item fails validation, listing every reason', async () => {
    const s = await site();
    const broken = await seedEntry(sut, s.workspace, s.articleId, {
      locales: { en: { draft: { body: 'no title' } }, de: { draft: { body: 'kein Titel' } } },
    });
    const fine = await seedEntry(sut, s.workspace, s.pageId, { locales: { en: { draft: { heading: 'Hi' } } } });
    const release = await createRelease(s);
    await addItem(s, release.id, broken, 'en');
    await addItem(s, release.id, broken, 'de');
    const full = await addItem(s, release.id, fine, 'en');

    const refused = await schedule(s, release.id).expect(400);
    expect(refused.body.type).toBe('urn:quire:problem:content.release-invalid');
    expect(refused.body.failures).toEqual([
      expect.objectContaining({ entryId: broken, locale: 'en', field: 'title', code: 'content.publish-invalid' }),
      expect.objectContaining({ entryId: broken, locale: 'de', field: 'title', code: 'content.publish-invalid' }),
    ]);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual([
      `items.${full.items[0].id}.title`,
      `items.${full.items[1].id}.title`,
    ]);
    expect(await releaseRow(release.id)).toMatchObject({ status: 'pending' });

    const checked = await sut.http
      .post(`${releases(s.workspace)}/${release.id}/validate`)
      .set(bearer(s.owner))
      .expect(200);
    expect(checked.body).toMatchObject({ valid: false, failures: refused.body.failures });
  });

  it('runs a due release through the job: every item at once, delivery generation bumped', async () => {
    const s = await site();
    const { story, landing, old, release } = await launch(s);
    await schedule(s, release.id).expect(200);
    const generation = await generationOf(sut, s.workspace);
    await makeDue(release.id);

    const run = await runJob();
    expect(run.affectedRows).toBeGreaterThanOrEqual(1);
    expect(await published(story, 'en')).toMatchObject({ title: 'Story' });
    expect(await published(story, 'de')).toMatchObject({ title: 'Geschichte' });
    expect(await published(landing, 'en')).toMatchObject({ heading: 'Welcome' });
    expect(await published(old, 'en')).toBeNull();
    expect(await generationOf(sut, s.workspace)).toBeGreaterThan(generation);
    const row = await releaseRow(release.id);
    expect(row).toMatchObject({ status: 'done', error: null });
    expect(row.executed_at).not.toBeNull();
    expect(await eventsOf(sut, s.workspace, 'content.release.published')).toEqual([
      { releaseId: release.id, items: 4 },
    ]);
    const [recorded] = await sut.dataSource.query(
      `SELECT status FROM quire_job_runs WHERE job_name = $1 ORDER BY started_at DESC LIMIT 1`,
      [JOB],
    );
    expect(recorded.status).toBe('succeeded');
    // A done release no longer changes.
    await sut.http
      .post(`${releases(s.workspace)}/${release.id}/publish`)
      .set(bearer(s.owner))
      .expect(409);
  });

  it('records a release failed and publishes nothing when an item became invalid after scheduling', async () => {
    const s = await site();
    const { story, landing, old, release } = await launch(s);
    await schedule(s, release.id).expect(200);
    // The German draft loses its required title after the release was scheduled.
    await sut.dataSource.query(
      `UPDATE content_entry_locales SET draft_data = '{}'::jsonb WHERE entry_id = $1 AND locale = 'de'`,
      [story],
    );
    const generation = await generationOf(sut, s.workspace);
    await makeDue(release.id);

    await runJob();
    expect(await published(story, 'en')).toBeNull();
    expect(await published(story, 'de')).toBeNull();
    expect(await published(landing, 'en')).toBeNull();
    expect(await published(old, 'en')).toMatchObject({ title: 'Old news' });
    expect(await generationOf(sut, s.workspace)).toBe(generation);
    const row = await releaseRow(release.id);
    expect(row.status).toBe('failed');
    expect(row.error).toMatchObject({
      code: 'content.release-invalid',
      failures: [{ entryId: story, locale: 'de', field: 'title', code: 'content.publish-invalid' }],
    });
    expect(await eventsOf(sut, s.workspace, 'content.entry.published')).toEqual([]);
    expect(await eventsOf(sut, s.workspace, 'content.release.failed')).toEqual([
      { releaseId: release.id, failures: 1 },
    ]);
  });

  it('publishes now on demand, and refuses when an item would fail with nothing changed', async () => {
    const s = await site();
    const { story, landing, old, release } = await launch(s);
    const done = await sut.http
      .post(`${releases(s.workspace)}/${release.id}/publish`)
      .set(bearer(s.owner))
      .expect(200);
    expect(done.body).toMatchObject({ status: 'done' });
    expect(await published(story, 'de')).toMatchObject({ title: 'Geschichte' });
    expect(await published(landing, 'en')).not.toBeNull();
    expect(await published(old, 'en')).toBeNull();

    const broken = await seedEntry(sut, s.workspace, s.articleId, { locales: { en: { draft: {} } } });
    const fine = await seedEntry(sut, s.workspace, s.pageId, { locales: { en: { draft: { heading: 'Fine' } } } });
    const second = await createRelease(s);
    await addItem(s, second.id, fine, 'en');
    await addItem(s, second.id, broken, 'en');
    const refused = await sut.http
      .post(`${releases(s.workspace)}/${second.id}/publish`)
      .set(bearer(s.owner))
      .expect(400);
    expect(refused.body.failures).toEqual([expect.objectContaining({ entryId: broken, field: 'title' })]);
    expect(await published(fine, 'en')).toBeNull();
    expect(await releaseRow(second.id)).toMatchObject({ status: 'pending' });

    // Cancelling keeps it listed; a cancelled release no longer runs.
    await sut.http
      .delete(`${releases(s.workspace)}/${second.id}`)
      .set(bearer(s.owner))
      .expect(204);
    expect(await releaseRow(second.id)).toMatchObject({ status: 'cancelled' });
    await sut.http
      .post(`${releases(s.workspace)}/${second.id}/publish`)
      .set(bearer(s.owner))
      .expect(409);
  });

  it('removes items, refuses a trashed or missing locale, answers an author 403 and another workspace 404', async () => {
    const s = await site();
    const { story, release } = await launch(s);
    await sut.http
      .delete(`${releases(s.workspace)}/${release.id}/items/${release.items[0].id}`)
      .set(bearer(s.owner))
      .expect(204);
    await sut.http
      .delete(`${releases(s.workspace)}/${release.id}/items/${release.items[0].id}`)
      .set(bearer(s.owner))
      .expect(404);
    const onlyEn = await seedEntry(sut, s.workspace, s.pageId, { locales: { en: { draft: { heading: 'x' } } } });
    await sut.http
      .post(`${releases(s.workspace)}/${release.id}/items`)
      .set(bearer(s.owner))
      .send({ entryId: onlyEn, locale: 'de', action: 'publish' })
      .expect(404);
    await sut.dataSource.query(`UPDATE content_entries SET deleted_at = now() WHERE id = $1`, [onlyEn]);
    await sut.http
      .post(`${releases(s.workspace)}/${release.id}/items`)
      .set(bearer(s.owner))
      .send({ entryId: onlyEn, locale: 'en', action: 'publish' })
      .expect(404);

    const author = await signUp(sut, 'rel-author');
    await addMember(sut, s.workspace, author, 'author');
    await sut.http.get(releases(s.workspace)).set(bearer(author)).expect(403);
    await sut.http.post(releases(s.workspace)).set(bearer(author)).send({ name: 'Mine' }).expect(403);
    await sut.http
      .post(`${releases(s.workspace)}/${release.id}/publish`)
      .set(bearer(author))
      .expect(403);

    const other = await site();
    const theirs = await createRelease(other);
    await sut.http
      .get(`${releases(s.workspace)}/${theirs.id}`)
      .set(bearer(s.owner))
      .expect(404);
    await sut.http
      .post(`${releases(s.workspace)}/${theirs.id}/publish`)
      .set(bearer(s.owner))
      .expect(404);
    await sut.http
      .delete(`${releases(s.workspace)}/${theirs.id}`)
      .set(bearer(s.owner))
      .expect(404);
    // Another workspace's entry cannot join this workspace's release.
    const foreign = await seedEntry(sut, other.workspace, other.articleId, {
      locales: { en: { draft: { title: 'F' } } },
    });
    await sut.http
      .post(`${releases(s.workspace)}/${release.id}/items`)
      .set(bearer(s.owner))
      .send({ entryId: foreign, locale: 'en', action: 'publish' })
      .expect(404);
    expect(
      (
        await sut.http
          .get(`${releases(s.workspace)}/${release.id}`)
          .set(bearer(s.owner))
          .expect(200)
      ).body.items,
    ).toHaveLength(3);
    expect(story).toBeDefined();
  });
});
