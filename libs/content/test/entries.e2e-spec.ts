import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, expectValidationProblem, type TestApp } from '@quire/testing';
import { ContentPlugin } from '../src/content.plugin';
import type { ContentTypeDefinition } from '../src/schema/field-definition';
import { bearer, entriesHelpers, type Account, type Workspace } from './entries-support';

const AUTHOR_TYPE: ContentTypeDefinition = {
  apiId: 'author',
  kind: 'collection',
  name: 'Author',
  fields: [
    { name: 'name', type: 'text', required: true, localized: false, maxLength: 80 },
    { name: 'bio', type: 'longText' },
  ],
};

const POST_TYPE: ContentTypeDefinition = {
  apiId: 'post',
  kind: 'collection',
  name: 'Post',
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 40 },
    { name: 'slug', type: 'slug', sourceField: 'title' },
    { name: 'summary', type: 'longText' },
    { name: 'body', type: 'richText' },
    { name: 'rating', type: 'integer', min: 1, max: 5, localized: false },
    { name: 'contact', type: 'email', localized: false },
    { name: 'internalNote', type: 'text', private: true },
    { name: 'author', type: 'relation', target: 'author', localized: false },
    { name: 'related', type: 'relation', target: 'post', multiple: true, localized: false },
    { name: 'code', type: 'text', unique: true, localized: false },
  ],
};

const NOTE_TYPE: ContentTypeDefinition = {
  apiId: 'note',
  kind: 'collection',
  name: 'Note',
  fields: [{ name: 'text', type: 'text' }],
  options: { revisionCap: 3 },
};

const SETTINGS_TYPE: ContentTypeDefinition = {
  apiId: 'site-settings',
  kind: 'singleton',
  name: 'Site settings',
  fields: [{ name: 'siteName', type: 'text' }],
};

