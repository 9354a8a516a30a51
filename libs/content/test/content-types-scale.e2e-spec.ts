import { ContentPlugin } from '@quire/content';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { bearer, contentTypeHelpers, type Account } from './content-types-support';

/**
 * Schema changes on a large type: seeds a type with SQL (`generate_series`), applies the common changes through
 * the API and prints how long each took (console only: no test asserts a time). Small by default so the suite
 * stays quick and the harness keeps working; `CONTENT_SCALE_ENTRIES=100000` gives the figures in
 * docs/content/types.md ("Scale"). Every change is checked for its result.
 */
const ENTRIES = Number(process.env.CONTENT_SCALE_ENTRIES ?? 2000);
/** One entry in this many has a title longer than the tightened maxLength. */
const VIOLATING_EVERY = 100;

type Field = Record<string, unknown> & { name: string };
const post = (fields: Field[]) => ({ apiId: 'post', kind: 'collection', name: 'Post', fields });
const TITLE: Field = { name: 'title', type: 'text', maxLength: 300 };
const BODY: Field = { name: 'body', type: 'longText' };
const CODE: Field = { name: 'code', type: 'text', localized: false };
const RATING: Field = { name: 'rating', type: 'integer', localized: false, indexed: true };
const NOTE: Field = { name: 'note', type: 'text', localized: false };
const COVER: Field = { name: 'cover', type: 'media', multiple: false, localized: false };

jest.setTimeout(60 * 60 * 1000);

