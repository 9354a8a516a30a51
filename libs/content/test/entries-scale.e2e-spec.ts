import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { ContentPlugin } from '../src/content.plugin';
import { draftIndexName, syncDraftIndexes } from '../src/entries/draft-indexes';
import type { ContentTypeDefinition } from '../src/schema/field-definition';
import { bearer, entriesHelpers, type Account, type Workspace } from './entries-support';

/**
 * How many entries of the listed type. 20,000 keeps the suite short while the planner already prefers the indexes;
 * `QUIRE_ENTRIES_SCALE=100000` measures what docs/content/entries.md reports ("Scale"), `QUIRE_ENTRIES_PLANS=1`
 * prints the plans too.
 */
const ENTRIES = Number(process.env.QUIRE_ENTRIES_SCALE ?? 20_000);
/** Page 2,000 at 100,000 entries; the last page below that. */
const DEEP_PAGE = Math.min(2000, ENTRIES / 20);

const ARTICLE: ContentTypeDefinition = {
  apiId: 'article',
  kind: 'collection',
  name: 'Article',
  fields: [
    { name: 'title', type: 'text', indexed: true },
    { name: 'slug', type: 'slug', sourceField: 'title' },
    {
      name: 'category',
      type: 'enum',
      values: ['news', 'guide', 'review', 'opinion', 'interview'],
      localized: false,
      indexed: true,
    },
    { name: 'rating', type: 'integer', localized: false, indexed: true },
    { name: 'body', type: 'longText' },
  ],
};

const OTHER: ContentTypeDefinition = {
  apiId: 'other',
  kind: 'collection',
  name: 'Other',
  fields: [{ name: 'title', type: 'text' }],
};

/**
 * The management list at scale: a type with many entries (a third drafts, a third published, a third changed),
 * seeded with SQL. Prints each list statement's EXPLAIN ANALYZE time (console only, never asserted) and checks
 * the answers and the plans' shapes: pages come from an index in the requested order, not from sorting the type.
 */
