import { describe, expect, it } from '@jest/globals';
import { ListQueryError, type ListQueryIssue } from './list-query.errors';
import type { ListQuerySpec } from './list-query.types';
import { parseListQuery } from './parse-list-query';
import { buildArticleSpec } from './testing/list-query.test-builders';

const UUID = '0190f3a2-7b1c-7def-8a12-3456789abcde';

function issuesOf(raw: Record<string, unknown>, spec: ListQuerySpec = buildArticleSpec()): ListQueryIssue[] {
  try {
    parseListQuery(raw, spec);
  } catch (error) {
    expect(error).toBeInstanceOf(ListQueryError);
    return (error as ListQueryError).errors;
  }
  throw new Error(`expected a ListQueryError for ${JSON.stringify(raw)}`);
}

function expectIssue(raw: Record<string, unknown>, path: string, message: string, spec?: ListQuerySpec): void {
  expect(issuesOf(raw, spec)).toEqual([{ path, message }]);
}

function filtersOf(filter: Record<string, unknown>) {
  return parseListQuery({ filter }, buildArticleSpec()).filters;
}

const filterable =
  'filterable fields: id, title, slug, status, wordCount, score, featured, publishedAt, authorId, subtitle, rating';
const sortable = 'sortable fields: id, title, status, wordCount, score, featured, publishedAt, subtitle, rating';

