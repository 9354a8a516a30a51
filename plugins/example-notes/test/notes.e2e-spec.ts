import { ExampleNotesPlugin } from '@quire/plugin-example-notes';
import { createTestApp, FixtureTenancy, fixtureTenancyPlugin, fixtureToken, type TestApp } from '@quire/testing';
import type { WorkspaceRef } from '@quire/core';

const editorRules = [{ action: ['create', 'read', 'update', 'delete'], subject: 'Note' }];
const viewerRules = [{ action: 'read', subject: 'Note', conditions: { status: 'published' } }];
const authorRules = [
  { action: ['create', 'read'], subject: 'Note' },
  { action: ['delete'], subject: 'Note', conditions: { createdById: '{{actor.id}}' } },
];

describe('example-notes plugin through HTTP', () => {
  let sut: TestApp;
  const tenancy = new FixtureTenancy();
  let acme: WorkspaceRef;
  let globex: WorkspaceRef;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [fixtureTenancyPlugin(tenancy), ExampleNotesPlugin] });
    acme = tenancy.addWorkspace('acme');
    globex = tenancy.addWorkspace('globex');
    tenancy.grant(acme, 'alice', editorRules);
    tenancy.grant(acme, 'victor', viewerRules);
    tenancy.grant(acme, 'arthur', authorRules);
    tenancy.grant(globex, 'gina', editorRules);
  });
  afterAll(() => sut?.close());

  const as = (user: string) => ({ Authorization: fixtureToken(user) });

  function createNote(user: string, workspace: string, body: object) {
    return sut.http.post(`/api/v1/workspaces/${workspace}/notes`).set(as(user)).send(body);
  }

  it('creates, reads, lists and deletes a note', async () => {
    const created = await createNote('alice', 'acme', {
      title: 'Hello',
      body: 'World',
      status: 'published',
      priority: 2,
    }).expect(201);
    expect(created.body).toMatchObject({ title: 'Hello', status: 'published', priority: 2, createdById: 'alice' });
    await sut.http.get(`/api/v1/workspaces/acme/notes/${created.body.id}`).set(as('alice')).expect(200);
    const list = await sut.http
      .get('/api/v1/workspaces/acme/notes?filter[title][contains]=hell&sort=-createdAt')
      .set(as('alice'))
      .expect(200);
    expect(list.body.data.map((n: { id: string }) => n.id)).toContain(created.body.id);
    expect(list.body.meta).toMatchObject({ page: 1, pageSize: 20 });
    await sut.http.delete(`/api/v1/workspaces/acme/notes/${created.body.id}`).set(as('alice')).expect(204);
    await sut.http.get(`/api/v1/workspaces/acme/notes/${created.body.id}`).set(as('alice')).expect(404);
  });

  it('applies permission conditions to lists in SQL: a viewer sees only published notes', async () => {
    await createNote('alice', 'acme', { title: 'Draft secret', status: 'draft' }).expect(201);
    const published = await createNote('alice', 'acme', { title: 'Public', status: 'published' }).expect(201);
    const list = await sut.http.get('/api/v1/workspaces/acme/notes?pageSize=100').set(as('victor')).expect(200);
    const titles = list.body.data.map((n: { title: string }) => n.title);
    expect(titles).toContain('Public');
    expect(titles).not.toContain('Draft secret');
    expect(list.body.meta.total).toBe(list.body.data.length);
    await sut.http.get(`/api/v1/workspaces/acme/notes/${published.body.id}`).set(as('victor')).expect(200);
  });

  it('selects fields', async () => {
    const list = await sut.http.get('/api/v1/workspaces/acme/notes?fields=id,title').set(as('alice')).expect(200);
    expect(Object.keys(list.body.data[0]).sort()).toEqual(['id', 'title']);
  });

  describe('refuses', () => {
    it('401 without credentials, and for a revoked user', async () => {
      const res = await sut.http.get('/api/v1/workspaces/acme/notes').expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 401, type: 'urn:quire:problem:core.unauthenticated' });
      tenancy.grant(acme, 'mallory', editorRules);
      tenancy.revoke('mallory');
      await sut.http.get('/api/v1/workspaces/acme/notes').set(as('mallory')).expect(401);
    });

    it('403 for a role without the permission', async () => {
      const res = await createNote('victor', 'acme', { title: 'nope' }).expect(403);
      expect(res.body).toMatchObject({
        status: 403,
        type: 'urn:quire:problem:core.forbidden',
        action: 'create',
        subject: 'Note',
      });
    });

    it('403 for an instance the rules exclude (author deleting someone else’s note)', async () => {
      const note = await createNote('alice', 'acme', { title: 'Alice owns this' }).expect(201);
      const res = await sut.http.delete(`/api/v1/workspaces/acme/notes/${note.body.id}`).set(as('arthur')).expect(403);
      expect(res.body.type).toBe('urn:quire:problem:core.forbidden');
      const own = await createNote('arthur', 'acme', { title: 'Arthur owns this' }).expect(201);
      await sut.http.delete(`/api/v1/workspaces/acme/notes/${own.body.id}`).set(as('arthur')).expect(204);
    });

    it('404 for another workspace, for its records, and for its records inside our routes', async () => {
      const theirs = await createNote('gina', 'globex', { title: 'Globex only', status: 'published' }).expect(201);
      const notMember = await sut.http.get('/api/v1/workspaces/globex/notes').set(as('alice')).expect(404);
      expect(notMember.body.type).toBe('urn:quire:problem:core.workspace-not-found');
      await sut.http.get(`/api/v1/workspaces/${globex.id}/notes`).set(as('alice')).expect(404);
      await sut.http.get(`/api/v1/workspaces/acme/notes/${theirs.body.id}`).set(as('alice')).expect(404);
      await sut.http.delete(`/api/v1/workspaces/acme/notes/${theirs.body.id}`).set(as('alice')).expect(404);
      const list = await sut.http
        .get(`/api/v1/workspaces/acme/notes?filter[id][eq]=${theirs.body.id}`)
        .set(as('alice'))
        .expect(200);
      expect(list.body.data).toEqual([]);
      await sut.http.get('/api/v1/workspaces/nowhere/notes').set(as('alice')).expect(404);
    });

    it('400 listing every invalid field, and writes nothing', async () => {
      const before = await sut.dataSource.query('SELECT count(*)::int AS n FROM example_notes');
      const res = await createNote('alice', 'acme', { title: '', priority: 9, status: 'gone', extra: true }).expect(
        400,
      );
      expect(res.body.type).toBe('urn:quire:problem:core.validation-failed');
      const paths = res.body.errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['title', 'priority', 'status', 'extra']));
      const after = await sut.dataSource.query('SELECT count(*)::int AS n FROM example_notes');
      expect(after[0].n).toBe(before[0].n);
    });

    it('400 for an invalid UUID in the path', async () => {
      const res = await sut.http.get('/api/v1/workspaces/acme/notes/not-a-uuid').set(as('alice')).expect(400);
      expect(res.body.errors).toEqual([{ path: 'id', message: 'id must be a UUID' }]);
    });

    it('400 naming unknown list fields, operators and parameters', async () => {
      const res = await sut.http
        .get('/api/v1/workspaces/acme/notes?filter[secret][eq]=1&filter[title][regex]=x&sort=nope&bogus=1')
        .set(as('alice'))
        .expect(400);
      const paths = res.body.errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['filter[secret]', 'filter[title][regex]', 'sort', 'bogus']));
    });

    it('400 for malformed JSON', async () => {
      const res = await sut.http
        .post('/api/v1/workspaces/acme/notes')
        .set(as('alice'))
        .set('Content-Type', 'application/json')
        .send('{"title": ')
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: 'urn:quire:problem:core.malformed-json', status: 400 });
      expect(res.body.requestId).toEqual(res.headers['x-request-id']);
    });

    it('413 for a body over the limit', async () => {
      const res = await createNote('alice', 'acme', { title: 'big', body: 'x'.repeat(2 * 1024 * 1024) }).expect(413);
      expect(res.body).toMatchObject({ type: 'urn:quire:problem:core.payload-too-large', status: 413 });
    });

    it('415 for a body that is not JSON', async () => {
      const res = await sut.http
        .post('/api/v1/workspaces/acme/notes')
        .set(as('alice'))
        .set('Content-Type', 'text/plain')
        .send('title=hello')
        .expect(415);
      expect(res.body).toMatchObject({ type: 'urn:quire:problem:core.unsupported-media-type', status: 415 });
    });

    it('never leaks a stack trace or SQL', async () => {
      const res = await sut.http
        .get('/api/v1/workspaces/acme/notes?filter[createdAt][gt]=not-a-date')
        .set(as('alice'))
        .expect(400);
      expect(JSON.stringify(res.body)).not.toMatch(/SELECT|at .*\.ts:|QueryFailedError/);
    });
  });
});