describe('Content entries (management API)', () => {
  let sut: TestApp;
  const h = entriesHelpers(() => sut);
  let owner: Account;
  let ws: Workspace;
  let other: Workspace;
  let otherOwner: Account;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
    owner = await h.signUp();
    ws = await h.newWorkspace(owner);
    for (const type of [AUTHOR_TYPE, POST_TYPE, NOTE_TYPE, SETTINGS_TYPE]) await h.seedType(ws, type);
    otherOwner = await h.signUp();
    other = await h.newWorkspace(otherOwner);
    for (const type of [AUTHOR_TYPE, POST_TYPE]) await h.seedType(other, type);
  });
  afterAll(async () => {
    await sut?.close();
  });

  const base = (w: Workspace = ws) => `/api/v1/workspaces/${w.slug}`;
  const create = (type: string, body: object, as: Account = owner, w: Workspace = ws) =>
    sut.http
      .post(`${base(w)}/content-types/${type}/entries`)
      .set(bearer(as))
      .send(body);
  const patch = (id: string, body: object, as: Account = owner) =>
    sut.http.patch(`${base()}/entries/${id}`).set(bearer(as)).send(body);
  const read = (id: string, query = '', as: Account = owner) =>
    sut.http.get(`${base()}/entries/${id}${query}`).set(bearer(as));
  const publish = (id: string, locale: string, as: Account = owner) =>
    sut.http.post(`${base()}/entries/${id}/locales/${locale}/publish`).set(bearer(as));
  const newAuthor = async (name: string, w: Workspace = ws, as: Account = owner): Promise<string> =>
    (await create('author', { data: { name } }, as, w).expect(201)).body.id;
  const entryCount = async () =>
    Number(
      (await sut.dataSource.query(`SELECT count(*) AS n FROM content_entries WHERE workspace_id = $1`, [ws.id]))[0].n,
    );
  const events = async (entryId: string) =>
    (
      await sut.dataSource.query(
        `SELECT event_name FROM quire_outbox WHERE workspace_id = $1 AND payload->>'entryId' = $2 ORDER BY id`,
        [ws.id, entryId],
      )
    ).map((r: { event_name: string }) => r.event_name);

  describe('create and read', () => {
    it('creates a draft in the default locale and reads it back with its locales', async () => {
      const author = await newAuthor('Ada');
      const created = await create('post', {
        data: {
          title: 'Hello world',
          summary: 'First',
          rating: 4,
          author,
          body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }] },
        },
      }).expect(201);
      expect(created.body).toMatchObject({
        contentType: 'post',
        locale: 'en',
        status: 'draft',
        publishedAt: null,
        revision: 1,
        createdById: owner.userId,
        missingLocales: ['de', 'fr'],
        data: { title: 'Hello world', slug: 'hello-world', summary: 'First', rating: 4, author },
      });
      expect(created.body.locales).toEqual([
        { locale: 'en', status: 'draft', publishedAt: null, updatedAt: expect.any(String) },
      ]);
      const again = await read(created.body.id).expect(200);
      expect(again.body.data).toEqual(created.body.data);
      const stored = await h.stored(created.body.id);
      // Shared fields once on the entry, localized ones on the locale row.
      expect(stored.shared).toEqual({ rating: 4, author });
      expect(stored.locales.en.draft).toMatchObject({ title: 'Hello world', slug: 'hello-world', summary: 'First' });
      expect(await h.references(created.body.id)).toEqual([
        { locale: '', fieldPath: 'author', targetKind: 'entry', targetId: author },
      ]);
      expect(await events(created.body.id)).toEqual(['content.entry.created']);
    });

    it('lists every failing field with its rule, and an unknown field; nothing is written', async () => {
      const before = await entryCount();
      const response = await create('post', {
        data: { title: 'x'.repeat(41), rating: 9, contact: 'not-an-email', slug: 'Not a slug!', nope: 1 },
      }).expect(400);
      expectValidationProblem(response, ['title', 'rating', 'contact', 'slug', 'nope']);
      const messages = Object.fromEntries(
        response.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
      );
      expect(messages.title).toMatch(/at most 40/);
      expect(messages.rating).toMatch(/at most 5/);
      expect(messages.nope).toMatch(/unknown field/);
      expect(await entryCount()).toBe(before);
    });

    it('never lets a __proto__ key reach an object prototype or the stored data', async () => {
      // The request pipeline drops the key before the service sees it; what matters is that nothing is polluted.
      const proto = await sut.http
        .post(`${base()}/content-types/post/entries`)
        .set(bearer(owner))
        .set('Content-Type', 'application/json')
        .send('{"data": {"title": "Proto", "__proto__": {"polluted": true}}}')
        .expect(201);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys((await h.stored(proto.body.id)).locales.en.draft).sort()).toEqual(['slug', 'title']);
    });

    it('refuses a locale the workspace has not enabled, and an unknown type', async () => {
      expectValidationProblem(await create('post', { locale: 'it', data: { title: 'Ciao' } }).expect(400), ['locale']);
      const missing = await create('nope', { data: {} }).expect(404);
      expect(missing.body.type).toBe('urn:quire:problem:content.type-not-found');
    });

    it("refuses relations to another workspace's entry, to a trashed entry and to the wrong type", async () => {
      const foreign = await newAuthor('Mallory', other, otherOwner);
      const ghost = '0192f0c4-7a3e-7c1d-8e2f-123456789abc';
      const trashed = await newAuthor('Trashed');
      await sut.dataSource.query(`UPDATE content_entries SET deleted_at = now() WHERE id = $1`, [trashed]);
      await sut.dataSource.query(`UPDATE content_entry_locales SET in_trash = true WHERE entry_id = $1`, [trashed]);
      const aPost = (await create('post', { data: { title: 'Target' } }).expect(201)).body.id;

      const foreignResponse = await create('post', { data: { title: 'A', author: foreign } }).expect(400);
      const ghostResponse = await create('post', { data: { title: 'A', author: ghost } }).expect(400);
      expectValidationProblem(foreignResponse, ['author']);
      // Another workspace's id reads exactly like an id that does not exist.
      expect(foreignResponse.body.errors[0].message.replace(foreign, 'ID')).toBe(
        ghostResponse.body.errors[0].message.replace(ghost, 'ID'),
      );
      const trashedResponse = await create('post', { data: { title: 'A', author: trashed } }).expect(400);
      expectValidationProblem(trashedResponse, ['author']);
      expect(trashedResponse.body.errors[0].message).toMatch(/trash/);
      expectValidationProblem(await create('post', { data: { title: 'A', author: aPost } }).expect(400), ['author']);
      expectValidationProblem(await create('post', { data: { title: 'A', related: [aPost, foreign] } }).expect(400), [
        'related',
      ]);
    });

    it('generates slugs from the source field, numbering generated ones, and refuses a taken slug (409)', async () => {
      const first = await create('post', { data: { title: 'Same Title' } }).expect(201);
      expect(first.body.data.slug).toBe('same-title');
      const second = await create('post', { data: { title: 'Same title' } }).expect(201);
      expect(second.body.data.slug).toBe('same-title-2');
      const taken = await create('post', { data: { title: 'Other', slug: 'same-title' } }).expect(409);
      expect(taken.body.type).toBe('urn:quire:problem:content.unique-violation');
      expect(taken.body.errors).toEqual([{ path: 'slug', message: expect.stringMatching(/unique/) }]);
      // Saving an entry with its own slug is no collision; taking another's on save is.
      await patch(first.body.id, { locale: 'en', data: { summary: 'ok' } }).expect(200);
      await patch(second.body.id, { locale: 'en', data: { slug: 'same-title' } }).expect(409);
      // Unique per locale: the same slug in another locale is fine.
      await sut.http.post(`${base()}/entries/${second.body.id}/locales/de`).set(bearer(owner)).send({}).expect(201);
      const de = await patch(second.body.id, { locale: 'de', data: { title: 'Gleich', slug: 'same-title' } }).expect(
        200,
      );
      expect(de.body.data.slug).toBe('same-title');
    });

    it('refuses a unique shared value used by another entry (409), free again once that entry is trashed', async () => {
      const holder = await create('post', { data: { title: 'U1', code: 'abc' } }).expect(201);
      const clash = await create('post', { data: { title: 'U2', code: 'abc' } }).expect(409);
      expect(clash.body.errors).toEqual([{ path: 'code', message: expect.any(String) }]);
      await sut.dataSource.query(`UPDATE content_entries SET deleted_at = now() WHERE id = $1`, [holder.body.id]);
      await create('post', { data: { title: 'U2', code: 'abc' } }).expect(201);
    });

    it('serialises concurrent saves of the same unique value: exactly one wins', async () => {
      const results = await Promise.all(
        [1, 2, 3, 4].map((n) => create('post', { data: { title: `Race ${n}`, code: 'race-code' } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    });

    it('keeps one entry per singleton (409 for a second)', async () => {
      await create('site-settings', { data: { siteName: 'Quire' } }).expect(201);
      const second = await create('site-settings', { data: { siteName: 'Again' } }).expect(409);
      expect(second.body.type).toBe('urn:quire:problem:content.singleton-exists');
    });

    it('saves partially: present keys replace, null clears, absent keys stay', async () => {
      const created = await create('post', { data: { title: 'Partial', summary: 'Keep me', rating: 2 } }).expect(201);
      const saved = await patch(created.body.id, { locale: 'en', data: { title: 'Partial 2', rating: null } }).expect(
        200,
      );
      expect(saved.body.data).toEqual({ title: 'Partial 2', slug: 'partial', summary: 'Keep me' });
      expect(saved.body.revision).toBe(2);
      const invalid = await patch(created.body.id, { locale: 'en', data: { rating: 0, unknown: 'x' } }).expect(400);
      expectValidationProblem(invalid, ['rating', 'unknown']);
      expect((await h.stored(created.body.id)).revision).toBe(2);
      await patch(created.body.id, { locale: 'de', data: { title: 'x' } }).expect(404);
      expect(await events(created.body.id)).toEqual(['content.entry.created', 'content.entry.updated']);
    });
  });

  describe('publishing per locale', () => {
    it('publishes one locale while another stays a draft; editing the draft leaves the published version', async () => {
      const created = await create('post', {
        data: { title: 'Bonjour', summary: 'English summary', internalNote: 'secret', rating: 5 },
      }).expect(201);
      const id = created.body.id;
      await sut.http.post(`${base()}/entries/${id}/locales/de`).set(bearer(owner)).send({ from: 'en' }).expect(201);

      const published = await publish(id, 'en').expect(200);
      expect(published.body.status).toBe('published');
      expect(published.body.publishedAt).toEqual(expect.any(String));
      const statuses = Object.fromEntries(
        published.body.locales.map((l: { locale: string; status: string }) => [l.locale, l.status]),
      );
      expect(statuses).toEqual({ en: 'published', de: 'draft' });
      let stored = await h.stored(id);
      // The published document: shared and localized values merged, private fields left out.
      expect(stored.locales.en.published).toEqual({
        title: 'Bonjour',
        slug: 'bonjour',
        summary: 'English summary',
        rating: 5,
      });
      expect(stored.locales.en.hasVector).toBe(true);
      expect(stored.locales.de.published).toBeNull();

      const edited = await patch(id, { locale: 'en', data: { title: 'Changed title' } }).expect(200);
      expect(edited.body.status).toBe('changed');
      stored = await h.stored(id);
      expect(stored.locales.en.published?.title).toBe('Bonjour');
      expect(stored.locales.en.draft.title).toBe('Changed title');

      // A shared field changes every locale's draft: the published locale reads as changed, and stays published.
      await publish(id, 'en').expect(200);
      const shared = await patch(id, { locale: 'de', data: { rating: 3 } }).expect(200);
      expect(
        Object.fromEntries(shared.body.locales.map((l: { locale: string; status: string }) => [l.locale, l.status])),
      ).toEqual({ en: 'changed', de: 'draft' });
      expect((await h.stored(id)).locales.en.published?.rating).toBe(5);

      const unpublished = await sut.http
        .post(`${base()}/entries/${id}/locales/en/unpublish`)
        .set(bearer(owner))
        .expect(200);
      expect(unpublished.body.status).toBe('draft');
      stored = await h.stored(id);
      expect(stored.locales.en.published).toBeNull();
      expect(stored.locales.en.hasVector).toBe(false);
      const names = await events(id);
      expect(names.filter((n: string) => n === 'content.entry.published')).toHaveLength(2);
      expect(names).toContain('content.entry.unpublished');
      expect(names).toContain('content.entry.translated');
    });

    it('refuses to publish a locale whose required fields are empty, listing them; nothing is written', async () => {
      const created = await create('post', { data: { summary: 'No title yet' } }).expect(201);
      const id = created.body.id;
      const before = await h.stored(id);
      const [generationBefore] = await sut.dataSource.query(
        `SELECT generation FROM content_delivery_generations WHERE workspace_id = $1`,
        [ws.id],
      );
      const refused = await publish(id, 'en').expect(400);
      expect(refused.body.type).toBe('urn:quire:problem:content.publish-invalid');
      expect(refused.body.errors).toEqual([{ path: 'title', message: 'is required' }]);
      expect(await h.stored(id)).toEqual(before);
      const [generationAfter] = await sut.dataSource.query(
        `SELECT generation FROM content_delivery_generations WHERE workspace_id = $1`,
        [ws.id],
      );
      expect(generationAfter).toEqual(generationBefore);
      expect(await events(id)).toEqual(['content.entry.created']);
      await publish(id, 'de').expect(404);
      await publish(id, 'it').expect(400);
    });

    it('bumps the delivery generation on publish and unpublish', async () => {
      const generation = async () =>
        Number(
          (
            await sut.dataSource.query(`SELECT generation FROM content_delivery_generations WHERE workspace_id = $1`, [
              ws.id,
            ])
          )[0]?.generation ?? 0,
        );
      const id = (await create('post', { data: { title: 'Gen' } }).expect(201)).body.id;
      const before = await generation();
      await publish(id, 'en').expect(200);
      expect(await generation()).toBe(before + 1);
      await sut.http.post(`${base()}/entries/${id}/locales/en/unpublish`).set(bearer(owner)).expect(200);
      expect(await generation()).toBe(before + 2);
    });
  });

  describe('translations and locales', () => {
    it('creates a translation from another locale, shows missing locales, refuses duplicates', async () => {
      const id = (await create('post', { data: { title: 'Source', summary: 'To copy', rating: 1 } }).expect(201)).body
        .id;
      const translated = await sut.http
        .post(`${base()}/entries/${id}/locales/de`)
        .set(bearer(owner))
        .send({ from: 'en' })
        .expect(201);
      expect(translated.body).toMatchObject({
        locale: 'de',
        status: 'draft',
        data: { title: 'Source', summary: 'To copy', slug: 'source', rating: 1 },
        missingLocales: ['fr'],
      });
      const empty = await sut.http.post(`${base()}/entries/${id}/locales/fr`).set(bearer(owner)).send({}).expect(201);
      expect(empty.body.data).toEqual({ rating: 1 });
      expect(empty.body.missingLocales).toEqual([]);
      const again = await sut.http.post(`${base()}/entries/${id}/locales/de`).set(bearer(owner)).send({}).expect(409);
      expect(again.body.type).toBe('urn:quire:problem:content.entry-locale-exists');
      expectValidationProblem(
        await sut.http.post(`${base()}/entries/${id}/locales/it`).set(bearer(owner)).send({}).expect(400),
        ['locale'],
      );

      // Removing a locale: not the default one; the others go with their drafts.
      await sut.http.delete(`${base()}/entries/${id}/locales/en`).set(bearer(owner)).expect(409);
      await sut.http.delete(`${base()}/entries/${id}/locales/fr`).set(bearer(owner)).expect(204);
      expect((await read(id).expect(200)).body.missingLocales).toEqual(['fr']);
    });

    it('reads a locale with fallback: empty fields come from the chain, and it says from where', async () => {
      await sut.http
        .put(`${base()}/settings/content`)
        .set(bearer(owner))
        .send({ localeFallbacks: { fr: ['de'] } })
        .expect(200);
      const id = (await create('post', { data: { title: 'English', summary: 'English summary' } }).expect(201)).body.id;
      await sut.http.post(`${base()}/entries/${id}/locales/de`).set(bearer(owner)).send({}).expect(201);
      await patch(id, { locale: 'de', data: { title: 'Deutsch' } }).expect(200);

      const de = await read(id, '?locale=de&fallback=true').expect(200);
      expect(de.body.data).toMatchObject({ title: 'Deutsch', summary: 'English summary' });
      expect(de.body.fallbackFrom).toEqual({ summary: 'en' });
      const plain = await read(id, '?locale=de').expect(200);
      expect(plain.body.data.summary).toBeUndefined();
      expect(plain.body.fallbackFrom).toBeUndefined();

      // fr has no version: everything comes through fr → de → en.
      const fr = await read(id, '?locale=fr&fallback=true').expect(200);
      expect(fr.body.status).toBe('missing');
      expect(fr.body.data).toMatchObject({ title: 'Deutsch', summary: 'English summary' });
      expect(fr.body.fallbackFrom).toMatchObject({ title: 'de', summary: 'en' });
      await read(id, '?locale=fr').expect(404);
      expectValidationProblem(await read(id, '?fallback=maybe').expect(400), ['fallback']);
      expectValidationProblem(await read(id, '?colour=red').expect(400), ['colour']);
    });
  });

  describe('revisions', () => {
    it('lists, compares and restores revisions, relations included', async () => {
      const ada = await newAuthor('Ada');
      const id = (await create('post', { data: { title: 'History', author: ada } }).expect(201)).body.id;
      await patch(id, { locale: 'en', data: { author: null, summary: 'No author' } }).expect(200);
      expect(await h.references(id)).toEqual([]);

      const list = await sut.http.get(`${base()}/entries/${id}/revisions`).set(bearer(owner)).expect(200);
      expect(list.body.meta).toMatchObject({ total: 2, page: 1 });
      expect(list.body.data.map((r: { number: number; kind: string }) => [r.number, r.kind])).toEqual([
        [2, 'save'],
        [1, 'create'],
      ]);
      expect(list.body.data[0].actor).toEqual({ type: 'user', id: owner.userId });
      expect(list.body.data[0].diff).toEqual(expect.arrayContaining([{ path: 'author', locale: null, before: ada }]));

      const compared = await sut.http
        .get(`${base()}/entries/${id}/revisions/compare?from=1&to=2`)
        .set(bearer(owner))
        .expect(200);
      expect(compared.body.changes).toEqual(
        expect.arrayContaining([
          { path: 'author', locale: null, before: ada },
          { path: 'summary', locale: 'en', after: 'No author' },
        ]),
      );
      const one = await sut.http.get(`${base()}/entries/${id}/revisions/1`).set(bearer(owner)).expect(200);
      expect(one.body.snapshot.shared).toEqual({ author: ada });

      const restored = await sut.http
        .post(`${base()}/entries/${id}/revisions/1/restore`)
        .set(bearer(owner))
        .expect(200);
      expect(restored.body.data).toMatchObject({ title: 'History', author: ada });
      expect(restored.body.data.summary).toBeUndefined();
      expect(restored.body.revision).toBe(3);
      expect(await h.references(id)).toEqual([{ locale: '', fieldPath: 'author', targetKind: 'entry', targetId: ada }]);
      const latest = await sut.http.get(`${base()}/entries/${id}/revisions/3`).set(bearer(owner)).expect(200);
      expect(latest.body).toMatchObject({ kind: 'restore', restoredFrom: 1 });
      await sut.http.get(`${base()}/entries/${id}/revisions/99`).set(bearer(owner)).expect(404);
      expectValidationProblem(
        await sut.http.get(`${base()}/entries/${id}/revisions/compare?from=x`).set(bearer(owner)).expect(400),
        ['from'],
      );
      // Without from and to: what the latest revision (the restore) changed.
      const latestChange = await sut.http
        .get(`${base()}/entries/${id}/revisions/compare`)
        .set(bearer(owner))
        .expect(200);
      expect(latestChange.body).toMatchObject({ from: 2, to: 3 });
      expect(latestChange.body.changes).toEqual(expect.arrayContaining([{ path: 'author', locale: null, after: ada }]));
    });

    it('refuses to restore a revision that links to an entry trashed since (409 listing it)', async () => {
      const gone = await newAuthor('Gone');
      const id = (await create('post', { data: { title: 'Linked', author: gone } }).expect(201)).body.id;
      await patch(id, { locale: 'en', data: { author: null } }).expect(200);
      await sut.dataSource.query(`UPDATE content_entries SET deleted_at = now() WHERE id = $1`, [gone]);
      const before = await h.stored(id);
      const refused = await sut.http.post(`${base()}/entries/${id}/revisions/1/restore`).set(bearer(owner)).expect(409);
      expect(refused.body.type).toBe('urn:quire:problem:content.restore-conflict');
      expect(refused.body.errors).toEqual([{ path: 'shared.author', message: expect.stringMatching(/trash/) }]);
      expect(await h.stored(id)).toEqual(before);
    });

    it("keeps at most the type's revision cap, dropping the oldest", async () => {
      const id = (await create('note', { data: { text: 'v1' } }).expect(201)).body.id;
      for (let n = 2; n <= 6; n++) await patch(id, { locale: 'en', data: { text: `v${n}` } }).expect(200);
      const list = await sut.http.get(`${base()}/entries/${id}/revisions`).set(bearer(owner)).expect(200);
      expect(list.body.meta.total).toBe(3);
      expect(list.body.data.map((r: { number: number }) => r.number)).toEqual([6, 5, 4]);
      await sut.http.get(`${base()}/entries/${id}/revisions/3`).set(bearer(owner)).expect(404);
    });
  });

  describe('list', () => {
    it("filters and sorts on the type's fields over the locale's draft, with status", async () => {
      const w = await h.newWorkspace(owner);
      await h.seedType(w, AUTHOR_TYPE);
      await h.seedType(w, POST_TYPE);
      const ids: string[] = [];
      for (const [title, rating] of [
        ['Banana', 2],
        ['Apple', 5],
        ['Cherry', 4],
      ] as const) {
        ids.push((await create('post', { data: { title, rating } }, owner, w).expect(201)).body.id);
      }
      await sut.http
        .post(`${base(w)}/entries/${ids[1]}/locales/en/publish`)
        .set(bearer(owner))
        .expect(200);
      const url = `${base(w)}/content-types/post/entries`;
      const sorted = await sut.http.get(`${url}?sort=title`).set(bearer(owner)).expect(200);
      expect(sorted.body.data.map((e: { data: { title: string } }) => e.data.title)).toEqual([
        'Apple',
        'Banana',
        'Cherry',
      ]);
      expect(sorted.body.meta).toMatchObject({ total: 3, page: 1 });
      const rated = await sut.http.get(`${url}?filter[rating][gte]=4&sort=-rating`).set(bearer(owner)).expect(200);
      expect(rated.body.data.map((e: { id: string }) => e.id)).toEqual([ids[1], ids[2]]);
      const published = await sut.http.get(`${url}?filter[status]=published`).set(bearer(owner)).expect(200);
      expect(published.body.data.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual([
        [ids[1], 'published'],
      ]);
      // eq on localized and shared fields (JSONB containment), a relation id in upper case, and paging totals.
      const author = await newAuthor('Ann', w);
      await sut.http
        .patch(`${base(w)}/entries/${ids[0]}`)
        .set(bearer(owner))
        .send({ locale: 'en', data: { author } })
        .expect(200);
      const titled = await sut.http.get(`${url}?filter[title]=Banana`).set(bearer(owner)).expect(200);
      expect(titled.body.data.map((e: { id: string }) => e.id)).toEqual([ids[0]]);
      const five = await sut.http.get(`${url}?filter[rating]=5`).set(bearer(owner)).expect(200);
      expect(five.body.data.map((e: { id: string }) => e.id)).toEqual([ids[1]]);
      const byAuthor = await sut.http
        .get(`${url}?filter[author]=${author.toUpperCase()}&filter[rating][eq]=2`)
        .set(bearer(owner))
        .expect(200);
      expect(byAuthor.body.data.map((e: { id: string }) => e.id)).toEqual([ids[0]]);
      expect((await sut.http.get(`${url}?filter[title]=banana`).set(bearer(owner)).expect(200)).body.meta.total).toBe(
        0,
      );
      const pages = [];
      for (const page of [1, 2, 3]) {
        pages.push(
          (await sut.http.get(`${url}?pageSize=2&page=${page}&sort=title`).set(bearer(owner)).expect(200)).body,
        );
      }
      expect(pages.map((p) => [p.data.map((e: { data: { title: string } }) => e.data.title), p.meta.total])).toEqual([
        [['Apple', 'Banana'], 3],
        [['Cherry'], 3],
        [[], 3],
      ]);
      expect(pages[0].meta).toMatchObject({ page: 1, pageSize: 2, pageCount: 2 });
      // The default order: the last saved first.
      const recent = await sut.http.get(url).set(bearer(owner)).expect(200);
      expect(recent.body.data[0].id).toBe(ids[0]);
      const narrow = await sut.http.get(`${url}?fields=title,status&filter[title][contains]=err`).set(bearer(owner));
      expect(narrow.body.data).toEqual([{ id: ids[2], status: 'draft', data: { title: 'Cherry' } }]);
      expect((await sut.http.get(`${url}?locale=de`).set(bearer(owner)).expect(200)).body.data).toEqual([]);
      expectValidationProblem(
        await sut.http.get(`${url}?filter[secretField]=1&sort=body`).set(bearer(owner)).expect(400),
        ['filter[secretField]', 'sort'],
      );
      expectValidationProblem(await sut.http.get(`${url}?locale=it`).set(bearer(owner)).expect(400), ['locale']);
    });
  });

  describe('permissions and isolation', () => {
    it('lets an author edit their own entry but not another one, and not publish', async () => {
      const author = await h.member(ws, 'author');
      const mine = (await create('note', { data: { text: 'mine' } }, author).expect(201)).body.id;
      await patch(mine, { locale: 'en', data: { text: 'still mine' } }, author).expect(200);
      const theirs = (await create('note', { data: { text: 'owner' } }).expect(201)).body.id;
      const refused = await patch(theirs, { locale: 'en', data: { text: 'taken over' } }, author).expect(403);
      expect(refused.body.type).toBe('urn:quire:problem:core.forbidden');
      await read(theirs, '', author).expect(200);
      await publish(mine, 'en', author).expect(403);
      await sut.http.post(`${base()}/entries/${theirs}/revisions/1/restore`).set(bearer(author)).expect(403);
      await sut.http.post(`${base()}/entries/${theirs}/locales/de`).set(bearer(author)).send({}).expect(403);
      expect((await h.stored(theirs)).locales.en.draft).toEqual({ text: 'owner' });
    });

    it('lets a viewer read but not write', async () => {
      const viewer = await h.member(ws, 'viewer');
      const id = (await create('note', { data: { text: 'read me' } }).expect(201)).body.id;
      await read(id, '', viewer).expect(200);
      await sut.http.get(`${base()}/content-types/note/entries`).set(bearer(viewer)).expect(200);
      await create('note', { data: { text: 'no' } }, viewer).expect(403);
      await patch(id, { locale: 'en', data: { text: 'no' } }, viewer).expect(403);
      await sut.http.get(`${base()}/entries/${id}/revisions`).set(bearer(viewer)).expect(200);
    });

    it("answers 404 to non-members, and for another workspace's entry id", async () => {
      const stranger = await h.signUp();
      const id = (await create('note', { data: { text: 'private' } }).expect(201)).body.id;
      const response = await read(id, '', stranger).expect(404);
      expect(response.body.type).toBe('urn:quire:problem:core.workspace-not-found');
      // The other workspace's owner, in their own workspace, with this workspace's entry id.
      const foreign = await sut.http
        .get(`${base(other)}/entries/${id}`)
        .set(bearer(otherOwner))
        .expect(404);
      expect(foreign.body.type).toBe('urn:quire:problem:content.entry-not-found');
      await sut.http
        .patch(`${base(other)}/entries/${id}`)
        .set(bearer(otherOwner))
        .send({ locale: 'en', data: { text: 'x' } })
        .expect(404);
      await sut.http
        .post(`${base(other)}/entries/${id}/locales/en/publish`)
        .set(bearer(otherOwner))
        .expect(404);
      await sut.http
        .get(`${base(other)}/entries/${id}/revisions`)
        .set(bearer(otherOwner))
        .expect(404);
      expect((await h.stored(id)).locales.en.draft).toEqual({ text: 'private' });
    });

    it('hides trashed entries from every route here', async () => {
      const id = (await create('note', { data: { text: 'bin' } }).expect(201)).body.id;
      // As the trash service does: the entry and its locale rows (which lists and delivery read) together.
      await sut.dataSource.query(`UPDATE content_entries SET deleted_at = now() WHERE id = $1`, [id]);
      await sut.dataSource.query(`UPDATE content_entry_locales SET in_trash = true WHERE entry_id = $1`, [id]);
      await read(id).expect(404);
      await patch(id, { locale: 'en', data: { text: 'x' } }).expect(404);
      const list = await sut.http.get(`${base()}/content-types/note/entries?pageSize=100`).set(bearer(owner));
      expect(list.body.data.map((e: { id: string }) => e.id)).not.toContain(id);
    });
  });
});