describe(parseListQuery.name, () => {
  describe('defaults', () => {
    it('returns page 1, the default page size, the default sort and no filters', () => {
      expect(parseListQuery({}, buildArticleSpec())).toEqual({
        page: 1,
        pageSize: 20,
        sort: [{ field: 'publishedAt', direction: 'DESC' }],
        filters: [],
        fields: null,
        extra: {},
      });
    });

    it('uses the spec page size and an empty sort when the spec has no default sort', () => {
      const spec = buildArticleSpec({ defaultPageSize: 5, defaultSort: undefined });
      expect(parseListQuery({}, spec)).toMatchObject({ pageSize: 5, sort: [] });
    });

    it('ignores parameters whose value is undefined', () => {
      expect(parseListQuery({ page: undefined, foo: undefined }, buildArticleSpec()).page).toBe(1);
    });
  });

  describe('page and pageSize', () => {
    it('reads both', () => {
      expect(parseListQuery({ page: '3', pageSize: '50' }, buildArticleSpec())).toMatchObject({
        page: 3,
        pageSize: 50,
      });
    });

    it('accepts numbers from programmatic callers', () => {
      expect(parseListQuery({ page: 2, pageSize: 10 }, buildArticleSpec())).toMatchObject({ page: 2, pageSize: 10 });
    });

    it('accepts exactly the maximum page size', () => {
      expect(parseListQuery({ pageSize: '100' }, buildArticleSpec()).pageSize).toBe(100);
      expect(parseListQuery({ pageSize: '7' }, buildArticleSpec({ maxPageSize: 7, defaultPageSize: 5 })).pageSize).toBe(
        7,
      );
    });

    it('rejects a page size above the maximum instead of reducing it', () => {
      expectIssue({ pageSize: '101' }, 'pageSize', 'pageSize must be at most 100, got 101');
      expectIssue(
        { pageSize: '8' },
        'pageSize',
        'pageSize must be at most 7, got 8',
        buildArticleSpec({ maxPageSize: 7, defaultPageSize: 5 }),
      );
    });

    it.each(['0', '-1', '1.5', 'abc', '', ' 1', '1e2', '+1', '0x10', '99999999999999999999'])(
      'rejects page=%j',
      (value) => {
        expectIssue({ page: value }, 'page', `expected an integer of at least 1, got ${JSON.stringify(value)}`);
      },
    );

    it.each(['0', '-5', 'ten', '2.0'])('rejects pageSize=%j', (value) => {
      expectIssue({ pageSize: value }, 'pageSize', `expected an integer of at least 1, got ${JSON.stringify(value)}`);
    });

    it('rejects a page whose offset is not a safe integer', () => {
      expectIssue(
        { page: String(Number.MAX_SAFE_INTEGER), pageSize: '100' },
        'page',
        `page ${Number.MAX_SAFE_INTEGER} is too far for pageSize 100`,
      );
    });

    it('rejects repeated and nested values', () => {
      expectIssue({ page: ['1', '2'] }, 'page', 'expected a single value, got an array (is the parameter repeated?)');
      expectIssue({ pageSize: { a: '1' } }, 'pageSize', 'expected a single value, got an object');
      expectIssue({ page: null }, 'page', 'expected a single value, got null');
    });
  });

  describe('sort', () => {
    it('reads a comma list with - for descending, trimming spaces', () => {
      expect(parseListQuery({ sort: '-publishedAt, title' }, buildArticleSpec()).sort).toEqual([
        { field: 'publishedAt', direction: 'DESC' },
        { field: 'title', direction: 'ASC' },
      ]);
    });

    it('replaces the default sort', () => {
      expect(parseListQuery({ sort: 'title' }, buildArticleSpec()).sort).toEqual([
        { field: 'title', direction: 'ASC' },
      ]);
    });

    it('rejects unknown fields and fields that are not sortable, with the same message', () => {
      expectIssue({ sort: 'secret' }, 'sort', `unknown field "secret"; ${sortable}`);
      expectIssue({ sort: '-slug' }, 'sort', `unknown field "slug"; ${sortable}`);
      expectIssue({ sort: 'constructor' }, 'sort', `unknown field "constructor"; ${sortable}`);
    });

    it('rejects duplicates, in either direction', () => {
      expectIssue({ sort: 'title,-title' }, 'sort', 'duplicate sort field "title"');
    });

    it('allows five keys and rejects six', () => {
      expect(parseListQuery({ sort: 'title,status,wordCount,score,featured' }, buildArticleSpec()).sort).toHaveLength(
        5,
      );
      expectIssue(
        { sort: 'title,status,wordCount,score,featured,rating' },
        'sort',
        'at most 5 sort keys are allowed, got 6',
      );
    });

    it.each(['', 'title,', ',title', 'title,,status', '-'])('rejects an empty key in %j', (value) => {
      expectIssue({ sort: value }, 'sort', 'empty sort key; expected a comma-separated list like -publishedAt,title');
    });

    it('rejects a repeated sort parameter and sort[x]=y', () => {
      expectIssue(
        { sort: ['title', 'status'] },
        'sort',
        'expected a single value, got an array (is the parameter repeated?)',
      );
      expectIssue({ sort: { title: 'asc' } }, 'sort', 'expected a single value, got an object');
    });

    it('reports every bad key', () => {
      expect(issuesOf({ sort: 'a,title,b,title' })).toEqual([
        { path: 'sort', message: `unknown field "a"; ${sortable}` },
        { path: 'sort', message: `unknown field "b"; ${sortable}` },
        { path: 'sort', message: 'duplicate sort field "title"' },
      ]);
    });
  });

  describe('filter structure', () => {
    it('treats filter[field]=value as eq', () => {
      expect(filtersOf({ title: 'Hello' })).toEqual([{ field: 'title', op: 'eq', value: 'Hello' }]);
    });

    it('reads several operators on one field and several fields, in order', () => {
      expect(filtersOf({ wordCount: { gte: '10', lt: '20' }, title: { contains: 'a' } })).toEqual([
        { field: 'wordCount', op: 'gte', value: 10 },
        { field: 'wordCount', op: 'lt', value: 20 },
        { field: 'title', op: 'contains', value: 'a' },
      ]);
    });

    it('rejects unknown and non-filterable fields with the same message', () => {
      expectIssue({ filter: { secret: 'x' } }, 'filter[secret]', `unknown field "secret"; ${filterable}`);
      expectIssue(
        { filter: { secretNote: { eq: 'x' } } },
        'filter[secretNote]',
        `unknown field "secretNote"; ${filterable}`,
      );
    });

    it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
      'rejects the prototype name %s as a field',
      (name) => {
        const filter: Record<string, unknown> = {};
        Object.defineProperty(filter, name, { value: { eq: 'x' }, enumerable: true });
        expectIssue({ filter }, `filter[${name}]`, `unknown field ${JSON.stringify(name)}; ${filterable}`);
      },
    );

    it('says so when no field is filterable', () => {
      const spec: ListQuerySpec = { fields: { title: { type: 'text', column: 'title' } } };
      expectIssue(
        { filter: { title: 'x' } },
        'filter[title]',
        'unknown field "title"; there are no filterable fields',
        spec,
      );
    });

    it('rejects unknown operators, listing those allowed for the field', () => {
      expectIssue(
        { filter: { title: { regex: '^a' } } },
        'filter[title][regex]',
        'unknown operator "regex"; allowed for title: eq, ne, in, lt, lte, gt, gte, contains, null',
      );
      expectIssue(
        { filter: { status: { constructor: 'x' } } },
        'filter[status][constructor]',
        'unknown operator "constructor"; allowed for status: eq, ne, in, null',
      );
    });

    it.each([
      ['publishedAt', 'contains', 'datetime', 'eq, ne, in, lt, lte, gt, gte, null'],
      ['wordCount', 'contains', 'integer', 'eq, ne, in, lt, lte, gt, gte, null'],
      ['score', 'contains', 'number', 'eq, ne, in, lt, lte, gt, gte, null'],
      ['id', 'lt', 'uuid', 'eq, ne, in, null'],
      ['status', 'gte', 'enum', 'eq, ne, in, null'],
      ['status', 'contains', 'enum', 'eq, ne, in, null'],
      ['featured', 'in', 'boolean', 'eq, ne, null'],
      ['featured', 'gt', 'boolean', 'eq, ne, null'],
    ])('rejects %s[%s] (%s)', (field, op, type, allowed) => {
      expectIssue(
        { filter: { [field]: { [op]: 'x' } } },
        `filter[${field}][${op}]`,
        `operator "${op}" is not allowed for ${field} (${type}); allowed for ${field}: ${allowed}`,
      );
    });

    it('rejects a filter that is not an object', () => {
      expectIssue({ filter: 'title' }, 'filter', 'expected filter[field]=value or filter[field][operator]=value');
      expectIssue({ filter: ['a'] }, 'filter', 'expected filter[field]=value or filter[field][operator]=value');
    });

    it('rejects a field with no operator', () => {
      expectIssue({ filter: { title: {} } }, 'filter[title]', 'expected filter[field][operator]=value');
    });

    it('rejects arrays and objects where a value is expected', () => {
      expectIssue(
        { filter: { title: { eq: ['1'] } } },
        'filter[title][eq]',
        'expected a single value, got an array (is the parameter repeated?)',
      );
      expectIssue(
        { filter: { title: { eq: { y: '1' } } } },
        'filter[title][eq]',
        'expected a single value, got an object',
      );
      expectIssue(
        { filter: { title: ['a', 'b'] } },
        'filter[title]',
        'expected a single value, got an array (is the parameter repeated?)',
      );
      expectIssue(
        { filter: { title: { in: ['a', 'b'] } } },
        'filter[title][in]',
        'expected a single value, got an array (is the parameter repeated?)',
      );
      expectIssue({ filter: { title: null } }, 'filter[title]', 'expected a single value, got null');
    });
  });

  describe('filter values by type', () => {
    it.each([
      ['title', 'text', "it's 50% off_\\", "it's 50% off_\\"],
      ['title', 'text (empty)', '', ''],
      ['slug', 'string', 'a-b', 'a-b'],
      ['id', 'uuid (lower-cased)', UUID.toUpperCase(), UUID],
      ['wordCount', 'integer', '-42', -42],
      ['wordCount', 'integer with leading zeros', '007', 7],
      ['wordCount', 'negative zero', '-0', 0],
      ['score', 'number', '-1.25e3', -1250],
      ['score', 'number', '.5', 0.5],
      ['score', 'number', '3', 3],
      ['featured', 'boolean', 'true', true],
      ['featured', 'boolean', 'false', false],
      ['status', 'enum', 'published', 'published'],
    ])('parses %s (%s) %j', (field, _label, input, expected) => {
      expect(filtersOf({ [field]: { eq: input } })).toEqual([{ field, op: 'eq', value: expected }]);
    });

    it.each([
      ['2024-05-01', '2024-05-01T00:00:00.000Z'],
      ['2024-05-01T12:30:00Z', '2024-05-01T12:30:00.000Z'],
      ['2024-05-01T12:30Z', '2024-05-01T12:30:00.000Z'],
      ['2024-05-01T12:30:00', '2024-05-01T12:30:00.000Z'],
      ['2024-05-01 12:30:00z', '2024-05-01T12:30:00.000Z'],
      ['2024-05-01T12:30:00.123456789+02:00', '2024-05-01T10:30:00.123Z'],
      ['2024-05-01T12:30:00-0530', '2024-05-01T18:00:00.000Z'],
      ['2024-05-01T01:00:00+02', '2024-04-30T23:00:00.000Z'],
      ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
      ['0050-01-01', '0050-01-01T00:00:00.000Z'],
    ])('parses the date-time %j as UTC instant %s', (input, iso) => {
      const [filter] = filtersOf({ publishedAt: { gte: input } });
      expect((filter.value as Date).toISOString()).toBe(iso);
    });

    it.each([
      ['wordCount', 'abc', 'an integer'],
      ['wordCount', '1.5', 'an integer'],
      ['wordCount', '1e3', 'an integer'],
      ['wordCount', '', 'an integer'],
      ['wordCount', '9007199254740993', 'an integer'],
      ['score', 'NaN', 'a number'],
      ['score', 'Infinity', 'a number'],
      ['score', '1e400', 'a number'],
      ['score', '0x1f', 'a number'],
      ['score', '1,5', 'a number'],
      ['featured', 'yes', 'true or false'],
      ['featured', 'TRUE', 'true or false'],
      ['featured', '1', 'true or false'],
      ['id', 'not-a-uuid', 'a UUID'],
      ['id', `${UUID}0`, 'a UUID'],
      ['status', 'Published', 'one of: draft, published, archived'],
      ['status', 'deleted', 'one of: draft, published, archived'],
    ])('rejects %s=%j, expecting %s', (field, input, expected) => {
      expectIssue(
        { filter: { [field]: { eq: input } } },
        `filter[${field}][eq]`,
        `invalid value ${JSON.stringify(input)} for ${field} eq: expected ${expected}`,
      );
    });

    const dateExpectation = 'an ISO 8601 date-time such as 2024-05-01T12:00:00Z (UTC when no offset; write + as %2B)';
    it.each([
      'yesterday',
      '2024-13-01',
      '2023-02-29',
      '2024-04-31',
      '2024-05-01T24:00:00Z',
      '2024-05-01T12:60:00Z',
      '2024-05-01T12:00:60Z',
      '2024-05-01T12:00:00 02:00',
      '2024-05-01T12:00:00+24:00',
      '2024-05-01Z',
      '24-05-01',
      '0000-01-01',
      '0001-01-01T00:00:00+01:00',
      '1714564800',
    ])('rejects the date-time %j', (input) => {
      expectIssue(
        { filter: { publishedAt: { lt: input } } },
        'filter[publishedAt][lt]',
        `invalid value ${JSON.stringify(input)} for publishedAt lt: expected ${dateExpectation}`,
      );
    });

    it('reads in as a typed comma list', () => {
      expect(filtersOf({ wordCount: { in: '1,2,3' }, status: { in: 'draft' }, title: { in: 'a,,b' } })).toEqual([
        { field: 'wordCount', op: 'in', value: [1, 2, 3] },
        { field: 'status', op: 'in', value: ['draft'] },
        { field: 'title', op: 'in', value: ['a', '', 'b'] },
      ]);
    });

    it('accepts 100 values in a list and rejects 101', () => {
      const values = (n: number) => Array.from({ length: n }, (_, i) => String(i)).join(',');
      expect(filtersOf({ wordCount: { in: values(100) } })[0].value).toHaveLength(100);
      expectIssue(
        { filter: { wordCount: { in: values(101) } } },
        'filter[wordCount][in]',
        'too many values for wordCount in: at most 100 are allowed, got 101',
      );
    });

    it('names the bad values of a list', () => {
      expectIssue(
        { filter: { wordCount: { in: '1,x,,3' } } },
        'filter[wordCount][in]',
        'invalid value "x", "" for wordCount in: expected a comma-separated list, each an integer',
      );
      expectIssue(
        { filter: { status: { in: 'a,b,c,d,draft' } } },
        'filter[status][in]',
        'invalid value "a", "b", "c", … (4 in all) for status in: expected a comma-separated list, each one of: draft, published, archived',
      );
    });

    it('reads null as true or false', () => {
      expect(filtersOf({ publishedAt: { null: 'true' }, authorId: { null: 'false' } })).toEqual([
        { field: 'publishedAt', op: 'null', value: true },
        { field: 'authorId', op: 'null', value: false },
      ]);
      expectIssue(
        { filter: { publishedAt: { null: 'yes' } } },
        'filter[publishedAt][null]',
        'invalid value "yes" for publishedAt null: expected true or false',
      );
    });

    it('reads contains on text as the raw string', () => {
      expect(filtersOf({ subtitle: { contains: '%_\\' } })).toEqual([
        { field: 'subtitle', op: 'contains', value: '%_\\' },
      ]);
    });

    it('cuts long values short in messages', () => {
      const [issue] = issuesOf({ filter: { wordCount: { eq: 'x'.repeat(500) } } });
      expect(issue.message).toBe(`invalid value "${'x'.repeat(60)}…" for wordCount eq: expected an integer`);
    });
  });

  describe('fields', () => {
    it('reads selectable fields in order, trimming spaces', () => {
      expect(parseListQuery({ fields: 'title, slug' }, buildArticleSpec()).fields).toEqual(['title', 'slug']);
    });

    it('rejects unknown, non-selectable, duplicate and empty names', () => {
      const selectable =
        'selectable fields: id, title, slug, status, wordCount, score, featured, publishedAt, subtitle, rating';
      expect(issuesOf({ fields: 'title,secretNote,nope,title,' })).toEqual([
        { path: 'fields', message: `unknown field "secretNote"; ${selectable}` },
        { path: 'fields', message: `unknown field "nope"; ${selectable}` },
        { path: 'fields', message: 'duplicate field "title"' },
        { path: 'fields', message: 'empty field name; expected a comma-separated list like title,slug' },
      ]);
    });

    it('rejects fields[]=', () => {
      expectIssue(
        { fields: ['title'] },
        'fields',
        'expected a single value, got an array (is the parameter repeated?)',
      );
    });
  });

  describe('other parameters', () => {
    const allowed = 'allowed parameters: page, pageSize, sort, filter, fields';

    it('rejects an unknown parameter by name', () => {
      expectIssue({ foo: 'bar' }, 'foo', `unknown query parameter "foo"; ${allowed}`);
    });

    it('rejects a prototype name given as a parameter', () => {
      const raw = JSON.parse('{"__proto__": {"x": 1}, "constructor": "y"}') as Record<string, unknown>;
      expect(issuesOf(raw)).toEqual([
        { path: '__proto__', message: `unknown query parameter "__proto__"; ${allowed}` },
        { path: 'constructor', message: `unknown query parameter "constructor"; ${allowed}` },
      ]);
    });

    it('explains that cursor paging is not supported', () => {
      expectIssue(
        { cursor: 'abc' },
        'cursor',
        'cursor paging is not supported by this endpoint; use page and pageSize',
      );
    });

    it('passes the spec extra parameters through', () => {
      const spec = buildArticleSpec({ extraParams: ['locale', 'populate'] });
      expect(parseListQuery({ locale: 'de' }, spec).extra).toEqual({ locale: 'de' });
      expectIssue({ foo: '1' }, 'foo', `unknown query parameter "foo"; ${allowed}, locale, populate`, spec);
      expectIssue(
        { locale: ['de', 'fr'] },
        'locale',
        'expected a single value, got an array (is the parameter repeated?)',
        spec,
      );
    });

    it('lets an endpoint that implements cursor paging itself declare it', () => {
      expect(parseListQuery({ cursor: 'abc' }, buildArticleSpec({ extraParams: ['cursor'] })).extra).toEqual({
        cursor: 'abc',
      });
    });
  });

  describe('flat query objects (Fastify, Express simple parser)', () => {
    it('reads bracketed keys like nested ones', () => {
      const parsed = parseListQuery(
        { 'filter[title][contains]': 'a', 'filter[status]': 'draft', page: '2' },
        buildArticleSpec(),
      );
      expect(parsed).toMatchObject({
        page: 2,
        filters: [
          { field: 'title', op: 'contains', value: 'a' },
          { field: 'status', op: 'eq', value: 'draft' },
        ],
      });
    });

    it('rejects x[]= and values given twice', () => {
      expectIssue(
        { 'filter[title][eq][]': '1' },
        'filter[title][eq]',
        'expected a single value, got an array (is the parameter repeated?)',
      );
      expectIssue(
        { 'filter[title][eq]': ['1', '2'] },
        'filter[title][eq]',
        'expected a single value, got an array (is the parameter repeated?)',
      );
      expectIssue(
        { 'filter[title]': 'a', 'filter[title][eq]': 'b' },
        'filter[title]',
        'expected a single value, got an array (is the parameter repeated?)',
      );
      expectIssue({ 'sort[]': 'title' }, 'sort', 'expected a single value, got an array (is the parameter repeated?)');
    });

    it('names unknown bracketed parameters by their base name', () => {
      expectIssue(
        { 'where[title]': 'x' },
        'where',
        'unknown query parameter "where"; allowed parameters: page, pageSize, sort, filter, fields',
      );
    });
  });

  it('collects every problem of the query, parameter by parameter', () => {
    expect(
      issuesOf({
        page: '0',
        pageSize: '1000',
        sort: 'nope',
        filter: { title: { regex: 'x' }, wordCount: { gt: 'many' }, secret: '1' },
        fields: 'nope',
        extra: '1',
      }),
    ).toEqual([
      {
        path: 'extra',
        message: 'unknown query parameter "extra"; allowed parameters: page, pageSize, sort, filter, fields',
      },
      { path: 'page', message: 'expected an integer of at least 1, got "0"' },
      { path: 'pageSize', message: 'pageSize must be at most 100, got 1000' },
      { path: 'sort', message: `unknown field "nope"; ${sortable}` },
      {
        path: 'filter[title][regex]',
        message: 'unknown operator "regex"; allowed for title: eq, ne, in, lt, lte, gt, gte, contains, null',
      },
      { path: 'filter[wordCount][gt]', message: 'invalid value "many" for wordCount gt: expected an integer' },
      { path: 'filter[secret]', message: `unknown field "secret"; ${filterable}` },
      {
        path: 'fields',
        message:
          'unknown field "nope"; selectable fields: id, title, slug, status, wordCount, score, featured, publishedAt, subtitle, rating',
      },
    ]);
  });

  it('treats a non-object query as empty', () => {
    expect(parseListQuery(undefined as unknown as Record<string, unknown>, buildArticleSpec()).page).toBe(1);
  });

  describe('spec validation (programming errors, not 400s)', () => {
    it.each<[string, Partial<ListQuerySpec>, string]>([
      ['an unknown tie breaker', { tieBreaker: 'uuid' }, 'tieBreaker "uuid" is not a declared field'],
      ['a bad default sort', { defaultSort: 'nope' }, 'defaultSort "nope": unknown field "nope"'],
      [
        'a default page size above the maximum',
        { defaultPageSize: 50, maxPageSize: 10 },
        'defaultPageSize must be a positive integer no larger than maxPageSize (10), got 50',
      ],
      ['a zero maximum', { maxPageSize: 0, defaultPageSize: 1 }, 'maxPageSize must be a positive integer, got 0'],
      ['a reserved extra parameter', { extraParams: ['filter'] }, 'extraParams may not contain "filter"'],
      ['an enum without values', { fields: { s: { type: 'enum', column: 's' } } }, 'enum field "s" needs enumValues'],
      [
        'an unknown type',
        { fields: { s: { type: 'date' as 'datetime', column: 's' } } },
        'field "s" has unknown type "date"',
      ],
      ['a field name with a comma', { fields: { 'a,b': { type: 'text', column: 'a' } } }, 'field "a,b" must match'],
      [
        'a column that is not anchored to the alias',
        { fields: { s: { type: 'text', column: 'lower(s)' } } },
        'field "s" needs a column that starts with a column name or contains {alias}',
      ],
    ])('throws a plain Error for %s', (_label, overrides, message) => {
      const spec = { ...buildArticleSpec(), defaultSort: undefined, tieBreaker: undefined, ...overrides };
      let thrown: unknown;
      try {
        parseListQuery({}, spec);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect(thrown).not.toBeInstanceOf(ListQueryError);
      expect((thrown as Error).message).toContain(message);
    });
  });
});

describe(ListQueryError.name, () => {
  it('is an Error with a code and a summary of its issues', () => {
    const error = new ListQueryError([
      { path: 'sort', message: 'a' },
      { path: 'page', message: 'b' },
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ListQueryError',
      code: 'core.invalid-list-query',
      message: 'Invalid list query: sort: a; page: b',
    });
  });

  it('summarises at most five issues', () => {
    const error = new ListQueryError(Array.from({ length: 7 }, (_, i) => ({ path: `p${i}`, message: 'm' })));
    expect(error.message).toBe('Invalid list query: p0: m; p1: m; p2: m; p3: m; p4: m; and 2 more');
    expect(error.errors).toHaveLength(7);
  });
});
