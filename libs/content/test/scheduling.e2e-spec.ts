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

const JOB = 'content.scheduled-publishing';

const article: ContentTypeDefinition = {
  apiId: 'article',
  kind: 'collection',
  name: 'Article',
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'body', type: 'longText' },
  ],
};

interface Site {
  workspace: Workspace;
  owner: Account;
  typeId: string;
}

describe('Content scheduling', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
  });
  afterAll(async () => {
    await sut?.close();
  });

  async function site(): Promise<Site> {
    const owner = await signUp(sut, 'sched');
    const workspace = await newWorkspace(sut, owner, 'sched');
    return { owner, workspace, typeId: await seedType(sut, workspace, article) };
  }

  const schedules = (w: Workspace, entryId: string, locale = 'en') =>
    `/api/v1/workspaces/${w.slug}/entries/${entryId}/locales/${locale}/schedules`;
  const inAMinute = () => new Date(Date.now() + 60_000).toISOString();
  /** Makes a schedule due now, as if its time had come. */
  const makeDue = (scheduleId: string) =>
    sut.dataSource.query(`UPDATE content_schedules SET run_at = now() - interval '1 second' WHERE id = $1`, [
      scheduleId,
    ]);
  const localeRow = async (entryId: string, locale = 'en') =>
    (
      await sut.dataSource.query(
        `SELECT published_data, published_revision FROM content_entry_locales WHERE entry_id = $1 AND locale = $2`,
        [entryId, locale],
      )
    )[0] as { published_data: Record<string, unknown> | null; published_revision: number | null };
  const revisions = async (entryId: string) =>
    (await sut.dataSource.query(
      `SELECT kind, locale, actor_type, actor_id FROM content_revisions WHERE entry_id = $1 ORDER BY number`,
      [entryId],
    )) as Array<{ kind: string; locale: string | null; actor_type: string; actor_id: string | null }>;
  const scheduleRow = async (id: string) =>
    (
      await sut.dataSource.query(`SELECT status, executed_at, error, created_by FROM content_schedules WHERE id = $1`, [
        id,
      ])
    )[0] as { status: string; executed_at: Date | null; error: Record<string, unknown> | null; created_by: string };
  const schedule = async (s: Site, entryId: string, action: string, locale = 'en') =>
    (
      await sut.http
        .post(schedules(s.workspace, entryId, locale))
        .set(bearer(s.owner))
        .send({ action, runAt: inAMinute() })
        .expect(201)
    ).body as { id: string; status: string };
  let slots = 0;
  /**
   * Runs the job through the scheduler (advisory lock, a quire_job_runs record). Each call takes a slot of its own
   * in the past; a slot the live scheduler took already, or its run under way, answers null and the next is tried.
   */
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

  it('refuses a time in the past or too close, naming runAt, and a malformed one', async () => {
    const s = await site();
    const entry = await seedEntry(sut, s.workspace, s.typeId, { locales: { en: { draft: { title: 'Hello' } } } });
    for (const runAt of [new Date(Date.now() - 60_000).toISOString(), new Date().toISOString(), 'tomorrow']) {
      const response = await sut.http
        .post(schedules(s.workspace, entry))
        .set(bearer(s.owner))
        .send({ action: 'publish', runAt })
        .expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'runAt' })]);
    }
    await sut.http
      .post(schedules(s.workspace, entry))
      .set(bearer(s.owner))
      .send({ action: 'delete', runAt: inAMinute() })
      .expect(400)
      .expect((r) => expect(r.body.errors).toEqual([expect.objectContaining({ path: 'action' })]));
    expect(await sut.dataSource.query(`SELECT 1 FROM content_schedules WHERE entry_id = $1`, [entry])).toEqual([]);
  });

  it('refuses a locale that is not enabled (400) or that the entry does not have (404)', async () => {
    const s = await site();
    const entry = await seedEntry(sut, s.workspace, s.typeId, { locales: { en: { draft: { title: 'Hello' } } } });
    await sut.http
      .post(schedules(s.workspace, entry, 'fr'))
      .set(bearer(s.owner))
      .send({ action: 'publish', runAt: inAMinute() })
      .expect(400)
      .expect((r) => expect(r.body.errors[0].path).toBe('locale'));
    await sut.http
      .post(schedules(s.workspace, entry, 'de'))
      .set(bearer(s.owner))
      .send({ action: 'publish', runAt: inAMinute() })
      .expect(404)
      .expect((r) => expect(r.body.type).toBe('urn:quire:problem:content.entry-locale-not-found'));
  });

  it('creates, lists and cancels a schedule; one pending per locale and action', async () => {
    const s = await site();
    const entry = await seedEntry(sut, s.workspace, s.typeId, { locales: { en: { draft: { title: 'Hello' } } } });
    const runAt = inAMinute();
    const created = await sut.http
      .post(schedules(s.workspace, entry))
      .set(bearer(s.owner))
      .send({ action: 'publish', runAt })
      .expect(201);
    expect(created.body).toMatchObject({
      entryId: entry,
      locale: 'en',
      action: 'publish',
      runAt,
      status: 'pending',
      createdBy: s.owner.userId,
      executedAt: null,
      error: null,
    });
    await sut.http
      .post(schedules(s.workspace, entry))
      .set(bearer(s.owner))
      .send({ action: 'publish', runAt: inAMinute() })
      .expect(409)
      .expect((r) =>
        expect(r.body).toMatchObject({
          type: 'urn:quire:problem:content.schedule-exists',
          scheduleId: created.body.id,
        }),
      );

    const listed = await sut.http.get(schedules(s.workspace, entry)).set(bearer(s.owner)).expect(200);
    expect(listed.body.items).toEqual([created.body]);
    // Another locale's list is its own.
    await sut.http
      .post(`/api/v1/workspaces/${s.workspace.slug}/entries/${entry}/locales/de`)
      .set(bearer(s.owner))
      .send({})
      .expect(201);
    expect(
      (
        await sut.http
          .get(schedules(s.workspace, entry, 'de'))
          .set(bearer(s.owner))
          .expect(200)
      ).body,
    ).toEqual({
      items: [],
    });

    await sut.http
      .delete(`${schedules(s.workspace, entry)}/${created.body.id}`)
      .set(bearer(s.owner))
      .expect(204);
    expect((await scheduleRow(created.body.id)).status).toBe('cancelled');
    await sut.http
      .delete(`${schedules(s.workspace, entry)}/${created.body.id}`)
      .set(bearer(s.owner))
      .expect(409)
      .expect((r) => expect(r.body.type).toBe('urn:quire:problem:content.schedule-not-pending'));
    await sut.http
      .delete(`${schedules(s.workspace, entry, 'de')}/${created.body.id}`)
      .set(bearer(s.owner))
      .expect(404)
      .expect((r) => expect(r.body.type).toBe('urn:quire:problem:content.schedule-not-found'));
    // Cancelled, a new one may be scheduled; the cancelled one runs never.
    const again = await schedule(s, entry, 'publish');
    expect(again.status).toBe('pending');
    await sut.dataSource.query(`UPDATE content_schedules SET run_at = now() - interval '1 second' WHERE id = $1`, [
      created.body.id,
    ]);
    await runJob();
    expect((await localeRow(entry)).published_data).toBeNull();
    expect(await eventsOf(sut, s.workspace, 'content.entry.schedule-created')).toHaveLength(2);
    expect(await eventsOf(sut, s.workspace, 'content.entry.schedule-cancelled')).toEqual([
      { scheduleId: created.body.id, entryId: entry, contentType: 'article', locale: 'en', action: 'publish' },
    ]);
  });

  it('the job publishes, then unpublishes, through the entries service, and the scheduler records the run', async () => {
    const s = await site();
    const entry = await seedEntry(sut, s.workspace, s.typeId, { locales: { en: { draft: { title: 'Launch' } } } });
    const publish = await schedule(s, entry, 'publish');
    const notYet = await schedule(s, entry, 'unpublish');
    const generation = await generationOf(sut, s.workspace);
    await makeDue(publish.id);

    const run = await runJob();
    expect(run.affectedRows).toBeGreaterThanOrEqual(1);
    const [recorded] = await sut.dataSource.query(
      `SELECT status, plugin, affected_rows, details FROM quire_job_runs WHERE id = $1`,
      [run.id],
    );
    expect(recorded).toMatchObject({ status: 'succeeded', plugin: 'content' });
    expect(recorded.details).toMatchObject({ published: expect.any(Number), failed: expect.any(Number) });

    expect((await localeRow(entry)).published_data).toMatchObject({ title: 'Launch' });
    expect(await generationOf(sut, s.workspace)).toBeGreaterThan(generation);
    expect((await revisions(entry)).at(-1)).toEqual({
      kind: 'publish',
      locale: 'en',
      actor_type: 'system',
      actor_id: JOB,
    });
    expect(await scheduleRow(publish.id)).toMatchObject({ status: 'done', executed_at: expect.any(Date), error: null });
    expect(await scheduleRow(notYet.id)).toMatchObject({ status: 'pending', executed_at: null });
    expect(await eventsOf(sut, s.workspace, 'content.entry.published')).toEqual([
      expect.objectContaining({ entryId: entry, locale: 'en' }),
    ]);

    await makeDue(notYet.id);
    await runJob();
    expect((await localeRow(entry)).published_data).toBeNull();
    expect((await revisions(entry)).at(-1)).toMatchObject({ kind: 'unpublish', actor_id: JOB });
    expect((await scheduleRow(notYet.id)).status).toBe('done');
    expect(await eventsOf(sut, s.workspace, 'content.entry.unpublished')).toHaveLength(1);

    // Done schedules run once only.
    const revisionCount = (await revisions(entry)).length;
    await runJob();
    expect(await revisions(entry)).toHaveLength(revisionCount);
  });

  it('records a publish that fails validation as failed, with the failing fields, and publishes nothing', async () => {
    const s = await site();
    const broken = await seedEntry(sut, s.workspace, s.typeId, { locales: { en: { draft: { body: 'no title' } } } });
    const fine = await seedEntry(sut, s.workspace, s.typeId, { locales: { en: { draft: { title: 'Fine' } } } });
    const failing = await schedule(s, broken, 'publish');
    const passing = await schedule(s, fine, 'publish');
    await makeDue(failing.id);
    await makeDue(passing.id);
    const revisionsBefore = await revisions(broken);

    await runJob();

    const row = await scheduleRow(failing.id);
    expect(row.status).toBe('failed');
    expect(row.error).toMatchObject({
      code: 'content.publish-invalid',
      errors: [expect.objectContaining({ path: 'title' })],
    });
    expect((await localeRow(broken)).published_data).toBeNull();
    expect(await revisions(broken)).toEqual(revisionsBefore);
    // The other schedule of the batch is not held back by the failure.
    expect((await scheduleRow(passing.id)).status).toBe('done');
    expect((await localeRow(fine)).published_data).toMatchObject({ title: 'Fine' });
    expect(await eventsOf(sut, s.workspace, 'content.entry.schedule-failed')).toEqual([
      {
        scheduleId: failing.id,
        entryId: broken,
        locale: 'en',
        action: 'publish',
        scheduledBy: s.owner.userId,
        code: 'content.publish-invalid',
      },
    ]);
    const listed = await sut.http.get(schedules(s.workspace, broken)).set(bearer(s.owner)).expect(200);
    expect(listed.body.items[0]).toMatchObject({ status: 'failed', error: { code: 'content.publish-invalid' } });
  });

  it('authors may read schedules but not schedule (403); another workspace sees no entry (404)', async () => {
    const s = await site();
    const entry = await seedEntry(sut, s.workspace, s.typeId, { locales: { en: { draft: { title: 'Mine' } } } });
    const author = await signUp(sut, 'sched');
    await addMember(sut, s.workspace, author, 'author');
    const pending = await schedule(s, entry, 'publish');
    await sut.http.get(schedules(s.workspace, entry)).set(bearer(author)).expect(200);
    await sut.http
      .post(schedules(s.workspace, entry))
      .set(bearer(author))
      .send({ action: 'publish', runAt: inAMinute() })
      .expect(403);
    await sut.http
      .delete(`${schedules(s.workspace, entry)}/${pending.id}`)
      .set(bearer(author))
      .expect(403);

    const other = await site();
    await sut.http.get(schedules(other.workspace, entry)).set(bearer(other.owner)).expect(404);
    await sut.http
      .post(schedules(other.workspace, entry))
      .set(bearer(other.owner))
      .send({ action: 'publish', runAt: inAMinute() })
      .expect(404);
    await sut.http
      .delete(`${schedules(other.workspace, entry)}/${pending.id}`)
      .set(bearer(other.owner))
      .expect(404);
    expect((await scheduleRow(pending.id)).status).toBe('pending');
  });
});
