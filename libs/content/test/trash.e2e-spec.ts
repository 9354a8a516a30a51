import { CompliancePlugin } from '@quire/compliance';
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

const author: ContentTypeDefinition = {
  apiId: 'author',
  kind: 'collection',
  name: 'Author',
  fields: [
    { name: 'name', type: 'text', localized: false },
    { name: 'bio', type: 'longText' },
  ],
};
const category: ContentTypeDefinition = {
  apiId: 'category',
  kind: 'collection',
  name: 'Category',
  fields: [{ name: 'name', type: 'text' }],
};
const post: ContentTypeDefinition = {
  apiId: 'post',
  kind: 'collection',
  name: 'Post',
  fields: [
    { name: 'title', type: 'text' },
    { name: 'slug', type: 'slug', sourceField: 'title' },
    // Default rule: restrict.
    { name: 'author', type: 'relation', target: 'author', localized: false },
    { name: 'categories', type: 'relation', target: 'category', multiple: true, onDelete: 'detach', localized: true },
  ],
};

interface Blog {
  workspace: Workspace;
  owner: Account;
  types: { author: string; category: string; post: string };
}

describe('Content trash', () => {
  let sut: TestApp;

  beforeAll(async () => {
    // Compliance too: its retention engine runs the policy content.trashed-entries.
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin, CompliancePlugin] });
  });
  afterAll(async () => {
    await sut?.close();
  });

  async function blog(): Promise<Blog> {
    const owner = await signUp(sut);
    const workspace = await newWorkspace(sut, owner);
    return {
      owner,
      workspace,
      types: {
        author: await seedType(sut, workspace, author),
        category: await seedType(sut, workspace, category),
        post: await seedType(sut, workspace, post),
      },
    };
  }

  const url = (w: Workspace, path: string) => `/api/v1/workspaces/${w.slug}/${path}`;
  const entryRow = async (id: string) =>
    (
      await sut.dataSource.query(
        `SELECT deleted_at, deleted_by, shared_data, revision FROM content_entries WHERE id = $1`,
        [id],
      )
    )[0] as
      | { deleted_at: Date | null; deleted_by: string | null; shared_data: Record<string, unknown>; revision: number }
      | undefined;
  const localeRows = async (id: string) =>
    (await sut.dataSource.query(
      `SELECT locale, draft_data, in_trash, published_data IS NOT NULL AS published FROM content_entry_locales
        WHERE entry_id = $1 ORDER BY locale`,
      [id],
    )) as Array<{ locale: string; draft_data: Record<string, unknown>; in_trash: boolean; published: boolean }>;
  /** What the delivery read sees: published, not trashed rows (the partial delivery index's condition). */
  const delivered = async (id: string) =>
    (
      await sut.dataSource.query(
        `SELECT locale FROM content_entry_locales WHERE entry_id = $1 AND published_data IS NOT NULL AND NOT in_trash ORDER BY locale`,
        [id],
      )
    ).map((r: { locale: string }) => r.locale);

  describe('DELETE entries/{id}: moving to the trash', () => {
    it('trashes an entry: out of delivery, listed in the trash with a title and purge date, event and generation bump', async () => {
      const { workspace, owner, types } = await blog();
      const id = await seedEntry(sut, workspace, types.post, {
        locales: {
          en: { draft: { title: 'Hello', slug: 'hello' }, published: true },
          de: { draft: { title: 'Hallo', slug: 'hallo' }, published: true },
        },
        createdBy: owner.userId,
      });
      expect(await delivered(id)).toEqual(['de', 'en']);
      const generation = await generationOf(sut, workspace);

      const response = await sut.http
        .delete(url(workspace, `entries/${id}`))
        .set(bearer(owner))
        .expect(200);
      expect(response.body).toEqual({
        id,
        contentType: 'post',
        deletedAt: expect.any(String),
        purgeAt: expect.any(String),
        detachedFrom: [],
      });
      // A free workspace keeps trashed entries 14 days.
      expect(Date.parse(response.body.purgeAt) - Date.parse(response.body.deletedAt)).toBe(14 * 86_400_000);

      const row = await entryRow(id);
      expect(row?.deleted_at).not.toBeNull();
      expect(row?.deleted_by).toBe(owner.userId);
      expect((await localeRows(id)).map((l) => l.in_trash)).toEqual([true, true]);
      expect(await delivered(id)).toEqual([]);
      expect(await generationOf(sut, workspace)).toBeGreaterThan(generation);
      expect(await eventsOf(sut, workspace, 'content.entry.deleted')).toEqual([{ entryId: id, contentType: 'post' }]);
      const [revision] = await sut.dataSource.query(
        `SELECT number, kind, actor_id FROM content_revisions WHERE entry_id = $1 ORDER BY number DESC LIMIT 1`,
        [id],
      );
      expect(revision).toEqual({ number: 2, kind: 'trash', actor_id: owner.userId });

      const trash = await sut.http.get(url(workspace, 'trash')).set(bearer(owner)).expect(200);
      expect(trash.body).toEqual({
        data: [
          {
            id,
            contentType: 'post',
            title: 'Hello',
            deletedAt: response.body.deletedAt,
            deletedById: owner.userId,
            purgeAt: response.body.purgeAt,
          },
        ],
        meta: { page: 1, pageSize: 20, total: 1, pageCount: 1 },
      });

      // A second DELETE: the entry is no longer live, so it is not found.
      const again = await sut.http
        .delete(url(workspace, `entries/${id}`))
        .set(bearer(owner))
        .expect(404);
      expect(again.body.type).toBe('urn:quire:problem:content.entry-not-found');
    });

    it('is out of the entry routes: GET entries/{id} is a 404 like an id that never existed', async () => {
      const { workspace, owner, types } = await blog();
      const id = await seedEntry(sut, workspace, types.post, {
        locales: { en: { draft: { title: 'Gone', slug: 'gone' } } },
        createdBy: owner.userId,
      });
      await sut.http
        .delete(url(workspace, `entries/${id}`))
        .set(bearer(owner))
        .expect(200);
      const response = await sut.http.get(url(workspace, `entries/${id}`)).set(bearer(owner));
      expect(response.status).toBe(404);
      expect(response.body.type).toBe('urn:quire:problem:content.entry-not-found');
    });

    it('refuses (409) an entry that a live entry links to through a restrict field, and changes nothing', async () => {
      const { workspace, owner, types } = await blog();
      const ada = await seedEntry(sut, workspace, types.author, {
        shared: { name: 'Ada' },
        locales: { en: { draft: {}, published: true } },
      });
      const first = await seedEntry(sut, workspace, types.post, {
        shared: { author: ada },
        locales: { en: { draft: { title: 'One', slug: 'one' } } },
        links: [{ field: 'author', target: ada }],
      });
      const second = await seedEntry(sut, workspace, types.post, {
        shared: { author: ada },
        locales: { en: { draft: { title: 'Two', slug: 'two' } } },
        links: [{ field: 'author', target: ada }],
      });
      const generation = await generationOf(sut, workspace);

      const response = await sut.http
        .delete(url(workspace, `entries/${ada}`))
        .set(bearer(owner))
        .expect(409);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        type: 'urn:quire:problem:content.entry-referenced',
        rule: 'restrict',
        referencedBy: expect.arrayContaining([
          { entryId: first, contentType: 'post', field: 'author', locale: null },
          { entryId: second, contentType: 'post', field: 'author', locale: null },
        ]),
      });
      expect(response.body.referencedBy).toHaveLength(2);
      expect((await entryRow(ada))?.deleted_at).toBeNull();
      expect(await delivered(ada)).toEqual(['en']);
      expect((await entryRow(first))?.shared_data).toEqual({ author: ada });
      expect(await generationOf(sut, workspace)).toBe(generation);
      expect(await eventsOf(sut, workspace, 'content.entry.deleted')).toEqual([]);

      // Links from entries already in the trash do not hold it back.
      await sut.http
        .delete(url(workspace, `entries/${first}`))
        .set(bearer(owner))
        .expect(200);
      await sut.http
        .delete(url(workspace, `entries/${second}`))
        .set(bearer(owner))
        .expect(200);
      await sut.http
        .delete(url(workspace, `entries/${ada}`))
        .set(bearer(owner))
        .expect(200);
    });

    it('detaches links through detach fields: drafts lose the id, references are rewritten, a revision is recorded', async () => {
      const { workspace, owner, types } = await blog();
      const news = await seedEntry(sut, workspace, types.category, { locales: { en: { draft: { name: 'News' } } } });
      const tech = await seedEntry(sut, workspace, types.category, { locales: { en: { draft: { name: 'Tech' } } } });
      const postId = await seedEntry(sut, workspace, types.post, {
        locales: {
          en: { draft: { title: 'Both', slug: 'both', categories: [news, tech] }, published: true },
          de: { draft: { title: 'Beide', slug: 'beide', categories: [news] } },
        },
        links: [
          { locale: 'en', field: 'categories', target: news },
          { locale: 'en', field: 'categories', target: tech },
          { locale: 'de', field: 'categories', target: news },
        ],
      });

      const response = await sut.http
        .delete(url(workspace, `entries/${news}`))
        .set(bearer(owner))
        .expect(200);
      expect(response.body.detachedFrom).toEqual([
        { entryId: postId, contentType: 'post', fields: ['categories'], revision: 2 },
      ]);
      const locales = await localeRows(postId);
      expect(locales.map((l) => [l.locale, l.draft_data.categories])).toEqual([
        ['de', []],
        ['en', [tech]],
      ]);
      // The published document is what it was: only a publish changes it.
      const [published] = await sut.dataSource.query(
        `SELECT published_data FROM content_entry_locales WHERE entry_id = $1 AND locale = 'en'`,
        [postId],
      );
      expect(published.published_data.categories).toEqual([news, tech]);
      const links = await sut.dataSource.query(
        `SELECT locale, target_id FROM content_references WHERE source_entry_id = $1 ORDER BY locale`,
        [postId],
      );
      expect(links).toEqual([{ locale: 'en', target_id: tech }]);
      const [revision] = await sut.dataSource.query(
        `SELECT number, kind, locale, snapshot, diff FROM content_revisions WHERE entry_id = $1 ORDER BY number DESC LIMIT 1`,
        [postId],
      );
      expect(revision).toMatchObject({ number: 2, kind: 'reference-removed', locale: null });
      expect(revision.snapshot.locales.en.categories).toEqual([tech]);
      expect(revision.diff.length).toBeGreaterThan(0);
      expect((await entryRow(postId))?.revision).toBe(2);
      expect(await eventsOf(sut, workspace, 'content.entry.updated')).toEqual([
        { entryId: postId, contentType: 'post', locale: null, revision: 2, changed: ['categories'] },
      ]);
    });

    it('lets a viewer read the trash but not trash, and an author trash only their own entries', async () => {
      const { workspace, owner, types } = await blog();
      const viewer = await signUp(sut);
      const writer = await signUp(sut);
      await addMember(sut, workspace, viewer, 'viewer');
      await addMember(sut, workspace, writer, 'author');
      const owners = await seedEntry(sut, workspace, types.post, {
        locales: { en: { draft: { title: 'Owner', slug: 'owner' } } },
        createdBy: owner.userId,
      });
      const writers = await seedEntry(sut, workspace, types.post, {
        locales: { en: { draft: { title: 'Writer', slug: 'writer' } } },
        createdBy: writer.userId,
      });

      const refused = await sut.http
        .delete(url(workspace, `entries/${owners}`))
        .set(bearer(viewer))
        .expect(403);
      expect(refused.body.type).toBe('urn:quire:problem:core.forbidden');
      await sut.http
        .delete(url(workspace, `entries/${owners}`))
        .set(bearer(writer))
        .expect(403);
      expect((await entryRow(owners))?.deleted_at).toBeNull();
      await sut.http
        .delete(url(workspace, `entries/${writers}`))
        .set(bearer(writer))
        .expect(200);

      const list = await sut.http.get(url(workspace, 'trash')).set(bearer(viewer)).expect(200);
      expect(list.body.data.map((i: { id: string }) => i.id)).toEqual([writers]);
      await sut.http
        .post(url(workspace, `trash/${writers}/restore`))
        .set(bearer(viewer))
        .expect(403);
      await sut.http
        .delete(url(workspace, `trash/${writers}`))
        .set(bearer(viewer))
        .expect(403);
      expect((await entryRow(writers))?.deleted_at).not.toBeNull();
      await sut.http
        .post(url(workspace, `trash/${writers}/restore`))
        .set(bearer(writer))
        .expect(200);
    });

    it('answers a bad id with a 400 naming it', async () => {
      const { workspace, owner } = await blog();
      const response = await sut.http.delete(url(workspace, 'entries/not-a-uuid')).set(bearer(owner)).expect(400);
      expect(response.body.errors).toEqual([{ path: 'id', message: expect.any(String) }]);
    });
  });

  describe('GET trash', () => {
    it('filters by content type and deletedAt, sorts newest first, and refuses unknown fields', async () => {
      const { workspace, owner, types } = await blog();
      const ids: string[] = [];
      for (const [type, data] of [
        [types.post, { title: 'P1', slug: 'p1' }],
        [types.category, { name: 'C1' }],
        [types.post, { title: 'P2', slug: 'p2' }],
      ] as const) {
        const id = await seedEntry(sut, workspace, type, { locales: { en: { draft: data } } });
        await sut.http
          .delete(url(workspace, `entries/${id}`))
          .set(bearer(owner))
          .expect(200);
        ids.push(id);
      }
      await sut.dataSource.query(
        `UPDATE content_entries SET deleted_at = now() - make_interval(hours => array_position($1::uuid[], id))
          WHERE id = ANY($1)`,
        [[...ids].reverse()],
      );
      const all = await sut.http.get(url(workspace, 'trash')).set(bearer(owner)).expect(200);
      expect(all.body.data.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1], ids[0]]);
      const posts = await sut.http
        .get(url(workspace, 'trash'))
        .query({ 'filter[contentType]': 'post', sort: 'deletedAt' })
        .set(bearer(owner))
        .expect(200);
      expect(posts.body.data.map((i: { id: string; title: string }) => [i.id, i.title])).toEqual([
        [ids[0], 'P1'],
        [ids[2], 'P2'],
      ]);
      const [{ deleted_at: secondDeletedAt }] = await sut.dataSource.query(
        `SELECT deleted_at FROM content_entries WHERE id = $1`,
        [ids[1]],
      );
      const recent = await sut.http
        .get(url(workspace, 'trash'))
        .query({ 'filter[deletedAt][gte]': new Date(secondDeletedAt).toISOString(), fields: 'id' })
        .set(bearer(owner))
        .expect(200);
      expect(recent.body.data).toEqual([{ id: ids[2] }, { id: ids[1] }]);
      const bad = await sut.http
        .get(url(workspace, 'trash'))
        .query({ 'filter[title]': 'x', sort: 'nope' })
        .set(bearer(owner))
        .expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['filter[title]', 'sort']);
    });
  });

  describe('POST trash/{id}/restore', () => {
    it('brings the entry back: published locales delivered again, event, generation bump, a revision', async () => {
      const { workspace, owner, types } = await blog();
      const id = await seedEntry(sut, workspace, types.post, {
        locales: {
          en: { draft: { title: 'Back', slug: 'back' }, published: true },
          de: { draft: { title: 'Zurück' } },
        },
      });
      await sut.http
        .delete(url(workspace, `entries/${id}`))
        .set(bearer(owner))
        .expect(200);
      const generation = await generationOf(sut, workspace);

      const response = await sut.http
        .post(url(workspace, `trash/${id}/restore`))
        .set(bearer(owner))
        .expect(200);
      expect(response.body).toEqual({ id, contentType: 'post', revision: 3, detached: [] });
      expect((await entryRow(id))?.deleted_at).toBeNull();
      expect(await delivered(id)).toEqual(['en']);
      expect((await localeRows(id)).map((l) => l.in_trash)).toEqual([false, false]);
      expect(await generationOf(sut, workspace)).toBeGreaterThan(generation);
      expect(await eventsOf(sut, workspace, 'content.entry.restored')).toEqual([{ entryId: id, contentType: 'post' }]);
      const trash = await sut.http.get(url(workspace, 'trash')).set(bearer(owner)).expect(200);
      expect(trash.body.data).toEqual([]);
      // Live now: restoring again is a 404 (only trashed entries can be restored).
      await sut.http
        .post(url(workspace, `trash/${id}/restore`))
        .set(bearer(owner))
        .expect(404);
    });

    it('refuses (409) when another entry took its slug meanwhile, naming the field, and changes nothing', async () => {
      const { workspace, owner, types } = await blog();
      const id = await seedEntry(sut, workspace, types.post, {
        locales: {
          en: { draft: { title: 'Hello', slug: 'hello' }, published: true },
          de: { draft: { title: 'Hallo', slug: 'hallo' } },
        },
      });
      await sut.http
        .delete(url(workspace, `entries/${id}`))
        .set(bearer(owner))
        .expect(200);
      // Another post takes the English slug; a German post using "hello" is no conflict (slugs are per locale).
      await seedEntry(sut, workspace, types.post, { locales: { en: { draft: { title: 'Other', slug: 'hello' } } } });
      await seedEntry(sut, workspace, types.post, { locales: { de: { draft: { title: 'Andere', slug: 'hello' } } } });
      const generation = await generationOf(sut, workspace);

      const response = await sut.http
        .post(url(workspace, `trash/${id}/restore`))
        .set(bearer(owner))
        .expect(409);
      expect(response.body.type).toBe('urn:quire:problem:content.trash-restore-conflict');
      expect(response.body.errors).toEqual([{ path: 'en.slug', message: expect.stringContaining('"hello"') }]);
      expect((await entryRow(id))?.deleted_at).not.toBeNull();
      expect((await localeRows(id)).map((l) => l.in_trash)).toEqual([true, true]);
      expect(await generationOf(sut, workspace)).toBe(generation);
      expect(await eventsOf(sut, workspace, 'content.entry.restored')).toEqual([]);
    });

    it('removes links to entries erased while it was in the trash', async () => {
      const { workspace, owner, types } = await blog();
      const ada = await seedEntry(sut, workspace, types.author, {
        shared: { name: 'Ada' },
        locales: { en: { draft: {} } },
      });
      const postId = await seedEntry(sut, workspace, types.post, {
        shared: { author: ada },
        locales: { en: { draft: { title: 'Orphan', slug: 'orphan' } } },
        links: [{ field: 'author', target: ada }],
      });
      await sut.http
        .delete(url(workspace, `entries/${postId}`))
        .set(bearer(owner))
        .expect(200);
      await sut.http
        .delete(url(workspace, `entries/${ada}`))
        .set(bearer(owner))
        .expect(200);
      await sut.http
        .delete(url(workspace, `trash/${ada}`))
        .set(bearer(owner))
        .expect(204);

      const response = await sut.http
        .post(url(workspace, `trash/${postId}/restore`))
        .set(bearer(owner))
        .expect(200);
      expect(response.body.detached).toEqual([{ field: 'author', locale: null, targetId: ada }]);
      expect((await entryRow(postId))?.shared_data).toEqual({ author: null });
      expect(
        await sut.dataSource.query(`SELECT 1 FROM content_references WHERE source_entry_id = $1`, [postId]),
      ).toEqual([]);
    });
  });

  describe('DELETE trash/{id}', () => {
    it('deletes a trashed entry for good with its locales, revisions and links; a live entry is a 404 here', async () => {
      const { workspace, owner, types } = await blog();
      const tag = await seedEntry(sut, workspace, types.category, { locales: { en: { draft: { name: 'T' } } } });
      const id = await seedEntry(sut, workspace, types.post, {
        locales: { en: { draft: { title: 'Bye', slug: 'bye', categories: [tag] }, published: true } },
        links: [{ locale: 'en', field: 'categories', target: tag }],
      });
      const live = await sut.http
        .delete(url(workspace, `trash/${id}`))
        .set(bearer(owner))
        .expect(404);
      expect(live.body.type).toBe('urn:quire:problem:content.entry-not-found');
      expect(await entryRow(id)).toBeDefined();

      await sut.http
        .delete(url(workspace, `entries/${id}`))
        .set(bearer(owner))
        .expect(200);
      await sut.http
        .delete(url(workspace, `trash/${id}`))
        .set(bearer(owner))
        .expect(204);
      expect(await entryRow(id)).toBeUndefined();
      for (const table of ['content_entry_locales', 'content_revisions']) {
        expect(await sut.dataSource.query(`SELECT 1 FROM ${table} WHERE entry_id = $1`, [id])).toEqual([]);
      }
      expect(await sut.dataSource.query(`SELECT 1 FROM content_references WHERE source_entry_id = $1`, [id])).toEqual(
        [],
      );
      expect(await eventsOf(sut, workspace, 'content.entry.purged')).toEqual([
        { entryId: id, contentType: 'post', purged: false },
      ]);
      await sut.http
        .delete(url(workspace, `trash/${id}`))
        .set(bearer(owner))
        .expect(404);
      // The category it linked to is untouched.
      expect((await entryRow(tag))?.deleted_at).toBeNull();
    });
  });

  it("answers 404 on every trash route for another workspace's entry, and changes nothing", async () => {
    const mine = await blog();
    const theirs = await blog();
    const live = await seedEntry(sut, theirs.workspace, theirs.types.post, {
      locales: { en: { draft: { title: 'Theirs', slug: 'theirs' } } },
    });
    const trashed = await seedEntry(sut, theirs.workspace, theirs.types.post, {
      locales: { en: { draft: { title: 'Trashed', slug: 'trashed' } } },
    });
    await sut.http
      .delete(url(theirs.workspace, `entries/${trashed}`))
      .set(bearer(theirs.owner))
      .expect(200);
    const as = bearer(mine.owner);
    for (const response of [
      await sut.http.delete(url(mine.workspace, `entries/${live}`)).set(as),
      await sut.http.post(url(mine.workspace, `trash/${trashed}/restore`)).set(as),
      await sut.http.delete(url(mine.workspace, `trash/${trashed}`)).set(as),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.type).toBe('urn:quire:problem:content.entry-not-found');
    }
    const list = await sut.http.get(url(mine.workspace, 'trash')).set(as).expect(200);
    expect(list.body.data).toEqual([]);
    // Their workspace's own routes are not the attacker's: 404 on the workspace itself.
    const foreign = await sut.http.get(url(theirs.workspace, 'trash')).set(as).expect(404);
    expect(foreign.body.type).toBe('urn:quire:problem:core.workspace-not-found');
    expect((await entryRow(live))?.deleted_at).toBeNull();
    expect((await entryRow(trashed))?.deleted_at).not.toBeNull();
  });

  describe('the purge (retention policy content.trashed-entries)', () => {
    it("erases entries trashed longer than the plan's days, keeps the others, and records the run", async () => {
      const free = await blog();
      const scale = await blog();
      await sut.dataSource.query(`UPDATE workspaces SET plan = 'scale' WHERE id = $1`, [scale.workspace.id]);
      const trashedDaysAgo = async (b: Blog, days: number, title: string) => {
        const id = await seedEntry(sut, b.workspace, b.types.post, {
          locales: { en: { draft: { title, slug: title }, published: true } },
        });
        await sut.http
          .delete(url(b.workspace, `entries/${id}`))
          .set(bearer(b.owner))
          .expect(200);
        await sut.dataSource.query(
          `UPDATE content_entries SET deleted_at = now() - make_interval(days => $2) WHERE id = $1`,
          [id, days],
        );
        return id;
      };
      const freeOld = await trashedDaysAgo(free, 15, 'free-old');
      const freeRecent = await trashedDaysAgo(free, 13, 'free-recent');
      const scaleMid = await trashedDaysAgo(scale, 15, 'scale-mid');
      const scaleOld = await trashedDaysAgo(scale, 61, 'scale-old');
      const live = await seedEntry(sut, free.workspace, free.types.post, {
        locales: { en: { draft: { title: 'live', slug: 'live' } } },
      });
      const freeGeneration = await generationOf(sut, free.workspace);

      const operator = await signUp(sut, 'operator');
      await sut.dataSource.query(`UPDATE identity_users SET platform_admin = true WHERE id = $1`, [operator.userId]);
      const purge = () =>
        sut.http
          .post('/api/v1/retention/runs')
          .set(bearer(operator))
          .send({ policies: ['content.trashed-entries'] })
          .expect(200);
      const run = (await purge()).body;
      expect(run).toMatchObject({
        status: 'succeeded',
        results: [{ policy: 'content.trashed-entries', rowsAffected: 2 }],
      });
      const [recorded] = await sut.dataSource.query(
        `SELECT r.status, x.rows_affected::int AS rows_affected, x.policy
           FROM compliance_retention_runs r JOIN compliance_retention_results x ON x.run_id = r.id WHERE r.id = $1`,
        [run.id],
      );
      expect(recorded).toEqual({ status: 'succeeded', rows_affected: 2, policy: 'content.trashed-entries' });

      expect(await entryRow(freeOld)).toBeUndefined();
      expect(await entryRow(scaleOld)).toBeUndefined();
      expect(await entryRow(freeRecent)).toBeDefined();
      expect(await entryRow(scaleMid)).toBeDefined();
      expect((await entryRow(live))?.deleted_at).toBeNull();
      expect(await sut.dataSource.query(`SELECT 1 FROM content_entry_locales WHERE entry_id = $1`, [freeOld])).toEqual(
        [],
      );
      expect(await eventsOf(sut, free.workspace, 'content.entry.purged')).toEqual([
        { entryId: freeOld, contentType: 'post', purged: true },
      ]);
      expect(await eventsOf(sut, scale.workspace, 'content.entry.purged')).toEqual([
        { entryId: scaleOld, contentType: 'post', purged: true },
      ]);
      expect(await generationOf(sut, free.workspace)).toBeGreaterThan(freeGeneration);

      // Nothing left to purge: the next run erases nothing.
      const next = (await purge()).body;
      expect(next).toMatchObject({ status: 'succeeded', results: [{ rowsAffected: 0 }] });
    });
  });
});
