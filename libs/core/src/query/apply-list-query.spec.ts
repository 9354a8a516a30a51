import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { applyListQuery, escapeLike } from './apply-list-query';
import type { ParsedFilter, ParsedListQuery } from './list-query.types';
import { parseListQuery } from './parse-list-query';
import {
  buildArticleSpec,
  buildOfflineDataSource,
  buildScopedQuery,
  TestArticle,
} from './testing/list-query.test-builders';

function buildQuery(overrides: Partial<ParsedListQuery> = {}): ParsedListQuery {
  return { page: 1, pageSize: 20, sort: [], filters: [], fields: null, extra: {}, ...overrides };
}

/** The SQL after WHERE, which is all these tests care about. */
function tail(sql: string): string {
  const at = sql.search(/ (WHERE|ORDER BY|LIMIT) /);
  return at < 0 ? '' : sql.slice(at + 1);
}

describe(applyListQuery.name, () => {
  let ds: DataSource;
  const spec = buildArticleSpec({ defaultSort: undefined });

  beforeAll(async () => {
    ds = await buildOfflineDataSource();
  });

  function sqlFor(filters: ParsedFilter[]) {
    const qb = applyListQuery(ds.createQueryBuilder(TestArticle, 'e'), 'e', buildQuery({ filters }), spec);
    return { where: tail(qb.getQuery()).replace(/ ORDER BY .*$/, ''), parameters: qb.getParameters() };
  }

  describe('filters', () => {
    it.each<[ParsedFilter, string, unknown]>([
      [{ field: 'title', op: 'eq', value: 'a' }, '("e"."title" = :qf0)', 'a'],
      [{ field: 'title', op: 'ne', value: 'a' }, '("e"."title" IS DISTINCT FROM :qf0)', 'a'],
      [{ field: 'title', op: 'lt', value: 'm' }, '("e"."title" < :qf0)', 'm'],
      [{ field: 'title', op: 'lte', value: 'm' }, '("e"."title" <= :qf0)', 'm'],
      [{ field: 'score', op: 'gt', value: 1.5 }, '("e"."score" > :qf0)', 1.5],
      [{ field: 'wordCount', op: 'gte', value: 10 }, '("e"."word_count" >= :qf0::bigint)', 10],
      [{ field: 'featured', op: 'eq', value: true }, '("e"."featured" = :qf0)', true],
      [
        { field: 'status', op: 'in', value: ['draft', 'published'] },
        '("e"."status" IN (:...qf0))',
        ['draft', 'published'],
      ],
      [
        { field: 'title', op: 'contains', value: "50%_o'k\\" },
        `("e"."title" ILIKE :qf0 ESCAPE '\\')`,
        "%50\\%\\_o'k\\\\%",
      ],
      [
        { field: 'publishedAt', op: 'lt', value: new Date('2024-05-01T10:00:00+02:00') },
        '("e"."published_at" < :qf0::timestamptz)',
        '2024-05-01T08:00:00.000Z',
      ],
      [
        { field: 'publishedAt', op: 'in', value: [new Date('2024-05-01T00:00:00Z')] },
        '("e"."published_at" IN (:qf0::timestamptz))',
        '2024-05-01T00:00:00.000Z',
      ],
      [{ field: 'wordCount', op: 'in', value: [3_000_000_000] }, '("e"."word_count" IN (:qf0::bigint))', 3_000_000_000],
      [{ field: 'subtitle', op: 'eq', value: 'x' }, `("e".data->>'subtitle' = :qf0)`, 'x'],
      [{ field: 'rating', op: 'gt', value: 3 }, `(("e".data->>'rating')::int > :qf0::bigint)`, 3],
    ])('renders %j', (filter, where, parameter) => {
      expect(sqlFor([filter])).toEqual({ where: `WHERE ${where}`, parameters: { qf0: parameter } });
    });

    it('renders null as IS NULL / IS NOT NULL without parameters', () => {
      expect(sqlFor([{ field: 'publishedAt', op: 'null', value: true }])).toEqual({
        where: 'WHERE ("e"."published_at" IS NULL)',
        parameters: {},
      });
      expect(sqlFor([{ field: 'authorId', op: 'null', value: false }])).toEqual({
        where: 'WHERE ("e"."author_id" IS NOT NULL)',
        parameters: {},
      });
    });

    it('ANDs several conditions, each in brackets, with their own parameters', () => {
      expect(
        sqlFor([
          { field: 'title', op: 'eq', value: 'a' },
          { field: 'title', op: 'ne', value: 'b' },
          { field: 'status', op: 'in', value: ['draft', 'archived'] },
          { field: 'wordCount', op: 'in', value: [1, 2] },
        ]),
      ).toEqual({
        where:
          'WHERE ("e"."title" = :qf0) AND ("e"."title" IS DISTINCT FROM :qf1) AND ("e"."status" IN (:...qf2))' +
          ' AND ("e"."word_count" IN (:qf3::bigint, :qf4::bigint))',
        parameters: { qf0: 'a', qf1: 'b', qf2: ['draft', 'archived'], qf3: 1, qf4: 2 },
      });
    });

    it('never widens a scope that contains OR', () => {
      const qb = buildScopedQuery(ds).orWhere('e.featured = true');
      applyListQuery(qb, 'e', buildQuery({ filters: [{ field: 'title', op: 'eq', value: 'a' }] }), spec);
      expect(tail(qb.getQuery())).toBe(
        'WHERE ("e"."workspace_id" = :workspaceId OR "e"."featured" = true) AND ("e"."title" = :qf0) ORDER BY "e"."id" ASC LIMIT 20 OFFSET 0',
      );
    });

    it('leaves the scope as it is when there are no filters', () => {
      const qb = applyListQuery(buildScopedQuery(ds), 'e', buildQuery(), spec);
      expect(tail(qb.getQuery())).toBe(
        'WHERE "e"."workspace_id" = :workspaceId ORDER BY "e"."id" ASC LIMIT 20 OFFSET 0',
      );
    });

    it('changes nothing when the same query is applied to the same builder again (apply, then fetchPage)', () => {
      const query = buildQuery({
        filters: [{ field: 'title', op: 'eq', value: 'a' }],
        sort: [{ field: 'title', direction: 'ASC' }],
      });
      const once = applyListQuery(buildScopedQuery(ds), 'e', query, spec).getQuery();
      const qb = buildScopedQuery(ds);
      applyListQuery(qb, 'e', query, spec);
      applyListQuery(qb, 'e', query, spec);
      expect(qb.getQuery()).toBe(once);
      expect(qb.getParameters()).toEqual({ workspaceId: 'ws-1', qf0: 'a' });
    });

    it('picks parameter names the builder does not use yet, so it can be applied twice', () => {
      const qb = ds.createQueryBuilder(TestArticle, 'e').where('e.slug = :qf0', { qf0: 'mine' });
      const query = buildQuery({ filters: [{ field: 'title', op: 'eq', value: 'a' }] });
      applyListQuery(qb, 'e', query, spec);
      applyListQuery(qb, 'e', buildQuery({ filters: [{ field: 'title', op: 'eq', value: 'b' }] }), spec);
      expect(qb.getParameters()).toEqual({ qf0: 'mine', qf1: 'a', qf2: 'b' });
      const [sql, values] = qb.getQueryAndParameters();
      expect(tail(sql)).toMatch(
        /^WHERE \(\("e"\."slug" = \$1\) AND \("e"\."title" = \$2\)\) AND \("e"\."title" = \$3\) /,
      );
      expect(values).toEqual(['mine', 'a', 'b']);
    });
  });

  describe('columns', () => {
    it('quotes a camelCase alias and maps properties to column names', () => {
      const qb = ds.createQueryBuilder(TestArticle, 'myArticle');
      applyListQuery(
        qb,
        'myArticle',
        buildQuery({
          filters: [{ field: 'publishedAt', op: 'null', value: true }],
          sort: [{ field: 'subtitle', direction: 'ASC' }],
        }),
        spec,
      );
      expect(tail(qb.getQuery())).toBe(
        `WHERE ("myArticle"."published_at" IS NULL) ORDER BY "myArticle".data->>'subtitle' ASC, "myArticle"."id" ASC LIMIT 20 OFFSET 0`,
      );
    });

    it('quotes columns as written on a builder without entity metadata', () => {
      const qb = ds.createQueryBuilder().select('t.*').from('list_query_articles', 't');
      applyListQuery(qb, 't', buildQuery({ filters: [{ field: 'wordCount', op: 'eq', value: 1 }] }), {
        fields: { wordCount: { type: 'integer', column: 'word_count', filterable: true } },
      });
      expect(tail(qb.getQuery())).toBe('WHERE ("t"."word_count" = :qf0::bigint) LIMIT 20 OFFSET 0');
    });

    it('throws on an alias the builder does not have', () => {
      const qb = ds.createQueryBuilder(TestArticle, 'e');
      expect(() => applyListQuery(qb, 'x', buildQuery({ sort: [{ field: 'title', direction: 'ASC' }] }), spec)).toThrow(
        'List query: the query builder has no alias "x"',
      );
    });
  });

  describe('order and paging', () => {
    it('orders by the sort keys, then the tie breaker, and pages with LIMIT/OFFSET', () => {
      const query = buildQuery({
        page: 3,
        pageSize: 10,
        sort: [
          { field: 'publishedAt', direction: 'DESC' },
          { field: 'rating', direction: 'ASC' },
        ],
      });
      const qb = applyListQuery(ds.createQueryBuilder(TestArticle, 'e'), 'e', query, spec);
      expect(tail(qb.getQuery())).toBe(
        `ORDER BY "e"."published_at" DESC, ("e".data->>'rating')::int ASC, "e"."id" ASC LIMIT 10 OFFSET 20`,
      );
    });

    it('does not repeat the tie breaker when the client sorts by it', () => {
      const qb = applyListQuery(
        ds.createQueryBuilder(TestArticle, 'e'),
        'e',
        buildQuery({ sort: [{ field: 'id', direction: 'DESC' }] }),
        spec,
      );
      expect(tail(qb.getQuery())).toBe('ORDER BY "e"."id" DESC LIMIT 20 OFFSET 0');
    });

    it('keeps an order already on the builder first', () => {
      const qb = ds.createQueryBuilder(TestArticle, 'e').orderBy('e.featured', 'DESC');
      applyListQuery(qb, 'e', buildQuery({ sort: [{ field: 'title', direction: 'ASC' }] }), spec);
      expect(tail(qb.getQuery())).toBe('ORDER BY "e"."featured" DESC, "e"."title" ASC, "e"."id" ASC LIMIT 20 OFFSET 0');
    });

    it('works without a tie breaker', () => {
      const qb = applyListQuery(
        ds.createQueryBuilder(TestArticle, 'e'),
        'e',
        buildQuery(),
        buildArticleSpec({ tieBreaker: undefined }),
      );
      expect(tail(qb.getQuery())).toBe('LIMIT 20 OFFSET 0');
    });

    it('applies what parseListQuery returns, default sort included', () => {
      const spec = buildArticleSpec();
      const query = parseListQuery({ page: '2', pageSize: '5', filter: { title: { contains: 'x' } } }, spec);
      const qb = applyListQuery(ds.createQueryBuilder(TestArticle, 'e'), 'e', query, spec);
      expect(tail(qb.getQuery())).toBe(
        `WHERE ("e"."title" ILIKE :qf0 ESCAPE '\\') ORDER BY "e"."published_at" DESC, "e"."id" ASC LIMIT 5 OFFSET 5`,
      );
    });
  });

  describe('hand-built queries are checked, not trusted', () => {
    it.each<[string, Partial<ParsedListQuery>, string]>([
      [
        'an unknown filter field',
        { filters: [{ field: 'nope', op: 'eq', value: 1 }] },
        'List query: field "nope" is not in the spec',
      ],
      [
        'an operator the type does not allow',
        { filters: [{ field: 'wordCount', op: 'contains', value: '1' }] },
        'operator contains is not allowed for wordCount',
      ],
      [
        'an empty in list',
        { filters: [{ field: 'title', op: 'in', value: [] }] },
        '"in" on title needs a non-empty list',
      ],
      [
        'a list for a single-value operator',
        { filters: [{ field: 'title', op: 'eq', value: ['a'] }] },
        'eq on title needs a single value',
      ],
      ['an unknown sort field', { sort: [{ field: 'nope', direction: 'ASC' }] }, 'field "nope" is not in the spec'],
      [
        'a sort direction that is not ASC or DESC',
        { sort: [{ field: 'title', direction: 'ASC; DROP TABLE x' as 'ASC' }] },
        'bad sort direction for title',
      ],
      ['page 0', { page: 0 }, 'page and pageSize must be positive integers'],
      ['a fractional page size', { pageSize: 2.5 }, 'page and pageSize must be positive integers'],
    ])('throws for %s, leaving the builder as it was', (_label, query, message) => {
      const qb = buildScopedQuery(ds);
      const before = qb.getQuery();
      expect(() =>
        applyListQuery(qb, 'e', buildQuery({ filters: [{ field: 'title', op: 'eq', value: 'ok' }], ...query }), spec),
      ).toThrow(message);
      expect(qb.getQuery()).toBe(before);
    });
  });
});

describe(escapeLike.name, () => {
  it.each([
    ['plain', 'plain'],
    ['50%', '50\\%'],
    ['a_b', 'a\\_b'],
    ['back\\slash', 'back\\\\slash'],
    ['\\%_', '\\\\\\%\\_'],
  ])('escapes %j as %j', (input, output) => {
    expect(escapeLike(input)).toBe(output);
  });
});
