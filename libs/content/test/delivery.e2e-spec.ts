import { ContentPlugin } from '@quire/content';
import { uuidv7 } from '@quire/core';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { FieldDefinition } from '../src/schema/field-definition';
import {
  bearer,
  bumpGeneration,
  deliveryKey,
  insertEntry,
  insertType,
  newWorkspace,
  signUp,
  type Account,
} from './delivery-support';

const POST_FIELDS: FieldDefinition[] = [
  { name: 'title', type: 'text' },
  { name: 'slug', type: 'slug', sourceField: 'title' },
  { name: 'body', type: 'longText' },
  { name: 'content', type: 'richText' },
  { name: 'rating', type: 'integer', localized: false },
  { name: 'secretNote', type: 'text', private: true },
  { name: 'category', type: 'relation', target: 'category', localized: false },
  { name: 'cover', type: 'media', localized: false },
  { name: 'meta', type: 'component', component: 'meta-block' },
];
const CATEGORY_FIELDS: FieldDefinition[] = [
  { name: 'name', type: 'text' },
  { name: 'parent', type: 'relation', target: 'category', localized: false },
];

const DOC = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] };

describe('Content delivery API', () => {
  let sut: TestApp;
  let owner: Account;
  let ws: { id: string; slug: string };
  let key: { id: string; secret: string };
  let types: { post: string; category: string; page: string; meta: string; settings: string };
  const url = (path: string, workspace = ws.slug) => `/api/v1/delivery/${workspace}/${path}`;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
    owner = await signUp(sut);
    ws = await newWorkspace(sut, owner, { default: 'en', enabled: ['en', 'de'] });
    key = await deliveryKey(sut, owner, ws.slug);
    types = {
      meta: await insertType(sut, ws.id, 'meta-block', [{ name: 'headline', type: 'text' }], { kind: 'component' }),
      category: await insertType(sut, ws.id, 'category', CATEGORY_FIELDS),
      post: await insertType(sut, ws.id, 'post', POST_FIELDS),
      page: await insertType(sut, ws.id, 'page', [{ name: 'title', type: 'text' }], { publicRead: true }),
      settings: await insertType(sut, ws.id, 'site-settings', [{ name: 'siteName', type: 'text' }], {
        kind: 'singleton',
      }),
    };
  });
  afterAll(async () => {
    await sut?.close();
  });

  const asKey = () => bearer(key.secret);

  describe('access', () => {
    let pageId: string;
    beforeAll(async () => {
      pageId = await insertEntry(sut, ws.id, types.page, { en: { published: { title: 'About' } } });
      await insertEntry(sut, ws.id, types.post, { en: { published: { title: 'Only with a key' } } });
    });

    it('serves every type to a key holding read:PublishedEntry, privately cached', async () => {
      const res = await sut.http.get(url('post')).set(asKey()).expect(200);
      expect(res.body.data.map((e: { title: string }) => e.title)).toContain('Only with a key');
      expect(res.headers['cache-control']).toBe('private, max-age=60');
      expect(res.headers.vary).toMatch(/Authorization/);
    });

    it('serves public types to anyone, publicly cached, and other types as missing ones', async () => {
      const page = await sut.http.get(url('page')).expect(200);
      expect(page.body.data).toEqual([expect.objectContaining({ id: pageId, title: 'About', locale: 'en' })]);
      expect(page.headers['cache-control']).toBe('public, max-age=60');
      const hidden = await sut.http.get(url('post')).expect(404);
      const missing = await sut.http.get(url('no-such-type')).expect(404);
      expect(hidden.body.type).toBe('urn:quire:problem:content.delivery-not-found');
      expect(missing.body.type).toBe(hidden.body.type);
      expect(hidden.body.title).toBe(missing.body.title);
    });

    it('does not deliver components', async () => {
      await sut.http.get(url('meta-block')).set(asKey()).expect(404);
    });

    it('lets members read with their role, and opens a workspace by id too', async () => {
      await sut.http.get(url('post')).set(bearer(owner.token)).expect(200);
      await sut.http.get(url('post', ws.id)).set(asKey()).expect(200);
    });

    it("answers a key of another workspace with the workspace's 404, and a key without the scope as anonymous", async () => {
      const other = await newWorkspace(sut, owner);
      const otherKey = await deliveryKey(sut, owner, other.slug);
      const res = await sut.http.get(url('page')).set(bearer(otherKey.secret)).expect(404);
      expect(res.body.type).toBe('urn:quire:problem:core.workspace-not-found');
      const narrow = await deliveryKey(sut, owner, ws.slug, ['read:ContentType']);
      await sut.http.get(url('post')).set(bearer(narrow.secret)).expect(404);
      await sut.http.get(url('page')).set(bearer(narrow.secret)).expect(200);
    });

    it('treats a revoked key as no key: public types only', async () => {
      const revoked = await deliveryKey(sut, owner, ws.slug);
      await sut.http.get(url('post')).set(bearer(revoked.secret)).expect(200);
      await sut.http
        .delete(`/api/v1/workspaces/${ws.slug}/api-keys/${revoked.id}`)
        .set(bearer(owner.token))
        .expect(204);
      await sut.http.get(url('post')).set(bearer(revoked.secret)).expect(404);
      await sut.http.get(url('page')).set(bearer(revoked.secret)).expect(200);
    });

    it('answers an unknown workspace with 404', async () => {
      await sut.http.get(url('page', 'no-such-workspace')).expect(404);
    });
  });

  describe('published content only', () => {
    let local: { id: string; slug: string };
    let localKey: string;
    let articleType: string;
    beforeAll(async () => {
      local = await newWorkspace(sut, owner, { default: 'en', enabled: ['en', 'de'] });
      localKey = (await deliveryKey(sut, owner, local.slug)).secret;
      articleType = await insertType(sut, local.id, 'article', [
        { name: 'title', type: 'text' },
        { name: 'slug', type: 'slug' },
        { name: 'secretNote', type: 'text', private: true },
      ]);
    });
    const get = (path: string) => sut.http.get(`/api/v1/delivery/${local.slug}/${path}`).set(bearer(localKey));

    it('serves the published version of an entry edited after publishing, never a draft', async () => {
      const edited = await insertEntry(sut, local.id, articleType, {
        en: { published: { title: 'Published title', slug: 'edited' }, draft: { title: 'Draft title' } },
      });
      const draftOnly = await insertEntry(sut, local.id, articleType, {
        en: { published: null, draft: { title: 'x' } },
      });
      const one = await get(`article/${edited}`).expect(200);
      expect(one.body.data.title).toBe('Published title');
      await get(`article/${draftOnly}`).expect(404);
      const list = await get('article').expect(200);
      expect(list.body.data.map((e: { id: string }) => e.id)).not.toContain(draftOnly);
      expect(JSON.stringify(list.body)).not.toContain('Draft title');
    });

    it('serves one locale published while another is not (the list in that locale leaves it out)', async () => {
      const id = await insertEntry(sut, local.id, articleType, {
        en: { published: { title: 'English only', slug: 'english-only' } },
        de: { published: null, draft: { title: 'Nur Entwurf' } },
      });
      const de = await get('article?locale=de').expect(200);
      expect(de.body.data.map((e: { id: string }) => e.id)).not.toContain(id);
      // A single read falls back along the chain (de → en): the English version, labelled as such.
      const one = await get(`article/${id}?locale=de`).expect(200);
      expect(one.body.data).toMatchObject({ id, locale: 'en', title: 'English only' });
    });

    it('removes trashed entries from every read', async () => {
      const id = await insertEntry(
        sut,
        local.id,
        articleType,
        { en: { published: { title: 'Trashed', slug: 'trashed' } } },
        { trashed: true },
      );
      await get(`article/${id}`).expect(404);
      await get('article/slug/trashed').expect(404);
      const list = await get('article').expect(200);
      expect(list.body.data.map((e: { id: string }) => e.id)).not.toContain(id);
    });

    it('never shows a private field, even if a published document held one', async () => {
      const id = await insertEntry(sut, local.id, articleType, {
        en: { published: { title: 'Leaky', slug: 'leaky', secretNote: 'do not show' } },
      });
      const one = await get(`article/${id}`).expect(200);
      expect(one.body.data).not.toHaveProperty('secretNote');
      expect(JSON.stringify((await get('article?pageSize=100').expect(200)).body)).not.toContain('do not show');
    });

    it('answers filter, sort, fields and populate on a private field exactly as on an unknown one', async () => {
      const cases: Array<[string, string]> = [
        ['filter[secretNote][eq]=x', 'filter[nonexistent][eq]=x'],
        ['sort=secretNote', 'sort=nonexistent'],
        ['fields=secretNote', 'fields=nonexistent'],
        ['populate=secretNote', 'populate=nonexistent'],
      ];
      for (const [privateQuery, unknownQuery] of cases) {
        const privateRes = await get(`article?${privateQuery}`);
        const unknownRes = await get(`article?${unknownQuery}`);
        expect(privateRes.status).toBe(400);
        expect(unknownRes.status).toBe(400);
        const shape = (body: Record<string, unknown>, name: string) =>
          JSON.parse(
            JSON.stringify({ ...body, requestId: undefined, instance: undefined }).replaceAll(name, '<field>'),
          ) as unknown;
        expect(shape(privateRes.body, 'secretNote')).toEqual(shape(unknownRes.body, 'nonexistent'));
      }
    });

    it('finds an entry by slug, and answers a type without a slug field with 404', async () => {
      const id = await insertEntry(sut, local.id, articleType, {
        en: { published: { title: 'Slugged', slug: 'by-slug' } },
      });
      const res = await get('article/slug/by-slug').expect(200);
      expect(res.body.data).toMatchObject({ id, title: 'Slugged', slug: 'by-slug' });
      await get('article/slug/nope').expect(404);
      await get('page/slug/about').expect(404);
    });

    it('refuses a locale the workspace has not enabled, and unknown parameters', async () => {
      const res = await get('article?locale=fr').expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'locale' })]);
      await get('article?foo=1').expect(400);
      const single = await get(`article/${uuidv7()}?sort=title`).expect(400);
      expect(single.body.errors[0].path).toBe('sort');
    });
  });

  describe('fields, populate and rich text', () => {
    let categories: string[];
    let parentId: string;
    beforeAll(async () => {
      parentId = await insertEntry(sut, ws.id, types.category, { en: { published: { name: 'Root' } } });
      categories = [];
      for (let i = 0; i < 20; i++) {
        categories.push(
          await insertEntry(sut, ws.id, types.category, { en: { published: { name: `Cat ${i}`, parent: parentId } } }),
        );
      }
      for (let i = 0; i < 20; i++) {
        await insertEntry(sut, ws.id, types.post, {
          en: {
            published: {
              title: `Post ${i}`,
              slug: `post-${i}`,
              body: 'text',
              content: DOC,
              rating: i,
              category: categories[i],
              cover: uuidv7(),
              meta: { headline: `Headline ${i}` },
            },
            publishedAt: new Date(Date.UTC(2030, 0, 1, 0, i)).toISOString(),
          },
        });
      }
    });

    it('answers relations as ids, rich text as json and html, and no component unless populated', async () => {
      const res = await sut.http.get(url('post?filter[rating][eq]=3')).set(asKey()).expect(200);
      expect(res.body.meta).toEqual({ page: 1, pageSize: 20, total: 1, pageCount: 1 });
      const [post] = res.body.data;
      expect(post).toMatchObject({ title: 'Post 3', category: categories[3], content: { json: DOC } });
      expect(post.content.html).toContain('<p>Hello</p>');
      expect(post).not.toHaveProperty('meta');
    });

    it('populates two levels for a page of 20 in one statement per level', async () => {
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const res = await sut.http
          .get(
            url('post?pageSize=20&filter[publishedAt][gte]=2030-01-01T00:00:00Z&populate=category.parent,cover,meta'),
          )
          .set(asKey())
          .expect(200);
        expect(res.body.data).toHaveLength(20);
        const first = res.body.data[0];
        expect(first.title).toBe('Post 19');
        expect(first.category).toMatchObject({
          id: categories[19],
          name: 'Cat 19',
          parent: { id: parentId, name: 'Root' },
        });
        expect(first.cover).toEqual({ id: expect.any(String) });
        expect(first.meta).toEqual({ headline: 'Headline 19' });
        const contentStatements = spy.mock.calls.filter(([sql]) => String(sql).includes('content_entry_locales'));
        // The page (with its count), the categories, their parents.
        expect(contentStatements).toHaveLength(3);
      } finally {
        spy.mockRestore();
      }
    });

    it('populates with * one level, selects fields, and refuses populate deeper than allowed', async () => {
      const res = await sut.http.get(url('post/slug/post-2?populate=*&fields=title,category')).set(asKey()).expect(200);
      expect(res.body.data).toEqual({
        id: expect.any(String),
        locale: 'en',
        title: 'Post 2',
        category: expect.objectContaining({ name: 'Cat 2', parent: parentId }),
      });
      const deep = await sut.http.get(url('post?populate=category.parent.parent.parent')).set(asKey()).expect(400);
      expect(deep.body.errors).toEqual([
        { path: 'populate', message: expect.stringMatching(/4 levels deep; at most 3/) },
      ]);
      const notRelation = await sut.http.get(url('post?populate=title')).set(asKey()).expect(400);
      expect(notRelation.body.errors[0].path).toBe('populate');
    });

    it('populates an unpublished or trashed target as null', async () => {
      const draftCategory = await insertEntry(sut, ws.id, types.category, { en: { published: null } });
      const id = await insertEntry(sut, ws.id, types.post, {
        en: { published: { title: 'Orphan', slug: 'orphan', category: draftCategory } },
      });
      const res = await sut.http
        .get(url(`post/${id}?populate=category`))
        .set(asKey())
        .expect(200);
      expect(res.body.data.category).toBeNull();
    });

    it('serves a singleton as its one document', async () => {
      await insertEntry(sut, ws.id, types.settings, { en: { published: { siteName: 'Quire' } } });
      const res = await sut.http.get(url('site-settings')).set(asKey()).expect(200);
      expect(res.body.data).toMatchObject({ siteName: 'Quire', locale: 'en' });
    });
  });

  describe('locale fallback', () => {
    it('fills empty localized fields from the next locale of the chain', async () => {
      const local = await newWorkspace(sut, owner, { default: 'en', enabled: ['en', 'de', 'de-CH'] });
      const localKey = (await deliveryKey(sut, owner, local.slug)).secret;
      await sut.http
        .put(`/api/v1/workspaces/${local.slug}/settings/content`)
        .set(bearer(owner.token))
        .send({ localeFallbacks: { 'de-CH': ['de'] } })
        .expect(200);
      const type = await insertType(sut, local.id, 'doc', [
        { name: 'title', type: 'text' },
        { name: 'summary', type: 'text' },
        { name: 'teaser', type: 'text' },
      ]);
      const id = await insertEntry(sut, local.id, type, {
        en: { published: { title: 'Title', summary: 'Summary', teaser: 'Teaser' } },
        de: { published: { title: 'Titel', summary: 'Zusammenfassung' } },
        'de-CH': { published: { title: 'Titel CH', summary: '' } },
      });
      const list = await sut.http
        .get(`/api/v1/delivery/${local.slug}/doc?locale=de-CH`)
        .set(bearer(localKey))
        .expect(200);
      expect(list.body.data).toEqual([
        expect.objectContaining({
          id,
          locale: 'de-CH',
          title: 'Titel CH',
          summary: 'Zusammenfassung',
          teaser: 'Teaser',
        }),
      ]);
      const one = await sut.http
        .get(`/api/v1/delivery/${local.slug}/doc/${id}?locale=de`)
        .set(bearer(localKey))
        .expect(200);
      expect(one.body.data).toMatchObject({
        locale: 'de',
        title: 'Titel',
        summary: 'Zusammenfassung',
        teaser: 'Teaser',
      });
    });
  });

  describe('full-text search', () => {
    let local: { id: string; slug: string };
    let localKey: string;
    let type: string;
    beforeAll(async () => {
      local = await newWorkspace(sut, owner, { default: 'en', enabled: ['en', 'de'] });
      localKey = (await deliveryKey(sut, owner, local.slug)).secret;
      type = await insertType(sut, local.id, 'story', [
        { name: 'title', type: 'text' },
        { name: 'body', type: 'longText' },
      ]);
    });
    const search = (query: string) =>
      sut.http.get(`/api/v1/delivery/${local.slug}/story?${query}`).set(bearer(localKey)).expect(200);

    it('ranks a title match above a body match, and sort overrides rank', async () => {
      const inBody = await insertEntry(sut, local.id, type, {
        en: {
          published: { title: 'Weekly notes', body: 'We talked about gardens' },
          publishedAt: '2030-01-02T00:00:00Z',
        },
      });
      const inTitle = await insertEntry(sut, local.id, type, {
        en: { published: { title: 'Gardens in spring', body: 'Flowers' }, publishedAt: '2030-01-01T00:00:00Z' },
      });
      await insertEntry(sut, local.id, type, { en: { published: { title: 'Unrelated', body: 'Nothing here' } } });
      const ranked = await search('q=garden');
      expect(ranked.body.data.map((e: { id: string }) => e.id)).toEqual([inTitle, inBody]);
      expect(ranked.body.meta.total).toBe(2);
      const sorted = await search('q=garden&sort=-publishedAt');
      expect(sorted.body.data.map((e: { id: string }) => e.id)).toEqual([inBody, inTitle]);
    });

    it("stems in the locale's language (German)", async () => {
      const id = await insertEntry(sut, local.id, type, {
        de: { published: { title: 'Die Häuser der Stadt', body: 'Viele Gärten' } },
      });
      const found = await search('q=Haus&locale=de');
      expect(found.body.data.map((e: { id: string }) => e.id)).toEqual([id]);
      const english = await search('q=Haus');
      expect(english.body.data).toEqual([]);
    });

    it('refuses q on a singleton, and finds nothing on a type without searchable text', async () => {
      const res = await sut.http.get(url('site-settings?q=quire')).set(asKey()).expect(400);
      expect(res.body.errors[0].path).toBe('q');
      const noText = await sut.http.get(url('category?q=cat')).set(asKey()).expect(200);
      expect(noText.body.data).toEqual([]);
    });
  });

  describe('caching', () => {
    it('answers If-None-Match with 304, hits its cache, and changes the ETag after a publish', async () => {
      const first = await sut.http.get(url('page?sort=title&pageSize=5')).expect(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await sut.http.get(url('page?pageSize=5&sort=title')).expect(200);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['quire-delivery-cache']).toBe('hit');
      expect(again.text).toBe(first.text);

      const revalidated = await sut.http.get(url('page?sort=title&pageSize=5')).set('If-None-Match', etag).expect(304);
      expect(revalidated.headers.etag).toBe(etag);
      expect(revalidated.headers['cache-control']).toBe('public, max-age=60');

      await insertEntry(sut, ws.id, types.page, { en: { published: { title: 'Aaa new page' } } });
      const changed = await sut.http.get(url('page?sort=title&pageSize=5')).set('If-None-Match', etag).expect(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(changed.body.data[0].title).toBe('Aaa new page');
    });

    it('keeps list totals exact across changes although it counts once per generation', async () => {
      const counted = await sut.http.get(url('page?pageSize=1')).set('Cache-Control', 'no-cache').expect(200);
      const total = counted.body.meta.total as number;
      const recounted = await sut.http.get(url('page?pageSize=1')).set('Cache-Control', 'no-cache').expect(200);
      expect(recounted.headers['quire-delivery-cache']).toBe('miss');
      expect(recounted.body.meta.total).toBe(total);

      await insertEntry(sut, ws.id, types.page, { en: { published: { title: 'One more page' } } });
      const afterPublish = await sut.http.get(url('page?pageSize=1')).set('Cache-Control', 'no-cache').expect(200);
      expect(afterPublish.body.meta.total).toBe(total + 1);
    });

    it("shares a public type's ETag between callers, and never answers 304 to a caller who may not read", async () => {
      await bumpGeneration(sut, ws.id);
      const anonymous = await sut.http.get(url('page')).expect(200);
      const withKey = await sut.http.get(url('page')).set(asKey()).expect(200);
      expect(withKey.headers.etag).toBe(anonymous.headers.etag);
      const post = await sut.http.get(url('post')).set(asKey()).expect(200);
      await sut.http.get(url('post')).set('If-None-Match', post.headers.etag).expect(404);
    });
  });
});