describe('Content entries: the management list at scale', () => {
  let sut: TestApp;
  const h = entriesHelpers(() => sut);
  let owner: Account;
  let ws: Workspace;
  let typeId: string;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
    owner = await h.signUp();
    ws = await h.newWorkspace(owner, ['en', 'de']);
    typeId = await h.seedType(ws, ARTICLE);
    const otherId = await h.seedType(ws, OTHER);
    const started = Date.now();
    await seed(
      typeId,
      ENTRIES,
      `jsonb_build_object('category', (ARRAY['news','guide','review','opinion','interview'])[1 + i % 5], 'rating', i % 5 + 1)`,
      // Titles in another order than the seed's (7919 is prime: i * 7919 mod n is a permutation).
      `jsonb_build_object('title', 'Article ' || lpad(((i * 7919) % $3)::text, 6, '0'), 'slug', 'article-' || i,
         'body', repeat('lorem ipsum ', 10))`,
    );
    await seed(otherId, ENTRIES / 10, `'{}'::jsonb`, `jsonb_build_object('title', 'Other ' || i)`);
    // What the types service does when a type with `indexed` fields is created.
    if (!process.env.QUIRE_ENTRIES_NO_DRAFT_INDEXES) {
      const { created } = await syncDraftIndexes(sut.dataSource.manager, typeId, ARTICLE);
      expect(created).toHaveLength(3);
    }
    await sut.dataSource.query('VACUUM ANALYZE content_entries');
    await sut.dataSource.query('VACUUM ANALYZE content_entry_locales');
    console.log(`Seeded ${ENTRIES} entries in ${Date.now() - started} ms`);
  }, 600_000);
  afterAll(async () => {
    await sut?.close();
  });

  /** `count` entries of a type in `en`, every 10th in `de` too; i % 3: 0 draft, 1 published, 2 changed. */
  async function seed(type: string, count: number, shared: string, localized: string) {
    await sut.dataSource.query(
      `WITH src AS (SELECT i, gen_random_uuid() AS id, now() - i * interval '1 second' AS at
                      FROM generate_series(1, $3::int) AS i),
            entries AS (INSERT INTO content_entries (id, workspace_id, content_type_id, shared_data, revision, created_by,
                                                     updated_by, created_at, updated_at)
                        SELECT id, $1, $2, ${shared}, 1, $4, $4, at, at FROM src)
       INSERT INTO content_entry_locales (id, workspace_id, entry_id, content_type_id, locale, draft_data, published_data,
                                          published_at, first_published_at, created_at, updated_at)
       SELECT gen_random_uuid(), $1, src.id, $2, loc.locale, d.data, CASE WHEN i % 3 = 0 THEN NULL ELSE d.data END,
              CASE WHEN i % 3 = 0 THEN NULL ELSE src.at - interval '1 hour' * (i % 3 - 1) END,
              CASE WHEN i % 3 = 0 THEN NULL ELSE src.at - interval '1 hour' END, src.at, src.at
         FROM src CROSS JOIN LATERAL (SELECT ${localized} AS data) d
         CROSS JOIN LATERAL (SELECT 'en' AS locale UNION ALL SELECT 'de' WHERE i % 10 = 0) loc`,
      [ws.id, type, count, owner.userId],
    );
  }

  const url = () => `/api/v1/workspaces/${ws.slug}/content-types/article/entries`;

  /** One list request, with the SQL statements it ran on content tables. */
  async function listWithStatements(query: string) {
    const statements: Array<{ sql: string; parameters: unknown[] }> = [];
    const original = PostgresQueryRunner.prototype.query;
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (
      this: PostgresQueryRunner,
      ...args: Parameters<PostgresQueryRunner['query']>
    ) {
      const [sql, parameters] = args;
      if (/content_entry_locales/.test(sql))
        statements.push({ sql, parameters: (parameters as unknown[] | undefined) ?? [] });
      return original.apply(this, args);
    } as PostgresQueryRunner['query']);
    try {
      const response = await sut.http.get(`${url()}?${query}`).set(bearer(owner)).expect(200);
      return { response, statements };
    } finally {
      spy.mockRestore();
    }
  }

  interface Plan {
    'Node Type': string;
    'Relation Name'?: string;
    'Index Name'?: string;
    'Actual Rows'?: number;
    Plans?: Plan[];
  }

  async function explain(sql: string, parameters: unknown[]) {
    const [row] = await sut.dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters);
    const [result] = row['QUERY PLAN'] as Array<{ Plan: Plan; 'Execution Time': number }>;
    return result;
  }

  function nodes(plan: Plan): Plan[] {
    return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
  }

  /** Runs the request, prints its statements' times, and returns the response and the plans. */
  async function measure(label: string, query: string) {
    const { response, statements } = await listWithStatements(query);
    const plans = [];
    const times: string[] = [];
    for (const { sql, parameters } of statements) {
      const result = await explain(sql, parameters);
      plans.push(result.Plan);
      if (process.env.QUIRE_ENTRIES_PLANS) {
        const text = await sut.dataSource.query(`EXPLAIN (ANALYZE) ${sql}`, parameters);
        console.log(
          `${label}\n${sql}\n${JSON.stringify(parameters)}\n${text.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}`,
        );
      }
      times.push(`${result['Execution Time'].toFixed(2)} ms`);
    }
    const started = process.hrtime.bigint();
    const repeats = 5;
    for (let i = 0; i < repeats; i++) await sut.http.get(`${url()}?${query}`).set(bearer(owner)).expect(200);
    const http = Number(process.hrtime.bigint() - started) / 1e6 / repeats;
    console.log(`${label.padEnd(34)} statements: ${times.join(' + ')}; HTTP mean ${http.toFixed(1)} ms`);
    return { response, plans };
  }

  /** The page statement (the first) reads the named index and sorts nothing: the index gives the order. */
  function expectIndexOrdered(plans: Plan[], index: string) {
    const page = nodes(plans[0]!);
    expect(page.map((n) => n['Index Name'])).toContain(index);
    expect(page.filter((n) => n['Node Type'] === 'Sort' || n['Node Type'] === 'Seq Scan')).toEqual([]);
  }

  it('lists pages by the default order, a text field, filters and status, with honest totals', async () => {
    const first = await measure('default sort, page 1', '');
    expect(first.response.body.meta).toMatchObject({ page: 1, pageSize: 20, total: ENTRIES });
    const updated = first.response.body.data.map((e: { updatedAt: string }) => e.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());
    expectIndexOrdered(first.plans, 'content_entry_locales_list');

    const deep = await measure(`default sort, page ${DEEP_PAGE}`, `page=${DEEP_PAGE}`);
    expect(deep.response.body.meta).toMatchObject({ page: DEEP_PAGE, total: ENTRIES });
    expect(deep.response.body.data).toHaveLength(20);
    expectIndexOrdered(deep.plans, 'content_entry_locales_list');
    // The page's ids come from the index alone.
    expect(nodes(deep.plans[0]!).find((n) => n['Index Name'] === 'content_entry_locales_list')?.['Node Type']).toBe(
      'Index Only Scan',
    );

    const titleIndex = draftIndexName(typeId, 'title');
    const byTitle = await measure('sort=title, page 1', 'sort=title');
    const titles = byTitle.response.body.data.map((e: { data: { title: string } }) => e.data.title);
    expect(titles).toEqual(Array.from({ length: 20 }, (_, i) => `Article ${String(i).padStart(6, '0')}`));
    expect(byTitle.response.body.meta.total).toBe(ENTRIES);
    expectIndexOrdered(byTitle.plans, titleIndex);
    const deepTitle = await measure(`sort=title, page ${DEEP_PAGE}`, `sort=title&page=${DEEP_PAGE}`);
    expect(deepTitle.response.body.data[0].data.title).toBe(`Article ${String((DEEP_PAGE - 1) * 20).padStart(6, '0')}`);

    const guides = await measure('filter category=guide', 'filter[category]=guide');
    expect(guides.response.body.meta.total).toBe(ENTRIES / 5);
    expect(guides.response.body.data.every((e: { data: { category: string } }) => e.data.category === 'guide')).toBe(
      true,
    );
    const guidesDeep = await measure('filter category=guide, page 500', 'filter[category]=guide&page=500');
    expect(guidesDeep.response.body.meta.total).toBe(ENTRIES / 5);

    const drafts = await measure('filter status=draft', 'filter[status]=draft');
    expect(drafts.response.body.meta.total).toBe(Math.floor(ENTRIES / 3));
    expect(drafts.response.body.data.every((e: { status: string }) => e.status === 'draft')).toBe(true);
    expectIndexOrdered(drafts.plans, 'content_entry_locales_list');
    const changed = await measure('filter status=changed', 'filter[status]=changed');
    expect(changed.response.body.meta.total).toBe(Math.floor((ENTRIES + 1) / 3));
    expect(changed.response.body.data.every((e: { status: string }) => e.status === 'changed')).toBe(true);

    const titled = await measure('filter title eq', 'filter[title]=Article%20007919');
    expect(titled.response.body.data.map((e: { data: { title: string } }) => e.data.title)).toEqual(['Article 007919']);
    expect(nodes(titled.plans[0]!).map((n) => n['Index Name'])).toContain('content_entry_locales_draft_data');

    const rated = await measure('filter rating gte 4, sort -rating', 'filter[rating][gte]=4&sort=-rating');
    expect(rated.response.body.meta.total).toBe((ENTRIES * 2) / 5);
    expect(rated.response.body.data.every((e: { data: { rating: number } }) => e.data.rating === 5)).toBe(true);
    const german = await measure('locale=de, default sort', 'locale=de');
    expect(german.response.body.meta.total).toBe(ENTRIES / 10);
    expect(german.response.body.data.every((e: { locale: string }) => e.locale === 'de')).toBe(true);
  }, 600_000);
});
