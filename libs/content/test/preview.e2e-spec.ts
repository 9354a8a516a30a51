import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, expectValidationProblem, type TestApp } from '@quire/testing';
import { ContentPlugin } from '../src/content.plugin';
import type { ContentTypeDefinition } from '../src/schema/field-definition';
import { bearer, entriesHelpers, type Account, type Workspace } from './entries-support';

const PAGE_TYPE: ContentTypeDefinition = {
  apiId: 'page',
  kind: 'collection',
  name: 'Page',
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'slug', type: 'slug', sourceField: 'title' },
    { name: 'secret', type: 'text', private: true },
    { name: 'author', type: 'relation', target: 'person', localized: false },
  ],
  options: { previewUrl: 'https://site.example/preview/{locale}/{slug}?token={token}&type={contentType}&id={id}' },
};

const PERSON_TYPE: ContentTypeDefinition = {
  apiId: 'person',
  kind: 'collection',
  name: 'Person',
  fields: [{ name: 'name', type: 'text' }],
};

describe('Content preview (tokens, drafts through delivery, preview URLs)', () => {
  let sut: TestApp;
  const h = entriesHelpers(() => sut);
  let owner: Account;
  let ws: Workspace;
  let other: Workspace;

  const base = (w: Workspace = ws) => `/api/v1/workspaces/${w.slug}`;
  const delivery = (path: string, w: Workspace = ws) => `/api/v1/delivery/${w.slug}/${path}`;
  const create = async (type: string, data: object, w: Workspace = ws): Promise<string> =>
    (
      await sut.http
        .post(`${base(w)}/content-types/${type}/entries`)
        .set(bearer(owner))
        .send({ data })
        .expect(201)
    ).body.id;
  const mint = (body: object = {}, w: Workspace = ws) =>
    sut.http
      .post(`${base(w)}/preview-tokens`)
      .set(bearer(owner))
      .send(body);
  const token = async (body: object = {}, w: Workspace = ws): Promise<string> =>
    (await mint(body, w).expect(201)).body.token;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
    owner = await h.signUp();
    ws = await h.newWorkspace(owner, ['en']);
    other = await h.newWorkspace(owner, ['en']);
    for (const w of [ws, other]) {
      await h.seedType(w, PERSON_TYPE);
      await h.seedType(w, PAGE_TYPE);
    }
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('mints a qpv_ token, stores only its hash, with the default ttl', async () => {
    const response = await mint().expect(201);
    expect(response.body.token).toMatch(/^qpv_[A-Za-z0-9_-]{43}$/);
    const ttl = (Date.parse(response.body.expiresAt) - Date.now()) / 1000;
    expect(ttl).toBeGreaterThan(500);
    expect(ttl).toBeLessThanOrEqual(601);
    const rows = await sut.dataSource.query(`SELECT token_hash FROM content_preview_tokens WHERE workspace_id = $1`, [
      ws.id,
    ]);
    expect(JSON.stringify(rows)).not.toContain(response.body.token);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('refuses a bad ttl, an unknown type, and a missing entry', async () => {
    expectValidationProblem(await mint({ ttlSeconds: 3601 }).expect(400), ['ttlSeconds']);
    expectValidationProblem(await mint({ ttlSeconds: 0 }).expect(400), ['ttlSeconds']);
    await mint({ contentType: 'nope' }).expect(404);
    await mint({ entryId: '0190a0a0-0000-7000-8000-000000000000' }).expect(404);
  });

  it('serves a draft delivery does not know, and the draft of a published entry only with the token', async () => {
    const person = await create('person', { name: 'Ada' });
    const draftOnly = await create('page', {
      title: 'Draft only',
      slug: 'draft-only',
      secret: 's3cret',
      author: person,
    });
    const edited = await create('page', { title: 'Published', slug: 'edited', secret: 's3cret' });
    await sut.http.post(`${base()}/entries/${edited}/locales/en/publish`).set(bearer(owner)).expect(200);
    await sut.http
      .patch(`${base()}/entries/${edited}`)
      .set(bearer(owner))
      .send({ locale: 'en', data: { title: 'Edited draft' } })
      .expect(200);
    const key = await token();

    // Without a token: the draft does not exist, the published version is served.
    await sut.http
      .get(delivery(`page/${draftOnly}`))
      .set(bearer(owner))
      .expect(404);
    const published = await sut.http
      .get(delivery(`page/${edited}`))
      .set(bearer(owner))
      .expect(200);
    expect(published.body.data.title).toBe('Published');

    // With it: drafts, private fields never, populate as drafts, no-store and no ETag.
    const draft = await sut.http
      .get(delivery(`page/${draftOnly}?populate=author`))
      .set('Quire-Preview', key)
      .expect(200);
    expect(draft.body.data).toMatchObject({ id: draftOnly, title: 'Draft only', author: { id: person, name: 'Ada' } });
    expect(draft.body.data.publishedAt).toBeNull();
    expect(JSON.stringify(draft.body)).not.toContain('s3cret');
    expect(draft.headers['cache-control']).toBe('no-store');
    expect(draft.headers.etag).toBeUndefined();
    expect(draft.headers['quire-delivery-cache']).toBe('bypass');

    const editedDraft = await sut.http
      .get(delivery(`page/${edited}`))
      .set('Quire-Preview', key)
      .expect(200);
    expect(editedDraft.body.data.title).toBe('Edited draft');
    const bySlug = await sut.http.get(delivery('page/slug/draft-only')).set('Quire-Preview', key).expect(200);
    expect(bySlug.body.data.id).toBe(draftOnly);
    const list = await sut.http.get(delivery('page')).set('Quire-Preview', key).expect(200);
    expect(list.body.data.map((e: { id: string }) => e.id).sort()).toEqual([draftOnly, edited].sort());
    expect(list.body.meta.total).toBe(2);
    expect(JSON.stringify(list.body)).not.toContain('s3cret');
    expect(list.headers['cache-control']).toBe('no-store');

    // The published path is untouched by the preview just served.
    const again = await sut.http
      .get(delivery(`page/${edited}`))
      .set(bearer(owner))
      .expect(200);
    expect(again.body.data.title).toBe('Published');
    expect(again.headers['cache-control']).not.toBe('no-store');

    // Filters, sort and search are not offered over drafts.
    expectValidationProblem(await sut.http.get(delivery('page?sort=title')).set('Quire-Preview', key).expect(400), [
      'sort',
    ]);

    // Trashed drafts are never previewed.
    await sut.http.delete(`${base()}/entries/${draftOnly}`).set(bearer(owner)).expect(200);
    await sut.http
      .get(delivery(`page/${draftOnly}`))
      .set('Quire-Preview', key)
      .expect(404);
  });

  it('refuses an expired token, a malformed one and one of another workspace with 401', async () => {
    const key = await token();
    await sut.http.get(delivery('page')).set('Quire-Preview', key).expect(200);
    await sut.dataSource.query(`UPDATE content_preview_tokens SET expires_at = now() - interval '1 second'`);
    const expired = await sut.http.get(delivery('page')).set('Quire-Preview', key).expect(401);
    expect(expired.body.type).toBe('urn:quire:problem:content.preview-token-invalid');
    await sut.http.get(delivery('page')).set('Quire-Preview', 'qpv_nope').expect(401);
    const foreign = await token({}, other);
    await sut.http.get(delivery('page')).set('Quire-Preview', foreign).expect(401);
    await sut.http.get(delivery('page', other)).set('Quire-Preview', foreign).expect(200);
  });

  it('a token narrowed to an entry or a type reads nothing else', async () => {
    const one = await create('page', { title: 'One', slug: 'one' });
    const two = await create('page', { title: 'Two', slug: 'two' });
    const person = await create('person', { name: 'Bob' });
    const narrowed = await token({ entryId: one });
    await sut.http
      .get(delivery(`page/${one}`))
      .set('Quire-Preview', narrowed)
      .expect(200);
    await sut.http
      .get(delivery(`page/${two}`))
      .set('Quire-Preview', narrowed)
      .expect(404);
    await sut.http.get(delivery('page/slug/two')).set('Quire-Preview', narrowed).expect(404);
    await sut.http
      .get(delivery(`person/${person}`))
      .set('Quire-Preview', narrowed)
      .expect(404);
    const list = await sut.http.get(delivery('page')).set('Quire-Preview', narrowed).expect(200);
    expect(list.body.data.map((e: { id: string }) => e.id)).toEqual([one]);

    const byType = await token({ contentType: 'person' });
    await sut.http
      .get(delivery(`person/${person}`))
      .set('Quire-Preview', byType)
      .expect(200);
    await sut.http
      .get(delivery(`page/${one}`))
      .set('Quire-Preview', byType)
      .expect(404);
    expectValidationProblem(await mint({ contentType: 'person', entryId: one }).expect(400), ['entryId']);
  });

  it('fills the preview URL with a token scoped to the entry; 404 without a template', async () => {
    const page = await create('page', { title: 'Hello World', slug: 'hello-world' });
    const response = await sut.http
      .get(`${base()}/entries/${page}/preview-url?locale=en`)
      .set(bearer(owner))
      .expect(200);
    const url = new URL(response.body.url);
    expect(url.origin + url.pathname).toBe('https://site.example/preview/en/hello-world');
    expect(url.searchParams.get('token')).toBe(response.body.token);
    expect(url.searchParams.get('type')).toBe('page');
    expect(url.searchParams.get('id')).toBe(page);
    await sut.http
      .get(delivery(`page/${page}`))
      .set('Quire-Preview', response.body.token)
      .expect(200);
    const sibling = await create('page', { title: 'Sibling', slug: 'sibling' });
    await sut.http
      .get(delivery(`page/${sibling}`))
      .set('Quire-Preview', response.body.token)
      .expect(404);

    const person = await create('person', { name: 'No template' });
    const missing = await sut.http.get(`${base()}/entries/${person}/preview-url`).set(bearer(owner)).expect(404);
    expect(missing.body.type).toBe('urn:quire:problem:content.preview-url-not-configured');
    expectValidationProblem(
      await sut.http.get(`${base()}/entries/${page}/preview-url?locale=xx`).set(bearer(owner)).expect(400),
      ['locale'],
    );
  });

  it('validates options.previewUrl on content types', async () => {
    const define = (previewUrl: unknown) =>
      sut.http
        .post(`${base()}/content-types`)
        .set(bearer(owner))
        .send({
          apiId: 'article',
          kind: 'collection',
          name: 'Article',
          fields: [{ name: 'title', type: 'text' }],
          options: { previewUrl },
        });
    for (const bad of [
      'ftp://x.example/{slug}',
      'https://x.example/{nope}',
      '/relative/{slug}',
      'https://x.example/{slug',
      42,
    ]) {
      expectValidationProblem(await define(bad).expect(400), ['options.previewUrl']);
    }
    await define('http://localhost:3000/preview/{locale}/{slug}?t={token}').expect(201);
  });

  it('refuses the preview routes to non-members with a 404', async () => {
    const stranger = await h.signUp();
    await sut.http.post(`${base()}/preview-tokens`).set(bearer(stranger)).send({}).expect(404);
  });
});
