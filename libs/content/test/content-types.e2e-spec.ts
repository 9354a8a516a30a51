import { ContentPlugin } from '@quire/content';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, expectValidationProblem, type TestApp } from '@quire/testing';
import { bearer, contentTypeHelpers } from './content-types-support';

const post = {
  apiId: 'blog-post',
  kind: 'collection',
  name: 'Blog post',
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 120 },
    { name: 'slug', type: 'slug', sourceField: 'title' },
    { name: 'rating', type: 'integer', indexed: true },
    { name: 'author', type: 'relation', target: 'author' },
  ],
};
const author = { apiId: 'author', kind: 'collection', name: 'Author', fields: [{ name: 'name', type: 'text' }] };
const seoBlock = {
  apiId: 'hero-block',
  kind: 'component',
  name: 'Hero',
  fields: [{ name: 'heading', type: 'text', maxLength: 80 }],
};
const home = {
  apiId: 'home-page',
  kind: 'singleton',
  name: 'Home page',
  fields: [{ name: 'hero', type: 'component', component: 'hero-block' }],
};

describe('Content types: definition, versions, permissions', () => {
  let sut: TestApp;
  const { signUp, newWorkspace, member, insertEntry } = contentTypeHelpers(() => sut);

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
  });
  afterAll(() => sut?.close());

  const url = (workspace: string, path = '') => `/api/v1/workspaces/${workspace}/content-types${path}`;
  const events = (workspaceId: string, name: string) =>
    sut.dataSource.query(`SELECT payload FROM quire_outbox WHERE workspace_id = $1 AND event_name = $2 ORDER BY id`, [
      workspaceId,
      name,
    ]);
  const indexes = (typeId: string) =>
    sut.dataSource
      .query(`SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE $1 ORDER BY indexname`, [
        `content_idx_${typeId.replace(/-/g, '')}_%`,
      ])
      .then((rows: Array<{ indexname: string; indexdef: string }>) => rows);

  it('creates a collection, a component and a singleton embedding it; lists, reads, filters by kind', async () => {
    const owner = await signUp();
    const ws = await newWorkspace(owner);
    const created = await sut.http.post(url(ws.slug)).set(bearer(owner)).send(author).expect(201);
    expect(created.body).toMatchObject({ apiId: 'author', kind: 'collection', version: 1, entryCount: 0 });
    await sut.http.post(url(ws.slug)).set(bearer(owner)).send(post).expect(201);
    await sut.http.post(url(ws.slug)).set(bearer(owner)).send(seoBlock).expect(201);
    const single = await sut.http.post(url(ws.slug)).set(bearer(owner)).send(home).expect(201);
    expect(single.body.definition.fields[0]).toMatchObject({
      name: 'hero',
      type: 'component',
      component: 'hero-block',
    });

    const list = await sut.http.get(url(ws.slug)).set(bearer(owner)).expect(200);
    expect(list.body.data.map((t: { apiId: string }) => t.apiId)).toEqual([
      'author',
      'blog-post',
      'hero-block',
      'home-page',
    ]);
    expect(list.body.data[1]).toMatchObject({
      apiId: 'blog-post',
      kind: 'collection',
      name: 'Blog post',
      version: 1,
      fields: 4,
    });
    expect(list.body.meta.total).toBe(4);
    const components = await sut.http.get(url(ws.slug)).query({ kind: 'component' }).set(bearer(owner)).expect(200);
    expect(components.body.data.map((t: { apiId: string }) => t.apiId)).toEqual(['hero-block']);
    const bad = await sut.http.get(url(ws.slug)).query({ kind: 'table' }).set(bearer(owner)).expect(400);
    expectValidationProblem(bad, ['filter[kind]']);

    const one = await sut.http.get(url(ws.slug, '/blog-post')).set(bearer(owner)).expect(200);
    expect(one.body).toMatchObject({ apiId: 'blog-post', version: 1, entryCount: 0, trashedCount: 0 });
    expect(one.body.definition.fields.map((f: { name: string }) => f.name)).toEqual([
      'title',
      'slug',
      'rating',
      'author',
    ]);
    expect(await events(ws.id, 'content.type.created')).toHaveLength(4);

    // indexed and slug fields get an expression index on the published document; the others none.
    const [{ id: typeId }] = await sut.dataSource.query(
      `SELECT id FROM content_types WHERE workspace_id = $1 AND api_id = 'blog-post'`,
      [ws.id],
    );
    const made = await indexes(typeId);
    expect(made.map((i) => i.indexname.split('_').pop())).toEqual(['rating', 'slug']);
    expect(made[0].indexdef).toContain(`WHERE (content_type_id = '${typeId}'::uuid)`);
    // The expressions the delivery API filters and sorts by: numbers as numeric, the rest as text.
    expect(made[0].indexdef).toContain(`((published_data ->> 'rating'::text))::numeric`);
    expect(made[1].indexdef).toContain(`(published_data ->> 'slug'::text)`);
    // ...and the management list's indexes on drafts, for the indexed field.
    const drafts: Array<{ indexdef: string }> = await sut.dataSource.query(
      `SELECT indexdef FROM pg_indexes WHERE indexname LIKE $1`,
      [`content_draft_${typeId.replace(/-/g, '')}_%`],
    );
    expect(drafts.map((d) => d.indexdef).join('\n')).toContain('rating');
  });

  it.each([
    ['an API id that is not kebab-case', { ...author, apiId: 'Author_X' }, 'apiId'],
    ['an unknown kind', { ...author, kind: 'table' }, 'kind'],
    ['an unknown field type', { ...author, fields: [{ name: 'x', type: 'colour' }] }, 'fields[0].type'],
    ['a reserved field name', { ...author, fields: [{ name: 'id', type: 'text' }] }, 'fields[0].name'],
    [
      'a duplicate field name',
      {
        ...author,
        fields: [
          { name: 'a', type: 'text' },
          { name: 'a', type: 'text' },
        ],
      },
      'fields[1].name',
    ],
    [
      'a relation to an unknown type',
      { ...author, fields: [{ name: 'x', type: 'relation', target: 'nope' }] },
      'fields[0].target',
    ],
    [
      'a missing component',
      { ...author, fields: [{ name: 'x', type: 'component', component: 'nope' }] },
      'fields[0].component',
    ],
    ['min above max', { ...author, fields: [{ name: 'x', type: 'integer', min: 5, max: 1 }] }, 'fields[0]'],
    ['an enum without values', { ...author, fields: [{ name: 'x', type: 'enum', values: [] }] }, 'fields[0].values'],
  ])('refuses %s with 400 naming the path; nothing is stored', async (_, definition, path) => {
    const owner = await signUp();
    const ws = await newWorkspace(owner);
    const response = await sut.http.post(url(ws.slug)).set(bearer(owner)).send(definition).expect(400);
    expect(response.body.type).toBe('urn:quire:problem:core.validation-failed');
    expect(
      (response.body.errors as Array<{ path: string }>).some((e) => e.path === path || e.path.startsWith(`${path}.`)),
    ).toBe(true);
    expect(await sut.dataSource.query(`SELECT 1 FROM content_types WHERE workspace_id = $1`, [ws.id])).toEqual([]);
  });

  it('refuses a taken API id with 409 content.type-exists', async () => {
    const owner = await signUp();
    const ws = await newWorkspace(owner);
    await sut.http.post(url(ws.slug)).set(bearer(owner)).send(author).expect(201);
    const again = await sut.http
      .post(url(ws.slug))
      .set(bearer(owner))
      .send({ ...author, name: 'Other' })
      .expect(409);
    expect(again.body.type).toBe('urn:quire:problem:content.type-exists');
  });

  it('keeps every version: the list grows, each version is readable with its definition and actor', async () => {
    const owner = await signUp();
    const ws = await newWorkspace(owner);
    await sut.http.post(url(ws.slug)).set(bearer(owner)).send(author).expect(201);
    const v2 = { ...author, fields: [...author.fields, { name: 'bio', type: 'longText' }] };
    const changed = await sut.http.put(url(ws.slug, '/author')).set(bearer(owner)).send({ definition: v2 }).expect(200);
    expect(changed.body).toMatchObject({ version: 2, migrated: 0, changes: [{ kind: 'field-added', field: 'bio' }] });
    const v3 = { ...v2, name: 'Writer' };
    await sut.http.put(url(ws.slug, '/author')).set(bearer(owner)).send({ definition: v3 }).expect(200);
    // The same definition again is no change: no version.
    const same = await sut.http.put(url(ws.slug, '/author')).set(bearer(owner)).send({ definition: v3 }).expect(200);
    expect(same.body.version).toBe(3);

    const versions = await sut.http.get(url(ws.slug, '/author/versions')).set(bearer(owner)).expect(200);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(versions.body[2]).toMatchObject({
      changes: [{ kind: 'type-created' }],
      actor: { type: 'user', id: owner.userId },
    });
    const second = await sut.http.get(url(ws.slug, '/author/versions/2')).set(bearer(owner)).expect(200);
    expect(second.body.definition.fields.map((f: { name: string }) => f.name)).toEqual(['name', 'bio']);
    expect(second.body.definition.name).toBe('Author');
    await sut.http.get(url(ws.slug, '/author/versions/9')).set(bearer(owner)).expect(404);
    await sut.http.get(url(ws.slug, '/author/versions/x')).set(bearer(owner)).expect(404);
    expect(await events(ws.id, 'content.type.updated')).toEqual([
      {
        payload: expect.objectContaining({
          apiId: 'author',
          version: 2,
          changes: [{ kind: 'field-added', field: 'bio' }],
          migrated: 0,
        }),
      },
      { payload: expect.objectContaining({ apiId: 'author', version: 3, changes: [{ kind: 'options-changed' }] }) },
    ]);
  });

  it('refuses to change the API id, bad renames and unknown body members with 400', async () => {
    const owner = await signUp();
    const ws = await newWorkspace(owner);
    await sut.http.post(url(ws.slug)).set(bearer(owner)).send(author).expect(201);
    const moved = await sut.http
      .put(url(ws.slug, '/author'))
      .set(bearer(owner))
      .send({ definition: { ...author, apiId: 'writer' } })
      .expect(400);
    expectValidationProblem(moved, ['definition.apiId']);
    const badField = await sut.http
      .put(url(ws.slug, '/author'))
      .set(bearer(owner))
      .send({ definition: { ...author, fields: [{ name: 'name', type: 'text', maxLength: -1 }] } })
      .expect(400);
    expect(badField.body.errors[0].path).toMatch(/^definition\.fields\[0\]/);
    const rename = await sut.http
      .put(url(ws.slug, '/author'))
      .set(bearer(owner))
      .send({ definition: author, renames: { ghost: 'name' }, migration: 'everything', extra: 1 })
      .expect(400);
    expectValidationProblem(rename, ['migration', 'extra']);
    const ghost = await sut.http
      .put(url(ws.slug, '/author'))
      .set(bearer(owner))
      .send({ definition: author, renames: { ghost: 'name' } })
      .expect(400);
    expectValidationProblem(ghost, ['renames.ghost']);
  });

  it('changes collection ↔ singleton only with at most one entry', async () => {
    const owner = await signUp();
    const ws = await newWorkspace(owner);
    await sut.http.post(url(ws.slug)).set(bearer(owner)).send(author).expect(201);
    await insertEntry(ws, 'author', {}, { en: { draft: { name: 'A' } } });
    await sut.http
      .put(url(ws.slug, '/author'))
      .set(bearer(owner))
      .send({ definition: { ...author, kind: 'singleton' } })
      .expect(200);
    await sut.http.put(url(ws.slug, '/author')).set(bearer(owner)).send({ definition: author }).expect(200);
    await insertEntry(ws, 'author', {}, { en: { draft: { name: 'B' } } });
    const refused = await sut.http
      .put(url(ws.slug, '/author'))
      .set(bearer(owner))
      .send({ definition: { ...author, kind: 'singleton' } })
      .expect(409);
    expect(refused.body).toMatchObject({ type: 'urn:quire:problem:content.kind-change-refused', entries: 2 });
  });

  it('refuses deleting a type in use: entries (trash too), relations to it, components embedded; then deletes', async () => {
    const owner = await signUp();
    const ws = await newWorkspace(owner);
    for (const d of [author, post, seoBlock, home])
      await sut.http.post(url(ws.slug)).set(bearer(owner)).send(d).expect(201);
    const relation = await sut.http.delete(url(ws.slug, '/author')).set(bearer(owner)).expect(409);
    expect(relation.body).toMatchObject({
      type: 'urn:quire:problem:content.type-in-use',
      relationsFrom: ['blog-post'],
    });
    const embedded = await sut.http.delete(url(ws.slug, '/hero-block')).set(bearer(owner)).expect(409);
    expect(embedded.body).toMatchObject({ embeddedBy: ['home-page'] });
    await insertEntry(ws, 'blog-post', { rating: 1 }, { en: { draft: { title: 'T' } } }, { trashed: true });
    const entries = await sut.http.delete(url(ws.slug, '/blog-post')).set(bearer(owner)).expect(409);
    expect(entries.body).toMatchObject({ entries: 1, relationsFrom: [] });
    await sut.dataSource.query(`DELETE FROM content_entries WHERE workspace_id = $1`, [ws.id]);

    const [{ id: typeId }] = await sut.dataSource.query(
      `SELECT id FROM content_types WHERE workspace_id = $1 AND api_id = 'blog-post'`,
      [ws.id],
    );
    await sut.http.delete(url(ws.slug, '/blog-post')).set(bearer(owner)).expect(204);
    expect(await indexes(typeId)).toEqual([]);
    await sut.http.delete(url(ws.slug, '/author')).set(bearer(owner)).expect(204);
    await sut.http.get(url(ws.slug, '/author')).set(bearer(owner)).expect(404);
    expect(await events(ws.id, 'content.type.deleted')).toHaveLength(2);
    expect(
      await sut.dataSource.query(`SELECT 1 FROM content_type_versions WHERE content_type_id = $1`, [typeId]),
    ).toEqual([]);
  });

  it('lets members read, only owners and admins write (403); another workspace’s type is 404', async () => {
    const owner = await signUp();
    const ws = await newWorkspace(owner);
    const viewer = await member(ws, 'viewer');
    const editor = await member(ws, 'editor');
    const admin = await member(ws, 'admin');
    await sut.http.post(url(ws.slug)).set(bearer(admin)).send(author).expect(201);
    await sut.http.get(url(ws.slug, '/author')).set(bearer(viewer)).expect(200);
    const refused = await sut.http.post(url(ws.slug)).set(bearer(viewer)).send(post).expect(403);
    expect(refused.body.type).toBe('urn:quire:problem:core.forbidden');
    await sut.http.put(url(ws.slug, '/author')).set(bearer(editor)).send({ definition: author }).expect(403);
    await sut.http.delete(url(ws.slug, '/author')).set(bearer(editor)).expect(403);

    const stranger = await signUp();
    const other = await newWorkspace(stranger);
    await sut.http.get(url(other.slug, '/author')).set(bearer(stranger)).expect(404);
    await sut.http.put(url(other.slug, '/author')).set(bearer(stranger)).send({ definition: author }).expect(404);
    await sut.http.delete(url(other.slug, '/author')).set(bearer(stranger)).expect(404);
    await sut.http.get(url(ws.slug, '/author')).set(bearer(stranger)).expect(404);
    expect((await sut.http.get(url(other.slug)).set(bearer(stranger)).expect(200)).body.data).toEqual([]);
  });

  it('honours per-type conditions on apiId (custom role): the list and each route see only allowed types', async () => {
    const owner = await signUp();
    const ws = await newWorkspace(owner);
    for (const d of [author, post]) await sut.http.post(url(ws.slug)).set(bearer(owner)).send(d).expect(201);
    const role = await sut.http
      .post(`/api/v1/workspaces/${ws.slug}/roles`)
      .set(bearer(owner))
      .send({
        key: 'author-modeller',
        name: 'Author modeller',
        rules: [
          { action: 'read', subject: 'ContentType', conditions: { apiId: 'author' } },
          { action: 'update', subject: 'ContentType', conditions: { apiId: 'author' } },
        ],
      });
    expect([role.status, role.body.errors]).toEqual([201, undefined]);
    const modeller = await member(ws, 'author-modeller');
    const list = await sut.http.get(url(ws.slug)).set(bearer(modeller)).expect(200);
    expect(list.body.data.map((t: { apiId: string }) => t.apiId)).toEqual(['author']);
    await sut.http.get(url(ws.slug, '/blog-post')).set(bearer(modeller)).expect(404);
    await sut.http
      .put(url(ws.slug, '/author'))
      .set(bearer(modeller))
      .send({ definition: { ...author, name: 'W' } })
      .expect(200);
    await sut.http.put(url(ws.slug, '/blog-post')).set(bearer(modeller)).send({ definition: post }).expect(404);
    const snapshot = await sut.http
      .get(`/api/v1/workspaces/${ws.slug}/content-schema`)
      .set(bearer(modeller))
      .expect(200);
    expect(snapshot.body.types.map((t: { apiId: string }) => t.apiId)).toEqual(['author']);
  });
});