describe(`Content types: schema changes on a type with ${ENTRIES} entries`, () => {
  let sut: TestApp;
  const { signUp, newWorkspace } = contentTypeHelpers(() => sut);
  let owner: Account;
  let ws: { id: string; slug: string };
  let typeId: string;
  const timings: Array<[string, number]> = [];

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
    owner = await signUp();
    ws = await newWorkspace(owner, ['en']);
    await sut.http
      .post(`/api/v1/workspaces/${ws.slug}/content-types`)
      .set(bearer(owner))
      .send(post([TITLE, BODY, CODE, RATING, NOTE, COVER]))
      .expect(201);
    [{ id: typeId }] = await sut.dataSource.query(
      `SELECT id FROM content_types WHERE workspace_id = $1 AND api_id = 'post'`,
      [ws.id],
    );
    const started = Date.now();
    await seed();
    console.log(`seeded ${ENTRIES} entries in ${Date.now() - started} ms`);
  });
  afterAll(async () => {
    console.log(
      `schema changes on ${ENTRIES} entries:\n${timings.map(([name, ms]) => `  ${name}: ${ms} ms`).join('\n')}`,
    );
    await sut?.close();
  });

  /**
   * Every entry: shared code/rating/note/cover (+ its media reference), an `en` locale with title and body; even
   * entries published (search vector from title and body), odd ones drafts only. Every 100th title is 250 long.
   */
  async function seed() {
    const [{ v7 }] = await sut.dataSource.query(`SELECT current_setting('server_version_num')::int >= 180000 AS v7`);
    const id = v7 ? 'uuidv7()' : 'gen_random_uuid()';
    await sut.dataSource.query(
      `WITH src AS (SELECT i, ${id} AS id, gen_random_uuid() AS media FROM generate_series(1, $3::int) AS i),
            entries AS (
              INSERT INTO content_entries (id, workspace_id, content_type_id, shared_data, revision)
              SELECT id, $1, $2, jsonb_build_object('code', 'C' || i, 'rating', i % 5, 'note', 'note ' || i,
                                                    'cover', media), 0
                FROM src),
            refs AS (
              INSERT INTO content_references (id, workspace_id, source_entry_id, locale, field_path, target_kind, target_id)
              SELECT gen_random_uuid(), $1, id, '', 'cover', 'media', media FROM src)
       INSERT INTO content_entry_locales (id, workspace_id, entry_id, content_type_id, locale, draft_data,
                                          published_data, published_at, first_published_at, search_vector)
       SELECT ${id}, $1, src.id, $2, 'en', d.draft,
              CASE WHEN i % 2 = 0 THEN d.draft || jsonb_build_object('code', 'C' || i, 'rating', i % 5,
                                                                      'note', 'note ' || i, 'cover', media) END,
              CASE WHEN i % 2 = 0 THEN now() END, CASE WHEN i % 2 = 0 THEN now() END,
              CASE WHEN i % 2 = 0 THEN setweight(to_tsvector('english', d.draft->>'title'), 'A') ||
                                       setweight(to_tsvector('english', d.draft->>'body'), 'B') END
         FROM src CROSS JOIN LATERAL (SELECT jsonb_build_object(
                'title', CASE WHEN i % ${VIOLATING_EVERY} = 0 THEN repeat('long ', 50) || i ELSE 'Post ' || i END,
                'body', 'Body of post ' || i || ' with secretword' || (i % 10)) AS draft) d`,
      [ws.id, typeId, ENTRIES],
    );
    await sut.dataSource.query('ANALYZE content_entries');
    await sut.dataSource.query('ANALYZE content_entry_locales');
  }

  async function timed(name: string, body: Record<string, unknown>, status = 200) {
    const started = Date.now();
    const response = await sut.http
      .put(`/api/v1/workspaces/${ws.slug}/content-types/post`)
      .set(bearer(owner))
      .send(body);
    timings.push([name, Date.now() - started]);
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    return response.body;
  }

  const count = async (sql: string) =>
    (await sut.dataSource.query(sql.replace(/\$type/g, `'${typeId}'`)))[0].count as number;

  it('renames a field', async () => {
    const body = await timed('rename a field (note → remark)', {
      definition: post([TITLE, BODY, CODE, RATING, { ...NOTE, name: 'remark' }, COVER]),
      renames: { note: 'remark' },
    });
    expect(body.migrated).toBe(ENTRIES);
    expect(
      await count(
        `SELECT count(*)::int AS count FROM content_entries WHERE content_type_id = $type AND shared_data ? 'remark'`,
      ),
    ).toBe(ENTRIES);
    expect(
      await count(
        `SELECT count(*)::int AS count FROM content_entry_locales WHERE content_type_id = $type AND published_data ? 'note'`,
      ),
    ).toBe(0);
  });

  it('renames a media field: references follow', async () => {
    await timed('rename a media field (cover → image), references follow', {
      definition: post([TITLE, BODY, CODE, RATING, { ...NOTE, name: 'remark' }, { ...COVER, name: 'image' }]),
      renames: { cover: 'image' },
    });
    expect(
      await count(
        `SELECT count(*)::int AS count FROM content_references r JOIN content_entries e ON e.id = r.source_entry_id
          WHERE e.content_type_id = $type AND r.field_path = 'image'`,
      ),
    ).toBe(ENTRIES);
  });

  it('removes a field with drop-data', async () => {
    await timed('remove a field with drop-data (rating)', {
      definition: post([TITLE, BODY, CODE, { ...NOTE, name: 'remark' }, { ...COVER, name: 'image' }]),
      migration: 'drop-data',
    });
    expect(
      await count(
        `SELECT count(*)::int AS count FROM content_entries WHERE content_type_id = $type AND shared_data ? 'rating'`,
      ),
    ).toBe(0);
  });

  it('makes a searchable field private', async () => {
    await timed('make a field private (body: published docs and search vectors)', {
      definition: post([
        TITLE,
        { ...BODY, private: true },
        CODE,
        { ...NOTE, name: 'remark' },
        { ...COVER, name: 'image' },
      ]),
    });
    expect(
      await count(
        `SELECT count(*)::int AS count FROM content_entry_locales
          WHERE content_type_id = $type AND (published_data ? 'body' OR search_vector @@ to_tsquery('english', 'secretword1'))`,
      ),
    ).toBe(0);
  });

  it('adds an optional field', async () => {
    const body = await timed('add an optional field', {
      definition: post([
        TITLE,
        { ...BODY, private: true },
        CODE,
        { ...NOTE, name: 'remark' },
        { ...COVER, name: 'image' },
        { name: 'subtitle', type: 'text' },
      ]),
    });
    expect(body.migrated).toBe(0);
  });

  it('tightens maxLength with reset-invalid-values (1% violate)', async () => {
    const body = await timed('tighten maxLength, reset-invalid-values (1% violate)', {
      definition: post([
        { ...TITLE, maxLength: 120 },
        { ...BODY, private: true },
        CODE,
        { ...NOTE, name: 'remark' },
        { ...COVER, name: 'image' },
        { name: 'subtitle', type: 'text' },
      ]),
      migration: 'reset-invalid-values',
    });
    expect(body.migrated).toBe(Math.floor(ENTRIES / VIOLATING_EVERY));
  });

  it('makes a field without duplicates unique', async () => {
    await timed('make a field unique (no duplicates)', {
      definition: post([
        { ...TITLE, maxLength: 120 },
        { ...BODY, private: true },
        { ...CODE, unique: true },
        { ...NOTE, name: 'remark' },
        { ...COVER, name: 'image' },
        { name: 'subtitle', type: 'text' },
      ]),
    });
  });
});
