import fc from 'fast-check';
import { ExampleNotesPlugin } from '@quire/plugin-example-notes';
import { createTestApp, FixtureTenancy, fixtureTenancyPlugin, fixtureToken, type TestApp } from '@quire/testing';

/**
 * The list language through the real app and PostgreSQL: whatever the query string, the answer is a 200 or a
 * 400 problem — never a 500 — and never a row of another workspace.
 */
describe('notes list under arbitrary query strings', () => {
  let sut: TestApp;
  const tenancy = new FixtureTenancy();
  const auth = { Authorization: fixtureToken('alice') };

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [fixtureTenancyPlugin(tenancy), ExampleNotesPlugin] });
    const acme = tenancy.addWorkspace('acme');
    const globex = tenancy.addWorkspace('globex');
    tenancy.grant(acme, 'alice', [{ action: ['create', 'read'], subject: 'Note' }]);
    tenancy.grant(globex, 'gina', [{ action: ['create', 'read'], subject: 'Note' }]);
    for (const [user, ws, title] of [
      ['alice', 'acme', "Acme's 100% plan"],
      ['alice', 'acme', 'under_score \\ back'],
      ['gina', 'globex', 'GLOBEX SECRET'],
    ]) {
      await sut.http
        .post(`/api/v1/workspaces/${ws}/notes`)
        .set('Authorization', fixtureToken(user))
        .send({ title, status: 'published' })
        .expect(201);
    }
  });
  afterAll(() => sut?.close());

  const field = fc.constantFrom(
    'title',
    'body',
    'status',
    'priority',
    'createdAt',
    'id',
    'createdById',
    'secret',
    'workspaceId',
    '__proto__',
    '',
  );
  const op = fc.constantFrom('eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'null', 'regex', '$where', '');
  const nasty = fc.constantFrom(
    "' OR 1=1 --",
    '%',
    '_',
    '\\',
    '"; DROP TABLE example_notes; --',
    'GLOBEX',
    '2026-13-45',
    '-1',
    '1e309',
    'true',
    'null',
    '',
  );
  const value = fc.oneof(
    fc.string({ maxLength: 20 }),
    nasty,
    fc.integer().map(String),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  );
  const param = fc.oneof(
    fc.tuple(field, op, value).map(([f, o, v]) => `filter[${f}][${o}]=${encodeURIComponent(v)}`),
    fc.tuple(field, value).map(([f, v]) => `filter[${f}]=${encodeURIComponent(v)}`),
    fc
      .tuple(
        fc.constantFrom('sort', 'fields'),
        fc.array(
          fc.oneof(
            field,
            field.map((f) => `-${f}`),
          ),
          { maxLength: 4 },
        ),
      )
      .map(([k, v]) => `${k}=${v.join(',')}`),
    fc
      .tuple(fc.constantFrom('page', 'pageSize'), fc.oneof(fc.integer({ min: -5, max: 500 }).map(String), nasty))
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`),
    fc.tuple(fc.string({ maxLength: 8 }), value).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
  );

  it('answers 200 or a 400 problem, and only with this workspace’s rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(param, { maxLength: 6 }), async (params) => {
        const res = await sut.http.get(`/api/v1/workspaces/acme/notes?${params.join('&')}`).set(auth);
        expect([200, 400]).toContain(res.status);
        if (res.status === 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body.errors.length).toBeGreaterThan(0);
        } else {
          expect(JSON.stringify(res.body)).not.toContain('GLOBEX SECRET');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('treats LIKE wildcards and quotes in contains literally', async () => {
    const percent = await sut.http
      .get(`/api/v1/workspaces/acme/notes?filter[title][contains]=${encodeURIComponent('100%')}`)
      .set(auth)
      .expect(200);
    expect(percent.body.data.map((n: { title: string }) => n.title)).toEqual(["Acme's 100% plan"]);
    const underscore = await sut.http
      .get('/api/v1/workspaces/acme/notes?filter[title][contains]=_')
      .set(auth)
      .expect(200);
    expect(underscore.body.data.map((n: { title: string }) => n.title)).toEqual(['under_score \\ back']);
    const quote = await sut.http
      .get(`/api/v1/workspaces/acme/notes?filter[title][contains]=${encodeURIComponent("' OR 1=1 --")}`)
      .set(auth)
      .expect(200);
    expect(quote.body.data).toEqual([]);
  });
});
