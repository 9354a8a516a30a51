import { ContentPlugin } from '@quire/content';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, expectValidationProblem, type TestApp } from '@quire/testing';
import { bearer, contentTypeHelpers, type Account } from './content-types-support';

const hero = { apiId: 'hero-block', kind: 'component', name: 'Hero', fields: [{ name: 'heading', type: 'text' }] };
const author = {
  apiId: 'author',
  kind: 'collection',
  name: 'Author',
  fields: [{ name: 'name', type: 'text', maxLength: 100 }],
};
const post = {
  apiId: 'post',
  kind: 'collection',
  name: 'Post',
  fields: [
    { name: 'title', type: 'text' },
    { name: 'author', type: 'relation', target: 'author' },
    { name: 'hero', type: 'component', component: 'hero-block' },
  ],
};

describe('Content schema snapshots: export, diff, apply', () => {
  let sut: TestApp;
  const { signUp, newWorkspace, insertEntry } = contentTypeHelpers(() => sut);

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
  });
  afterAll(() => sut?.close());

  const schemaUrl = (ws: { slug: string }, path = '') => `/api/v1/workspaces/${ws.slug}/content-schema${path}`;
  async function workspaceWith(owner: Account, types: object[]) {
    const ws = await newWorkspace(owner);
    for (const t of types)
      await sut.http.post(`/api/v1/workspaces/${ws.slug}/content-types`).set(bearer(owner)).send(t).expect(201);
    return ws;
  }

  it('exports components first then by API id; applied to another workspace, the diff is empty', async () => {
    const owner = await signUp();
    const dev = await workspaceWith(owner, [author, hero, post]);
    const snapshot = (await sut.http.get(schemaUrl(dev)).set(bearer(owner)).expect(200)).body;
    expect(snapshot.format).toBe('quire.content-schema');
    expect(snapshot.formatVersion).toBe(1);
    expect(snapshot.types.map((t: { apiId: string }) => t.apiId)).toEqual(['hero-block', 'author', 'post']);

    const prod = await newWorkspace(owner);
    const plan = await sut.http.post(schemaUrl(prod, '/diff')).set(bearer(owner)).send(snapshot).expect(200);
    expect(plan.body).toEqual({ create: ['hero-block', 'author', 'post'], update: [], delete: [] });
    const applied = await sut.http.post(schemaUrl(prod, '/apply')).set(bearer(owner)).send({ snapshot }).expect(200);
    expect(applied.body).toMatchObject({
      dryRun: false,
      create: ['hero-block', 'author', 'post'],
      update: [],
      delete: [],
    });
    const again = await sut.http.post(schemaUrl(prod, '/diff')).set(bearer(owner)).send(snapshot).expect(200);
    expect(again.body).toEqual({ create: [], update: [], delete: [] });
    expect((await sut.http.get(schemaUrl(prod)).set(bearer(owner)).expect(200)).body).toEqual(snapshot);
    const [event] = await sut.dataSource.query(
      `SELECT payload FROM quire_outbox WHERE workspace_id = $1 AND event_name = 'content.schema.applied'`,
      [prod.id],
    );
    expect(event.payload).toEqual({ created: ['hero-block', 'author', 'post'], updated: [], deleted: [] });
  });

  it('diff shows creates, updates with their changes and deletes; apply with deleteMissing does them', async () => {
    const owner = await signUp();
    const target = await workspaceWith(owner, [
      author,
      { apiId: 'legacy', kind: 'collection', name: 'Legacy', fields: [] },
    ]);
    const snapshot = {
      format: 'quire.content-schema',
      formatVersion: 1,
      types: [hero, { ...author, fields: [...author.fields, { name: 'bio', type: 'longText' }] }, post],
    };
    const plan = await sut.http.post(schemaUrl(target, '/diff')).set(bearer(owner)).send(snapshot).expect(200);
    expect(plan.body).toEqual({
      create: ['hero-block', 'post'],
      update: [{ apiId: 'author', changes: [{ kind: 'field-added', field: 'bio' }] }],
      delete: ['legacy'],
    });
    const dry = await sut.http
      .post(schemaUrl(target, '/apply'))
      .set(bearer(owner))
      .send({ snapshot, deleteMissing: true, dryRun: true })
      .expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, create: ['hero-block', 'post'], delete: ['legacy'] });
    expect(
      (await sut.http.post(schemaUrl(target, '/diff')).set(bearer(owner)).send(snapshot).expect(200)).body,
    ).toEqual(plan.body);

    await sut.http
      .post(schemaUrl(target, '/apply'))
      .set(bearer(owner))
      .send({ snapshot, deleteMissing: true })
      .expect(200);
    expect(
      (await sut.http.post(schemaUrl(target, '/diff')).set(bearer(owner)).send(snapshot).expect(200)).body,
    ).toEqual({
      create: [],
      update: [],
      delete: [],
    });
  });

  it('refuses a snapshot whose update would invalidate entries: 409, nothing of it written', async () => {
    const owner = await signUp();
    const target = await workspaceWith(owner, [author]);
    await insertEntry(target, 'author', {}, { en: { draft: { name: 'A name longer than five' } } });
    const snapshot = {
      format: 'quire.content-schema',
      formatVersion: 1,
      types: [hero, { ...author, fields: [{ name: 'name', type: 'text', maxLength: 5 }] }],
    };
    const refused = await sut.http.post(schemaUrl(target, '/apply')).set(bearer(owner)).send({ snapshot }).expect(409);
    expect(refused.body.type).toBe('urn:quire:problem:content.schema-change-invalidates-entries');
    expect(refused.body.report.total).toBe(1);
    const types = await sut.dataSource.query(
      `SELECT api_id, version FROM content_types WHERE workspace_id = $1 ORDER BY api_id`,
      [target.id],
    );
    expect(types).toEqual([{ api_id: 'author', version: 1 }]);
    expect(
      await sut.dataSource.query(
        `SELECT 1 FROM quire_outbox WHERE workspace_id = $1 AND event_name IN ('content.schema.applied', 'content.type.created') AND payload->>'apiId' IS DISTINCT FROM 'author'`,
        [target.id],
      ),
    ).toEqual([]);
    // With the migration option it goes through.
    await sut.http
      .post(schemaUrl(target, '/apply'))
      .set(bearer(owner))
      .send({ snapshot, migration: 'reset-invalid-values' })
      .expect(200);
  });

  it('refuses a malformed snapshot or an invalid type in it with 400 naming the path; viewers may not apply', async () => {
    const owner = await signUp();
    const target = await newWorkspace(owner);
    const wrong = await sut.http
      .post(schemaUrl(target, '/diff'))
      .set(bearer(owner))
      .send({ format: 'x', types: {} })
      .expect(400);
    expectValidationProblem(wrong, ['format', 'formatVersion', 'types']);
    const bad = await sut.http
      .post(schemaUrl(target, '/apply'))
      .set(bearer(owner))
      .send({
        snapshot: {
          format: 'quire.content-schema',
          formatVersion: 1,
          types: [{ ...author, fields: [{ name: 'x', type: 'nope' }] }],
        },
      })
      .expect(400);
    expectValidationProblem(bad, ['snapshot.types[0].fields[0].type']);
    const viewer = await signUp();
    const { WorkspacesResolver } = await import('@quire/workspaces');
    await sut.app.get(WorkspacesResolver).ensureMember(target.id, viewer.userId, 'viewer');
    await sut.http
      .post(schemaUrl(target, '/apply'))
      .set(bearer(viewer))
      .send({ snapshot: { format: 'quire.content-schema', formatVersion: 1, types: [author] } })
      .expect(403);
    await sut.http.get(schemaUrl(target)).set(bearer(viewer)).expect(200);
  });
});
