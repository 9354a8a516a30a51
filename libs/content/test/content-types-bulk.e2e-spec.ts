import { uuidv7 } from '@quire/core';
import { ContentPlugin } from '@quire/content';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { bearer, contentTypeHelpers, type Account } from './content-types-support';
import { deliveryKey, insertEntry as insertPublished } from './delivery-support';

type Field = Record<string, unknown> & { name: string };

/**
 * Schema changes done with set-based statements (renames, removals, fields made private), the per-entry walk only
 * for the entries a rule change rewrites, and fields made unique over existing duplicates.
 */
describe('Content types: schema changes at scale (set-based)', () => {
  let sut: TestApp;
  const { signUp, newWorkspace, insertEntry, stored } = contentTypeHelpers(() => sut);

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
  });
  afterAll(() => sut?.close());

  const GALLERY = {
    apiId: 'gallery-item',
    kind: 'component',
    name: 'Gallery item',
    fields: [
      { name: 'image', type: 'media', multiple: false },
      { name: 'caption', type: 'text' },
    ],
  };
  const story = (fields: Field[]) => ({ apiId: 'story', kind: 'collection', name: 'Story', fields });
  const TITLE: Field = { name: 'title', type: 'text', maxLength: 200 };
  const BODY: Field = { name: 'body', type: 'longText' };
  const COVER: Field = { name: 'cover', type: 'media', multiple: false, localized: false };
  const BLOCKS: Field = { name: 'blocks', type: 'component', component: 'gallery-item', repeatable: true };
  const CODE: Field = { name: 'code', type: 'text', localized: false };
  const BASE = [TITLE, BODY, COVER, BLOCKS, CODE];

  async function workspaceWith(fields: Field[] = BASE) {
    const owner = await signUp();
    const ws = await newWorkspace(owner);
    await sut.http.post(`/api/v1/workspaces/${ws.slug}/content-types`).set(bearer(owner)).send(GALLERY).expect(201);
    await sut.http
      .post(`/api/v1/workspaces/${ws.slug}/content-types`)
      .set(bearer(owner))
      .send(story(fields))
      .expect(201);
    const [{ id: typeId }] = await sut.dataSource.query(
      `SELECT id FROM content_types WHERE workspace_id = $1 AND api_id = 'story'`,
      [ws.id],
    );
    return { owner, ws, typeId: typeId as string };
  }

  const put = (owner: Account, ws: { slug: string }, body: Record<string, unknown>) =>
    sut.http.put(`/api/v1/workspaces/${ws.slug}/content-types/story`).set(bearer(owner)).send(body);

  async function addReference(ws: { id: string }, entryId: string, locale: string, fieldPath: string, target: string) {
    await sut.dataSource.query(
      `INSERT INTO content_references (id, workspace_id, source_entry_id, locale, field_path, target_kind, target_id)
       VALUES ($1, $2, $3, $4, $5, 'media', $6)`,
      [uuidv7(), ws.id, entryId, locale, fieldPath, target],
    );
  }
  const referencesOf = async (entryId: string) =>
    (
      await sut.dataSource.query(
        `SELECT locale, field_path, target_id FROM content_references WHERE source_entry_id = $1
          ORDER BY locale, field_path`,
        [entryId],
      )
    ).map(
      (r: { locale: string; field_path: string; target_id: string }) => `${r.locale}|${r.field_path}|${r.target_id}`,
    );
  const revisionCount = async (ws: { id: string }) =>
    (
      await sut.dataSource.query(`SELECT count(*)::int AS count FROM content_revisions WHERE workspace_id = $1`, [
        ws.id,
      ])
    )[0].count as number;

  /** `count` plain entries with SQL (every one a draft in en, even ones published), for a type with many rows. */
  async function bulkEntries(ws: { id: string }, typeId: string, count: number) {
    await sut.dataSource.query(
      `WITH src AS (SELECT i, gen_random_uuid() AS id FROM generate_series(1, $3::int) AS i),
            entries AS (INSERT INTO content_entries (id, workspace_id, content_type_id, shared_data)
                        SELECT id, $1, $2, jsonb_build_object('code', 'C' || i) FROM src)
       INSERT INTO content_entry_locales (id, workspace_id, entry_id, content_type_id, locale, draft_data,
                                          published_data, published_at)
       SELECT gen_random_uuid(), $1, id, $2, 'en', jsonb_build_object('title', 'Story ' || i),
              CASE WHEN i % 2 = 0 THEN jsonb_build_object('title', 'Story ' || i, 'code', 'C' || i) END,
              CASE WHEN i % 2 = 0 THEN now() END
         FROM src`,
      [ws.id, typeId, count],
    );
  }

  it('renames fields on a populated type: drafts, published documents, trash and nested reference paths follow', async () => {
    const { owner, ws, typeId } = await workspaceWith();
    await bulkEntries(ws, typeId, 1200);
    const [image, cover, other] = [uuidv7(), uuidv7(), uuidv7()];
    const rich = await insertEntry(
      ws,
      'story',
      { code: 'R1', cover },
      {
        en: {
          draft: { title: 'Rich', blocks: [{ image, caption: 'A' }, { image: other }] },
          published: { title: 'Rich', code: 'R1', cover, blocks: [{ image, caption: 'A' }] },
        },
        de: { draft: { title: 'Reich', blocks: [{ image }] } },
      },
    );
    await addReference(ws, rich, '', 'cover', cover);
    await addReference(ws, rich, 'en', 'blocks[0].image', image);
    await addReference(ws, rich, 'en', 'blocks[1].image', other);
    await addReference(ws, rich, 'de', 'blocks[0].image', image);
    const trashed = await insertEntry(
      ws,
      'story',
      { cover },
      { en: { draft: { title: 'Gone', blocks: [] } } },
      {
        trashed: true,
      },
    );
    await addReference(ws, trashed, '', 'cover', cover);

    const renamed = [TITLE, BODY, { ...COVER, name: 'hero' }, { ...BLOCKS, name: 'gallery' }, CODE];
    const response = await put(owner, ws, {
      definition: story(renamed),
      renames: { cover: 'hero', blocks: 'gallery' },
    }).expect(200);
    expect(response.body.migrated).toBe(2);
    expect(response.body.changes.map((c: { kind: string; field: string }) => `${c.kind} ${c.field}`)).toEqual([
      'field-renamed hero',
      'field-renamed gallery',
    ]);

    const after = await stored(rich);
    expect(after.shared).toEqual({ code: 'R1', hero: cover });
    expect(after.locales.en.draft).toEqual({ title: 'Rich', gallery: [{ image, caption: 'A' }, { image: other }] });
    expect(after.locales.en.published).toEqual({
      title: 'Rich',
      code: 'R1',
      hero: cover,
      gallery: [{ image, caption: 'A' }],
    });
    expect(after.locales.de.draft).toEqual({ title: 'Reich', gallery: [{ image }] });
    expect((await stored(trashed)).shared).toEqual({ hero: cover });
    expect(await referencesOf(rich)).toEqual([
      `|hero|${cover}`,
      `de|gallery[0].image|${image}`,
      `en|gallery[0].image|${image}`,
      `en|gallery[1].image|${other}`,
    ]);
    expect(await referencesOf(trashed)).toEqual([`|hero|${cover}`]);
    // The bulk entries held neither field: untouched; no entry got a revision.
    expect(await revisionCount(ws)).toBe(0);

    // Swapping two names moves both values and both sets of references.
    const swapped = [
      { ...TITLE, name: 'body' },
      { ...BODY, name: 'title' },
      { ...COVER, name: 'hero' },
      { ...BLOCKS, name: 'gallery' },
      CODE,
    ];
    const swap = await put(owner, ws, { definition: story(swapped), renames: { title: 'body', body: 'title' } }).expect(
      200,
    );
    expect(swap.body.migrated).toBe(1200 + 2);
    expect((await stored(rich)).locales.de.draft).toEqual({ body: 'Reich', gallery: [{ image }] });
    const [sample] = await sut.dataSource.query(
      `SELECT draft_data, published_data FROM content_entry_locales
        WHERE content_type_id = $1 AND draft_data->>'body' = 'Story 2'`,
      [typeId],
    );
    expect(sample).toEqual({ draft_data: { body: 'Story 2' }, published_data: { body: 'Story 2', code: 'C2' } });
  });

  it('removes a field with drop-data everywhere, its references too; a dry run reports and writes nothing', async () => {
    const { owner, ws, typeId } = await workspaceWith();
    await bulkEntries(ws, typeId, 600);
    const image = uuidv7();
    const rich = await insertEntry(
      ws,
      'story',
      { code: 'R1' },
      {
        en: { draft: { title: 'Rich', blocks: [{ image }] }, published: { title: 'Rich', blocks: [{ image }] } },
      },
    );
    await addReference(ws, rich, 'en', 'blocks[0].image', image);
    const without = story([TITLE, BODY, COVER]);

    const preview = await put(owner, ws, { definition: without, dryRun: true }).expect(200);
    expect(preview.body).toMatchObject({
      refusal: 'content.schema-change-orphans-data',
      wouldMigrate: 601,
      report: { orphaned: { total: 601 }, invalid: { total: 0 }, duplicates: { total: 0 } },
    });
    expect(preview.body.report.orphaned.entries).toHaveLength(100);
    expect((await stored(rich)).locales.en.draft).toEqual({ title: 'Rich', blocks: [{ image }] });

    const refused = await put(owner, ws, { definition: without }).expect(409);
    expect(refused.body.type).toBe('urn:quire:problem:content.schema-change-orphans-data');
    expect(refused.body.report.total).toBe(601);
    expect(refused.body.report.entries).toContainEqual({
      entryId: rich,
      locale: 'en',
      state: 'published',
      fields: [{ path: 'blocks', message: 'field removed' }],
    });

    const dropped = await put(owner, ws, { definition: without, migration: 'drop-data' }).expect(200);
    expect(dropped.body.migrated).toBe(601);
    const after = await stored(rich);
    expect(after.shared).toEqual({});
    expect(after.locales.en).toEqual({ draft: { title: 'Rich' }, published: { title: 'Rich' } });
    expect(await referencesOf(rich)).toEqual([]);
    const [{ left }] = await sut.dataSource.query(
      `SELECT count(*)::int AS left FROM content_entry_locales
        WHERE content_type_id = $1 AND (published_data ? 'code' OR draft_data ? 'code')`,
      [typeId],
    );
    expect(left).toBe(0);
    expect(await revisionCount(ws)).toBe(0);
  });

  it('making a field private strips published documents, and delivery search no longer finds its text', async () => {
    const { owner, ws, typeId } = await workspaceWith([TITLE, BODY]);
    const key = await deliveryKey(sut, { userId: owner.userId, token: owner.token }, ws.slug);
    await insertPublished(sut, ws.id, typeId, {
      en: { published: { title: 'Harbour walk', body: 'The lighthouse keeper shares a secret recipe' } },
    });
    await insertPublished(sut, ws.id, typeId, { en: { published: { title: 'Lighthouse history', body: 'Stones' } } });
    const search = async (q: string) =>
      (
        await sut.http
          .get(`/api/v1/delivery/${ws.slug}/story?q=${q}`)
          .set(bearer({ userId: '', token: key.secret }))
          .expect(200)
      ).body.data as Array<Record<string, unknown>>;
    expect((await search('recipe')).map((e) => e.title)).toEqual(['Harbour walk']);

    await put(owner, ws, { definition: story([TITLE, { ...BODY, private: true }]) }).expect(200);
    expect(await search('recipe')).toEqual([]);
    const found = await search('lighthouse');
    expect(found.map((e) => e.title)).toEqual(['Lighthouse history']);
    expect(found[0]).not.toHaveProperty('body');
    const [{ holding }] = await sut.dataSource.query(
      `SELECT count(*)::int AS holding FROM content_entry_locales WHERE content_type_id = $1 AND published_data ? 'body'`,
      [typeId],
    );
    expect(holding).toBe(0);
    // Drafts keep the value: private means "not delivered", not "deleted".
    const [{ drafts }] = await sut.dataSource.query(
      `SELECT count(*)::int AS drafts FROM content_entry_locales WHERE content_type_id = $1 AND draft_data ? 'body'`,
      [typeId],
    );
    expect(drafts).toBe(2);
  });

  it('a rule change rewrites, with a revision, only the entries it changes (rename in the same change: all follow)', async () => {
    const { owner, ws, typeId } = await workspaceWith();
    await bulkEntries(ws, typeId, 700);
    const long = await insertEntry(
      ws,
      'story',
      {},
      { en: { draft: { title: 'x'.repeat(150) }, published: { title: 'x'.repeat(150) } } },
    );
    const tighter = story([{ ...TITLE, name: 'headline', maxLength: 100 }, BODY, COVER, BLOCKS, CODE]);
    const response = await put(owner, ws, {
      definition: tighter,
      renames: { title: 'headline' },
      migration: 'reset-invalid-values',
    }).expect(200);
    expect(response.body.migrated).toBe(701);
    expect((await stored(long)).locales.en).toEqual({ draft: {}, published: {} });
    const revisions = await sut.dataSource.query(
      `SELECT entry_id, kind FROM content_revisions WHERE workspace_id = $1`,
      [ws.id],
    );
    expect(revisions).toEqual([{ entry_id: long, kind: 'schema-migration' }]);
    const [{ renamed }] = await sut.dataSource.query(
      `SELECT count(*)::int AS renamed FROM content_entry_locales WHERE content_type_id = $1 AND draft_data ? 'headline'`,
      [typeId],
    );
    expect(renamed).toBe(700);
  });

  describe('making a field unique over existing values', () => {
    it('refuses duplicates of a shared field (drafts and published, trash excluded) with the duplicates listed', async () => {
      const { owner, ws } = await workspaceWith();
      const a = await insertEntry(ws, 'story', { code: 'same' }, { en: { draft: { title: 'A' } } });
      const b = await insertEntry(
        ws,
        'story',
        { code: 'other' },
        { en: { draft: { title: 'B' }, published: { title: 'B', code: 'same' } } },
      );
      await insertEntry(ws, 'story', { code: 'solo' }, { en: { draft: { title: 'C' } } });
      await insertEntry(ws, 'story', { code: 'solo' }, { en: { draft: { title: 'D' } } }, { trashed: true });
      await insertEntry(ws, 'story', { code: '' }, { en: { draft: { title: 'E' } } });
      await insertEntry(ws, 'story', { code: '' }, { en: { draft: { title: 'F' } } });
      const unique = story([TITLE, BODY, COVER, BLOCKS, { ...CODE, unique: true }]);

      const preview = await put(owner, ws, { definition: unique, dryRun: true }).expect(200);
      expect(preview.body).toMatchObject({
        refusal: 'content.schema-change-duplicate-values',
        report: { duplicates: { total: 2 } },
      });

      const refused = await put(owner, ws, { definition: unique, migration: 'reset-invalid-values' }).expect(409);
      expect(refused.body.type).toBe('urn:quire:problem:content.schema-change-duplicate-values');
      expect(refused.body.duplicates).toEqual([
        { field: 'code', locale: null, value: 'same', count: 2, entryIds: [a, b].sort() },
      ]);
      expect(refused.body.report.total).toBe(2);
      expect(refused.body.report.entries).toEqual(
        expect.arrayContaining([
          {
            entryId: a,
            locale: null,
            state: 'draft',
            fields: [{ path: 'code', message: expect.stringContaining('"same"') }],
          },
          { entryId: b, locale: 'en', state: 'published', fields: [{ path: 'code', message: expect.any(String) }] },
        ]),
      );
      const [{ version }] = await sut.dataSource.query(
        `SELECT version FROM content_types WHERE workspace_id = $1 AND api_id = 'story'`,
        [ws.id],
      );
      expect(version).toBe(1);

      // Once the values differ, the change applies.
      await sut.dataSource.query(`UPDATE content_entries SET shared_data = '{"code":"fixed"}' WHERE id = $1`, [a]);
      await put(owner, ws, { definition: unique }).expect(200);
    });

    it('compares a localized field per locale: the same value in two locales is no duplicate', async () => {
      const { owner, ws } = await workspaceWith();
      await insertEntry(ws, 'story', {}, { en: { draft: { title: 'Same' } }, de: { draft: { title: 'Gleich' } } });
      const de = await insertEntry(ws, 'story', {}, { de: { draft: { title: 'Same' } } });
      const unique = story([{ ...TITLE, unique: true }, BODY, COVER, BLOCKS, CODE]);
      await put(owner, ws, { definition: unique, dryRun: true }).expect(200);
      expect((await put(owner, ws, { definition: unique, dryRun: true })).body.refusal).toBeNull();

      const other = await insertEntry(ws, 'story', {}, { de: { draft: { title: 'Gleich' } } });
      const refused = await put(owner, ws, { definition: unique }).expect(409);
      expect(refused.body.duplicates).toEqual([
        expect.objectContaining({ field: 'title', locale: 'de', value: 'Gleich', count: 2 }),
      ]);
      expect(refused.body.duplicates[0].entryIds).toContain(other);
      expect(refused.body.duplicates[0].entryIds).not.toContain(de);
    });
  });
});
