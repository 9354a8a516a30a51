import { ContentPlugin } from '@quire/content';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { bearer, contentTypeHelpers, type Account } from './content-types-support';

type Field = Record<string, unknown> & { name: string };

const article = (fields: Field[]) => ({ apiId: 'article', kind: 'collection', name: 'Article', fields });
const TITLE: Field = { name: 'title', type: 'text', maxLength: 100 };
const RATING: Field = { name: 'rating', type: 'integer', indexed: true };
const NOTE: Field = { name: 'note', type: 'text', localized: false };
const BASE = [TITLE, RATING, NOTE];

describe('Content types: schema changes on populated types', () => {
  let sut: TestApp;
  const { signUp, newWorkspace, insertEntry, stored } = contentTypeHelpers(() => sut);

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
  });
  afterAll(() => sut?.close());

  /** A workspace (en default, de) with the article type and three entries: one published in both locales. */
  async function populated() {
    const owner = await signUp();
    const ws = await newWorkspace(owner);
    await sut.http
      .post(`/api/v1/workspaces/${ws.slug}/content-types`)
      .set(bearer(owner))
      .send(article(BASE))
      .expect(201);
    const published = await insertEntry(
      ws,
      'article',
      { rating: 4, note: 'internal' },
      {
        en: {
          draft: { title: 'A rather long English title' },
          published: { title: 'A rather long English title', rating: 4, note: 'internal' },
        },
        de: { draft: { title: 'Kurz' }, published: { title: 'Kurz', rating: 4, note: 'internal' } },
      },
    );
    const draft = await insertEntry(ws, 'article', { rating: 2 }, { en: { draft: { title: 'Short' } } });
    const trashed = await insertEntry(
      ws,
      'article',
      {},
      { en: { draft: { title: 'Another long title here' } } },
      { trashed: true },
    );
    return { owner, ws, published, draft, trashed };
  }

  const put = (owner: Account, ws: { slug: string }, body: Record<string, unknown>) =>
    sut.http.put(`/api/v1/workspaces/${ws.slug}/content-types/article`).set(bearer(owner)).send(body);
  const version = async (ws: { id: string }) =>
    (
      await sut.dataSource.query(`SELECT version FROM content_types WHERE workspace_id = $1 AND api_id = 'article'`, [
        ws.id,
      ])
    )[0].version as number;
  const revisions = (entryId: string) =>
    sut.dataSource.query(`SELECT number, kind, snapshot FROM content_revisions WHERE entry_id = $1 ORDER BY number`, [
      entryId,
    ]);

  it('adds an optional field without touching entries', async () => {
    const { owner, ws, published } = await populated();
    const before = await stored(published);
    const response = await put(owner, ws, {
      definition: article([...BASE, { name: 'subtitle', type: 'text' }]),
    }).expect(200);
    expect(response.body).toMatchObject({
      version: 2,
      migrated: 0,
      changes: [{ kind: 'field-added', field: 'subtitle' }],
    });
    expect(await stored(published)).toEqual(before);
  });

  it('adds a required field: drafts stay valid (required is checked at publish)', async () => {
    const { owner, ws, draft } = await populated();
    const response = await put(owner, ws, {
      definition: article([...BASE, { name: 'summary', type: 'text', required: true }]),
    }).expect(200);
    expect(response.body.changes).toEqual([{ kind: 'field-added', field: 'summary', details: ['required'] }]);
    expect((await stored(draft)).locales.en.draft).toEqual({ title: 'Short' });
  });

  it('renames a field: drafts and published documents follow; the type version records it, entries get no revision', async () => {
    const { owner, ws, published, draft } = await populated();
    const renamed = article([{ ...TITLE, name: 'headline' }, RATING, NOTE]);
    const response = await put(owner, ws, { definition: renamed, renames: { title: 'headline' } }).expect(200);
    expect(response.body.changes).toEqual([
      { kind: 'field-renamed', field: 'headline', from: 'title', to: 'headline' },
    ]);
    expect(response.body.migrated).toBe(3);
    const after = await stored(published);
    expect(after.locales.en).toEqual({
      draft: { headline: 'A rather long English title' },
      published: { headline: 'A rather long English title', rating: 4, note: 'internal' },
    });
    expect(after.locales.de.published).toEqual({ headline: 'Kurz', rating: 4, note: 'internal' });
    expect((await stored(draft)).locales.en.draft).toEqual({ headline: 'Short' });
    // A key move, not an edit: recorded once in the type's history, not as a revision of every entry.
    expect(await revisions(draft)).toEqual([]);
    expect(after.revision).toBe(0);
    const [recorded] = await sut.dataSource.query(
      `SELECT v.changes FROM content_type_versions v JOIN content_types t ON t.id = v.content_type_id
        WHERE t.workspace_id = $1 AND t.api_id = 'article' AND v.version = 2`,
      [ws.id],
    );
    expect(recorded.changes).toEqual([{ kind: 'field-renamed', field: 'headline', from: 'title', to: 'headline' }]);
  });

  it('renaming without renames is remove + add: refused when entries hold values', async () => {
    const { owner, ws } = await populated();
    const response = await put(owner, ws, {
      definition: article([{ ...TITLE, name: 'headline' }, RATING, NOTE]),
    }).expect(409);
    expect(response.body.type).toBe('urn:quire:problem:content.schema-change-orphans-data');
  });

  it('refuses removing a field with data (report, trash included); drop-data removes the values', async () => {
    const { owner, ws, published, draft, trashed } = await populated();
    const without = article([TITLE, NOTE]);
    const refused = await put(owner, ws, { definition: without }).expect(409);
    expect(refused.body.type).toBe('urn:quire:problem:content.schema-change-orphans-data');
    expect(refused.body.report.total).toBe(2);
    const listed = refused.body.report.entries as Array<{
      entryId: string;
      locale: string | null;
      state: string;
      fields: Array<{ path: string }>;
    }>;
    expect(new Set(listed.map((e) => e.entryId))).toEqual(new Set([published, draft]));
    expect(listed).toContainEqual({
      entryId: draft,
      locale: null,
      state: 'draft',
      fields: [{ path: 'rating', message: 'field removed' }],
    });
    expect(listed).toContainEqual({
      entryId: published,
      locale: 'de',
      state: 'published',
      fields: [{ path: 'rating', message: 'field removed' }],
    });
    expect(await version(ws)).toBe(1);
    expect((await stored(draft)).shared).toEqual({ rating: 2 });

    const dropped = await put(owner, ws, { definition: without, migration: 'drop-data' }).expect(200);
    expect(dropped.body).toMatchObject({
      version: 2,
      migrated: 2,
      changes: [{ kind: 'field-removed', field: 'rating' }],
    });
    expect((await stored(draft)).shared).toEqual({});
    expect((await stored(published)).locales.en.published).toEqual({
      title: 'A rather long English title',
      note: 'internal',
    });
    expect((await stored(trashed)).shared).toEqual({});
    // Recorded once in the type's version history; older revisions keep the old values.
    expect(await revisions(draft)).toEqual([]);
  });

  it('refuses tightening maxLength with a report of the invalid entries; reset-invalid-values removes those values', async () => {
    const { owner, ws, published, draft, trashed } = await populated();
    const tighter = article([{ ...TITLE, maxLength: 10 }, RATING, NOTE]);
    const refused = await put(owner, ws, { definition: tighter }).expect(409);
    expect(refused.body.type).toBe('urn:quire:problem:content.schema-change-invalidates-entries');
    expect(refused.body.report.total).toBe(2);
    const listed = refused.body.report.entries as Array<{
      entryId: string;
      locale: string;
      state: string;
      fields: Array<{ path: string; message: string }>;
    }>;
    expect(
      listed
        .map(
          (e) =>
            `${e.entryId === published ? 'published' : e.entryId === trashed ? 'trashed' : 'other'} ${e.locale} ${e.state}`,
        )
        .sort(),
    ).toEqual(['published en draft', 'published en published', 'trashed en draft']);
    expect(listed[0].fields[0].path).toBe('title');
    expect(listed[0].fields[0].message).toMatch(/10/);
    expect(await version(ws)).toBe(1);

    const reset = await put(owner, ws, { definition: tighter, migration: 'reset-invalid-values' }).expect(200);
    expect(reset.body).toMatchObject({ version: 2, migrated: 2 });
    const after = await stored(published);
    expect(after.locales.en).toEqual({ draft: {}, published: { rating: 4, note: 'internal' } });
    expect(after.locales.de.draft).toEqual({ title: 'Kurz' });
    expect((await stored(draft)).locales.en.draft).toEqual({ title: 'Short' });
    expect((await revisions(published)).map((r: { kind: string }) => r.kind)).toEqual(['schema-migration']);
    expect(await revisions(draft)).toEqual([]);
  });

  it('dry run answers what would happen and writes nothing', async () => {
    const { owner, ws, published } = await populated();
    const before = await stored(published);
    const tighter = article([{ ...TITLE, maxLength: 10 }, RATING]);
    const preview = await put(owner, ws, { definition: tighter, dryRun: true }).expect(200);
    expect(preview.body).toMatchObject({
      refusal: 'content.schema-change-orphans-data',
      // What the change rewrites once allowed: the published entry (note, title) and the trashed one (title).
      wouldMigrate: 2,
      report: { orphaned: { total: 1 }, invalid: { total: 2 } },
    });
    expect(preview.body.changes.map((c: { kind: string }) => c.kind)).toEqual(['field-changed', 'field-removed']);
    const allowed = await put(owner, ws, {
      definition: tighter,
      dryRun: true,
      migration: 'reset-invalid-values',
    }).expect(200);
    expect(allowed.body).toMatchObject({ refusal: null, wouldMigrate: 2 });
    expect(await version(ws)).toBe(1);
    expect(await stored(published)).toEqual(before);
    expect(
      await sut.dataSource.query(
        `SELECT 1 FROM quire_outbox WHERE workspace_id = $1 AND event_name = 'content.type.updated'`,
        [ws.id],
      ),
    ).toEqual([]);
  });

  it('localized → shared keeps the default locale’s value (others dropped with drop-data); shared → localized copies', async () => {
    const { owner, ws, published, draft } = await populated();
    const shared = article([{ ...TITLE, localized: false }, RATING, NOTE]);
    const refused = await put(owner, ws, { definition: shared }).expect(409);
    expect(refused.body.report.entries).toEqual([
      {
        entryId: published,
        locale: 'de',
        state: 'draft',
        fields: [{ path: 'title', message: expect.stringContaining('dropped') }],
      },
    ]);
    await put(owner, ws, { definition: shared, migration: 'drop-data' }).expect(200);
    const after = await stored(published);
    expect(after.shared).toEqual({ rating: 4, note: 'internal', title: 'A rather long English title' });
    expect(after.locales.de.draft).toEqual({});
    // Published documents are whole documents per locale: unchanged until the next publish.
    expect(after.locales.de.published).toEqual({ title: 'Kurz', rating: 4, note: 'internal' });
    expect((await stored(draft)).shared).toEqual({ rating: 2, title: 'Short' });

    const localized = article([{ ...TITLE, localized: false }, { ...RATING, localized: true }, NOTE]);
    await put(owner, ws, { definition: localized }).expect(200);
    const back = await stored(published);
    expect(back.shared).toEqual({ note: 'internal', title: 'A rather long English title' });
    expect(back.locales.en.draft).toEqual({ rating: 4 });
    expect(back.locales.de.draft).toEqual({ rating: 4 });
  });

  it('making a field private strips it from every published document and drops its index', async () => {
    const { owner, ws, published } = await populated();
    const [{ id: typeId }] = await sut.dataSource.query(
      `SELECT id FROM content_types WHERE workspace_id = $1 AND api_id = 'article'`,
      [ws.id],
    );
    const indexOf = async () =>
      (
        await sut.dataSource.query(`SELECT indexname FROM pg_indexes WHERE indexname LIKE $1`, [
          `content_idx_${typeId.replace(/-/g, '')}_%`,
        ])
      ).map((r: { indexname: string }) => r.indexname.split('_').pop());
    expect(await indexOf()).toEqual(['rating']);
    await put(owner, ws, {
      definition: article([TITLE, { name: 'rating', type: 'integer', private: true }, NOTE]),
    }).expect(200);
    const after = await stored(published);
    expect(after.locales.en.published).toEqual({ title: 'A rather long English title', note: 'internal' });
    expect(after.locales.de.published).toEqual({ title: 'Kurz', note: 'internal' });
    expect(after.shared).toEqual({ rating: 4, note: 'internal' });
    expect(await indexOf()).toEqual([]);
  });
});
