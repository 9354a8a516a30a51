import { ContentPlugin } from '@quire/content';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import type { ContentTypeDefinition } from '../src/schema/field-definition';
import { bearer, newWorkspace, seedEntry, seedType, signUp, type Account, type Workspace } from './trash-fixtures';

const SCHEDULED_PUBLISHING = 'content.scheduled-publishing';
const RELEASE_PUBLISHING = 'content.release-publishing';

const article: ContentTypeDefinition = {
  apiId: 'article',
  kind: 'collection',
  name: 'Article',
  fields: [{ name: 'title', type: 'text', required: true }],
};

/**
 * The publishing jobs left to the live scheduler, with JOB_SCHEDULES shortening their 30-second interval to one
 * second: nothing here calls the job; a schedule and a release set a few seconds ahead are published by the cron.
 */
describe('Scheduled publishing and releases run by the live scheduler', () => {
  let sut: TestApp;
  let owner: Account;
  let workspace: Workspace;
  let typeId: string;

  beforeAll(async () => {
    sut = await createTestApp({
      plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin],
      env: { JOB_SCHEDULES: `${SCHEDULED_PUBLISHING}=* * * * * *;${RELEASE_PUBLISHING}=* * * * * *` },
    });
    owner = await signUp(sut, 'live');
    workspace = await newWorkspace(sut, owner, 'live');
    typeId = await seedType(sut, workspace, article);
  });
  afterAll(async () => {
    await sut?.close();
  });

  /** Eight seconds ahead: the API wants at least five, and a loaded machine may take a while to answer. */
  const soon = () => new Date(Math.ceil(Date.now() / 1000) * 1000 + 8000);
  const published = async (entryId: string) =>
    (
      await sut.dataSource.query(
        `SELECT published_data FROM content_entry_locales WHERE entry_id = $1 AND locale = 'en'`,
        [entryId],
      )
    )[0].published_data as Record<string, unknown> | null;
  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    for (let attempt = 0; attempt < 600; attempt++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Gave up waiting until ${what}`);
  }
  const succeededRuns = async (job: string) =>
    (await sut.dataSource.query(
      `SELECT affected_rows FROM quire_job_runs WHERE job_name = $1 AND status = 'succeeded' AND affected_rows > 0`,
      [job],
    )) as Array<{ affected_rows: number }>;

  it('publishes a scheduled locale when its time comes, and records the run', async () => {
    const entry = await seedEntry(sut, workspace, typeId, { locales: { en: { draft: { title: 'On time' } } } });
    const scheduled = await sut.http
      .post(`/api/v1/workspaces/${workspace.slug}/entries/${entry}/locales/en/schedules`)
      .set(bearer(owner))
      .send({ action: 'publish', runAt: soon().toISOString() })
      .expect(201);

    await until(
      () => published(entry),
      (data) => data !== null,
      'the entry is published',
    );
    expect(await published(entry)).toMatchObject({ title: 'On time' });
    const [row] = await sut.dataSource.query(`SELECT status FROM content_schedules WHERE id = $1`, [scheduled.body.id]);
    expect(row.status).toBe('done');
    // The run record is written after the job's own transaction commits, so it can trail the published rows.
    await until(
      () => succeededRuns(SCHEDULED_PUBLISHING),
      (runs) => runs.length > 0,
      'the run is recorded',
    );
  });

  it('publishes a release scheduled in a time zone when its time comes, and records the run', async () => {
    const first = await seedEntry(sut, workspace, typeId, { locales: { en: { draft: { title: 'One' } } } });
    const second = await seedEntry(sut, workspace, typeId, { locales: { en: { draft: { title: 'Two' } } } });
    const releases = `/api/v1/workspaces/${workspace.slug}/releases`;
    const release = (await sut.http.post(releases).set(bearer(owner)).send({ name: 'Live' }).expect(201)).body;
    for (const entryId of [first, second])
      await sut.http
        .post(`${releases}/${release.id}/items`)
        .set(bearer(owner))
        .send({ entryId, locale: 'en', action: 'publish' })
        .expect(201);
    // Wall-clock time in UTC, written without an offset as the API wants.
    const at = soon().toISOString().slice(0, 19);
    await sut.http
      .patch(`${releases}/${release.id}`)
      .set(bearer(owner))
      .send({ scheduledAt: at, timeZone: 'UTC' })
      .expect(200);

    const done = await until(
      async () => (await sut.http.get(`${releases}/${release.id}`).set(bearer(owner)).expect(200)).body,
      (body: { status: string }) => body.status !== 'scheduled',
      'the release ran',
    );
    expect(done.status).toBe('done');
    expect(await published(first)).toMatchObject({ title: 'One' });
    expect(await published(second)).toMatchObject({ title: 'Two' });
    // The run record is written after the job's own transaction commits, so it can trail the published rows.
    await until(
      () => succeededRuns(RELEASE_PUBLISHING),
      (runs) => runs.length > 0,
      'the run is recorded',
    );
  });
});
