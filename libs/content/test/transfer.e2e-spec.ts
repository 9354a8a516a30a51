import { ContentPlugin } from '@quire/content';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { addMember, bearer, eventsOf, newWorkspace, signUp, type Account, type Workspace } from './trash-fixtures';

const plugins = [IdentityPlugin, WorkspacesPlugin, ContentPlugin];

const authorType = {
  apiId: 'author',
  kind: 'collection',
  name: 'Author',
  fields: [
    { name: 'name', type: 'text', required: true, localized: false },
    { name: 'email', type: 'email', private: true, localized: false },
    { name: 'bio', type: 'longText' },
  ],
};
const postType = {
  apiId: 'post',
  kind: 'collection',
  name: 'Post',
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'slug', type: 'slug', sourceField: 'title' },
    { name: 'author', type: 'relation', target: 'author' },
  ],
  options: { publicRead: true },
};

interface Source {
  sut: TestApp;
  owner: Account;
  workspace: Workspace;
  author: string;
  post: string;
  draftOnly: string;
}

describe('Content import and export', () => {
  let sut: TestApp;
  /** A second installation (its own database): where an export of the first is imported with its ids. */
  let other: TestApp;

  beforeAll(async () => {
    [sut, other] = await Promise.all([createTestApp({ plugins }), createTestApp({ plugins })]);
  });
  afterAll(async () => {
    await Promise.all([sut?.close(), other?.close()]);
  });

  const url = (w: Workspace, path: string) => `/api/v1/workspaces/${w.slug}/${path}`;

  /** A blog made through the management API: two types, an author, a post published in en with a de draft. */
  async function source(app: TestApp): Promise<Source> {
    const owner = await signUp(app, 'transfer');
    const workspace = await newWorkspace(app, owner, 'transfer');
    const as = bearer(owner);
    await app.http.post(url(workspace, 'content-types')).set(as).send(authorType).expect(201);
    await app.http.post(url(workspace, 'content-types')).set(as).send(postType).expect(201);
    const author = (
      await app.http
        .post(url(workspace, 'content-types/author/entries'))
        .set(as)
        .send({ locale: 'en', data: { name: 'Ada', email: 'ada@example.com', bio: 'Engineer' } })
        .expect(201)
    ).body.id;
    await app.http
      .post(url(workspace, `entries/${author}/locales/en/publish`))
      .set(as)
      .expect(200);
    const post = (
      await app.http
        .post(url(workspace, 'content-types/post/entries'))
        .set(as)
        .send({ locale: 'en', data: { title: 'Hello world', author } })
        .expect(201)
    ).body.id;
    await app.http
      .post(url(workspace, `entries/${post}/locales/en/publish`))
      .set(as)
      .expect(200);
    await app.http
      .post(url(workspace, `entries/${post}/locales/de`))
      .set(as)
      .send({ from: 'en' })
      .expect(201);
    await app.http
      .patch(url(workspace, `entries/${post}`))
      .set(as)
      .send({ locale: 'de', data: { title: 'Hallo Welt', slug: 'hallo-welt' } })
      .expect(200);
    // Edited after publishing: the export carries the newer draft and the older published document.
    await app.http
      .patch(url(workspace, `entries/${post}`))
      .set(as)
      .send({ locale: 'en', data: { title: 'Hello, world (edited)' } })
      .expect(200);
    const draftOnly = (
      await app.http
        .post(url(workspace, 'content-types/post/entries'))
        .set(as)
        .send({ locale: 'en', data: { title: 'Draft only' } })
        .expect(201)
    ).body.id;
    return { sut: app, owner, workspace, author, post, draftOnly };
  }

  const localeRows = (app: TestApp, id: string) =>
    app.dataSource.query(
      `SELECT locale, draft_data, published_data, published_at, in_trash FROM content_entry_locales
        WHERE entry_id = $1 ORDER BY locale`,
      [id],
    );

  it('exports as a download and imports into another installation: same types, entries, ids and published state', async () => {
    const from = await source(sut);
    const trashed = (
      await sut.http
        .post(url(from.workspace, 'content-types/post/entries'))
        .set(bearer(from.owner))
        .send({ locale: 'en', data: { title: 'In the trash' } })
        .expect(201)
    ).body.id;
    await sut.http
      .delete(url(from.workspace, `entries/${trashed}`))
      .set(bearer(from.owner))
      .expect(200);

    const exported = await sut.http.get(url(from.workspace, 'content-export')).set(bearer(from.owner)).expect(200);
    expect(exported.headers['content-type']).toMatch(/^application\/json/);
    expect(exported.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="${from.workspace.slug}-content-\\d{4}-\\d{2}-\\d{2}\\.json"$`),
    );
    const doc = exported.body;
    expect(doc).toMatchObject({ format: 'quire.content-export', formatVersion: 1, exportedAt: expect.any(String) });
    const schema = (await sut.http.get(url(from.workspace, 'content-schema')).set(bearer(from.owner)).expect(200)).body;
    expect(doc.schema).toEqual(schema);
    expect(doc.entries.map((e: { id: string }) => e.id).sort()).toEqual(
      [from.author, from.post, from.draftOnly].sort(),
    );
    const post = doc.entries.find((e: { id: string }) => e.id === from.post);
    expect(post).toMatchObject({
      contentType: 'post',
      shared: { author: from.author },
      locales: {
        en: {
          draft: { title: 'Hello, world (edited)', slug: 'hello-world' },
          published: { title: 'Hello world', slug: 'hello-world', author: from.author },
          publishedAt: expect.any(String),
        },
        de: { draft: { title: 'Hallo Welt', slug: 'hallo-welt' }, published: null, publishedAt: null },
      },
    });
    // Private fields are in the export (it is the workspace's own data) but not in published documents.
    const author = doc.entries.find((e: { id: string }) => e.id === from.author);
    expect(author.shared.email).toBe('ada@example.com');
    expect(author.locales.en.published.email).toBeUndefined();

    const owner = await signUp(other, 'import');
    const target = await newWorkspace(other, owner, 'import');
    const generations = async () =>
      Number(
        (
          await other.dataSource.query(`SELECT generation FROM content_delivery_generations WHERE workspace_id = $1`, [
            target.id,
          ])
        )[0]?.generation ?? 0,
      );
    const dry = await other.http
      .post(url(target, 'content-import?dryRun=true'))
      .set(bearer(owner))
      .send(doc)
      .expect(200);
    expect(dry.body).toEqual({
      dryRun: true,
      schema: { created: ['author', 'post'], updated: [] },
      entries: { created: 3, updated: 0 },
    });
    expect(await other.dataSource.query(`SELECT 1 FROM content_types WHERE workspace_id = $1`, [target.id])).toEqual(
      [],
    );

    const imported = await other.http.post(url(target, 'content-import')).set(bearer(owner)).send(doc).expect(200);
    expect(imported.body).toEqual({
      dryRun: false,
      schema: { created: ['author', 'post'], updated: [] },
      entries: { created: 3, updated: 0 },
    });
    const importedSchema = (await other.http.get(url(target, 'content-schema')).set(bearer(owner)).expect(200)).body;
    expect(importedSchema).toEqual(schema);
    for (const id of [from.author, from.post, from.draftOnly]) {
      const before = await localeRows(sut, id);
      const after = await localeRows(other, id);
      expect(after).toEqual(before);
    }
    // Read back through the entry API: same data, same per-locale status.
    const [a, b] = await Promise.all([
      sut.http
        .get(url(from.workspace, `entries/${from.post}`))
        .query({ locale: 'en' })
        .set(bearer(from.owner)),
      other.http
        .get(url(target, `entries/${from.post}`))
        .query({ locale: 'en' })
        .set(bearer(owner)),
    ]);
    expect(b.status).toBe(200);
    expect(b.body.data).toEqual(a.body.data);
    const statuses = (body: { locales: Array<{ locale: string; status: string }> }) =>
      body.locales.map((l) => [l.locale, l.status]).sort();
    expect(statuses(b.body)).toEqual(statuses(a.body));
    expect(statuses(b.body)).toEqual([
      ['de', 'draft'],
      ['en', 'changed'],
    ]);
    // A draft that is what was published stays "published" (not "changed since") after the import.
    const importedAuthor = await other.http
      .get(url(target, `entries/${from.author}`))
      .set(bearer(owner))
      .expect(200);
    expect(statuses(importedAuthor.body)).toEqual([['en', 'published']]);
    const links = await other.dataSource.query(
      `SELECT field_path, target_id FROM content_references WHERE source_entry_id = $1`,
      [from.post],
    );
    expect(links).toEqual([{ field_path: 'author', target_id: from.author }]);
    const revisions = await other.dataSource.query(
      `SELECT kind, actor_id FROM content_revisions WHERE entry_id = $1 ORDER BY number`,
      [from.post],
    );
    expect(revisions).toEqual([{ kind: 'import', actor_id: owner.userId }]);
    expect(await other.dataSource.query(`SELECT 1 FROM content_entries WHERE id = $1`, [trashed])).toEqual([]);
    expect(await generations()).toBeGreaterThan(0);
    const [event] = await other.dataSource.query(
      `SELECT payload FROM quire_outbox WHERE workspace_id = $1 AND event_name = 'content.import.completed'`,
      [target.id],
    );
    expect(event.payload).toEqual({ contentTypes: 2, entries: 3 });

    // Importing again overwrites by id: nothing new, three updated, one more revision each.
    const again = await other.http.post(url(target, 'content-import')).set(bearer(owner)).send(doc).expect(200);
    expect(again.body.entries).toEqual({ created: 0, updated: 3 });
    expect(again.body.schema).toEqual({ created: [], updated: [] });
    const count = await other.dataSource.query(
      `SELECT count(*)::int AS n FROM content_entries WHERE workspace_id = $1`,
      [target.id],
    );
    expect(count).toEqual([{ n: 3 }]);
  });

  it('refuses an invalid export as a whole, listing entries[i] paths, and writes nothing', async () => {
    const from = await source(sut);
    const doc = (await sut.http.get(url(from.workspace, 'content-export')).set(bearer(from.owner)).expect(200)).body;
    const owner = await signUp(other, 'invalid');
    const target = await newWorkspace(other, owner, 'invalid');
    const index = (id: string) => doc.entries.findIndex((e: { id: string }) => e.id === id);
    const broken = structuredClone(doc);
    broken.entries[index(from.post)].locales.en.draft.title = 42;
    broken.entries[index(from.post)].shared.author = '0192f0c4-7a3e-7c1d-8e2f-000000000bad';
    broken.entries[index(from.author)].locales.en.published = { bio: 'no name' };
    broken.entries[index(from.draftOnly)].locales.fr = {
      draft: { title: 'Bonjour' },
      published: null,
      publishedAt: null,
    };

    const response = await other.http.post(url(target, 'content-import')).set(bearer(owner)).send(broken).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.type).toBe('urn:quire:problem:core.validation-failed');
    const paths = response.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        `entries[${index(from.post)}].locales.en.draft.title`,
        `entries[${index(from.author)}].locales.en.published.name`,
        `entries[${index(from.draftOnly)}].locales.fr`,
      ]),
    );
    for (const table of ['content_types', 'content_entries', 'content_entry_locales', 'content_references']) {
      expect(await other.dataSource.query(`SELECT 1 FROM ${table} WHERE workspace_id = $1`, [target.id])).toEqual([]);
    }

    // The shapes right, one relation to nowhere: found only once rows are in, and still nothing is written.
    const dangling = structuredClone(doc);
    dangling.entries[index(from.post)].shared.author = '0192f0c4-7a3e-7c1d-8e2f-000000000bad';
    const refused = await other.http.post(url(target, 'content-import')).set(bearer(owner)).send(dangling).expect(400);
    expect(refused.body.errors).toEqual([
      { path: `entries[${index(from.post)}].shared.author`, message: expect.stringContaining('no live entry') },
    ]);
    for (const table of ['content_types', 'content_entries']) {
      expect(await other.dataSource.query(`SELECT 1 FROM ${table} WHERE workspace_id = $1`, [target.id])).toEqual([]);
    }
    expect(await eventsOf(other, target, 'content.import.completed')).toEqual([]);

    // Not an export at all.
    const envelope = await other.http
      .post(url(target, 'content-import'))
      .set(bearer(owner))
      .send({ format: 'something-else', entries: [{ id: 'x' }] })
      .expect(400);
    expect(envelope.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['format', 'formatVersion', 'schema', 'entries[0].id', 'entries[0].locales']),
    );
  });

  it('refuses ids that another workspace holds (409, nothing written, nothing disclosed)', async () => {
    const from = await source(sut);
    const doc = (await sut.http.get(url(from.workspace, 'content-export')).set(bearer(from.owner)).expect(200)).body;
    const owner = await signUp(sut, 'thief');
    const target = await newWorkspace(sut, owner, 'thief');
    const response = await sut.http.post(url(target, 'content-import')).set(bearer(owner)).send(doc).expect(409);
    expect(response.body.type).toBe('urn:quire:problem:content.import-id-conflict');
    expect(response.body.errors).toHaveLength(3);
    expect(JSON.stringify(response.body)).not.toContain(from.workspace.slug);
    expect(JSON.stringify(response.body)).not.toContain('Ada');
    for (const table of ['content_types', 'content_entries']) {
      expect(await sut.dataSource.query(`SELECT 1 FROM ${table} WHERE workspace_id = $1`, [target.id])).toEqual([]);
    }
    // The source workspace is untouched.
    const [row] = await sut.dataSource.query(`SELECT workspace_id, shared_data FROM content_entries WHERE id = $1`, [
      from.author,
    ]);
    expect(row).toEqual({ workspace_id: from.workspace.id, shared_data: { name: 'Ada', email: 'ada@example.com' } });
  });

  it('streams large workspaces in batches: every live entry once, in id order, as one JSON document', async () => {
    const owner = await signUp(sut, 'bulk');
    const workspace = await newWorkspace(sut, owner, 'bulk');
    await sut.http.post(url(workspace, 'content-types')).set(bearer(owner)).send(authorType).expect(201);
    const [{ id: typeId }] = await sut.dataSource.query(`SELECT id FROM content_types WHERE workspace_id = $1`, [
      workspace.id,
    ]);
    // 1,201 entries (batches of 500: two full ones and one of 201), plus 3 trashed that must not appear.
    await sut.dataSource.query(
      `WITH made AS (
         INSERT INTO content_entries (id, workspace_id, content_type_id, shared_data, deleted_at)
         SELECT gen_random_uuid(), $1, $2, jsonb_build_object('name', 'Author ' || n), CASE WHEN n > 1201 THEN now() END
           FROM generate_series(1, 1204) AS n
         RETURNING id, shared_data)
       INSERT INTO content_entry_locales (id, workspace_id, entry_id, content_type_id, locale, draft_data)
       SELECT gen_random_uuid(), $1, id, $2, 'en', jsonb_build_object('bio', shared_data->>'name') FROM made`,
      [workspace.id, typeId],
    );
    const response = await sut.http.get(url(workspace, 'content-export')).set(bearer(owner)).expect(200);
    const ids: string[] = response.body.entries.map((e: { id: string }) => e.id);
    expect(ids).toHaveLength(1201);
    expect(new Set(ids).size).toBe(1201);
    expect([...ids].sort()).toEqual(ids);
    const live = await sut.dataSource.query(
      `SELECT id FROM content_entries WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY id`,
      [workspace.id],
    );
    expect(ids).toEqual(live.map((r: { id: string }) => r.id));
    expect(response.body.entries[0].locales.en.draft.bio).toMatch(/^Author \d+$/);
  });

  it('is for owners and admins: an editor may neither export nor import (403)', async () => {
    const from = await source(sut);
    const editor = await signUp(sut, 'editor');
    await addMember(sut, from.workspace, editor, 'editor');
    const exported = await sut.http.get(url(from.workspace, 'content-export')).set(bearer(editor)).expect(403);
    expect(exported.body.type).toBe('urn:quire:problem:core.forbidden');
    await sut.http
      .post(url(from.workspace, 'content-import'))
      .set(bearer(editor))
      .send({ format: 'quire.content-export', formatVersion: 1, schema: {}, entries: [] })
      .expect(403);
  });
});
