import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { applyListQuery } from './apply-list-query';
import { OPS_BY_TYPE } from './filter-operators';
import { ListQueryError } from './list-query.errors';
import type { FilterOp, ListFieldSpec, ParsedFilter, ParsedSort } from './list-query.types';
import { parseListQuery } from './parse-list-query';
import { buildArticleSpec, buildOfflineDataSource, TestArticle } from './testing/list-query.test-builders';

const spec = buildArticleSpec({ extraParams: ['locale'] });
const fieldNames = Object.keys(spec.fields);
const filterableNames = fieldNames.filter((n) => spec.fields[n].filterable);
const sortableNames = fieldNames.filter((n) => spec.fields[n].sortable);
const selectableNames = fieldNames.filter((n) => spec.fields[n].selectable);
const ops: FilterOp[] = ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'null'];

/** An object whose keys are all own properties, `__proto__` included, sometimes without a prototype. */
function objectOf(key: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), fc.boolean()).map(([entries, bare]) => {
    const target: Record<string, unknown> = bare ? (Object.create(null) as Record<string, unknown>) : {};
    for (const [k, v] of entries)
      Object.defineProperty(target, k, { value: v, enumerable: true, configurable: true, writable: true });
    return target;
  });
}

describe('parseListQuery (properties)', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await buildOfflineDataSource();
  });

  it('either returns a query within the spec or throws a ListQueryError, for any input', () => {
    const tokens = fc.constantFrom(
      ...fieldNames,
      ...ops,
      'true',
      'false',
      '1',
      '0',
      '-1',
      '100',
      '101',
      '1.5',
      '',
      ',',
      '-title,wordCount',
      'draft,published',
      '2024-05-01T12:00:00Z',
      '0190f3a2-7b1c-7def-8a12-3456789abcde',
      '__proto__',
      'constructor',
      'toString',
    );
    const key = fc.oneof(
      tokens,
      fc.constantFrom(
        'page',
        'pageSize',
        'sort',
        'filter',
        'fields',
        'cursor',
        'locale',
        'filter[title][eq]',
        'filter[wordCount][in][]',
        'sort[]',
      ),
      fc.string(),
    );
    const leaf = fc.oneof(
      tokens,
      fc.string(),
      fc.constant(undefined),
      fc.constant(null),
      fc.integer(),
      fc.double(),
      fc.boolean(),
    );
    const { node } = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('node'), { maxLength: 3 }),
        objectOf(key, tie('node')),
      ),
    }));
    const filter = objectOf(
      fc.oneof(tokens, fc.string()),
      fc.oneof(leaf, objectOf(fc.oneof(tokens, fc.string()), node), node),
    );
    const raw = fc.oneof(
      objectOf(key, node),
      objectOf(key, fc.oneof(leaf, filter)),
      filter.map((f) => ({ filter: f })),
    );

    fc.assert(
      fc.property(raw, (input) => {
        let parsed;
        try {
          parsed = parseListQuery(input, spec);
        } catch (error) {
          expect(error).toBeInstanceOf(ListQueryError);
          const { errors } = error as ListQueryError;
          expect(errors.length).toBeGreaterThan(0);
          for (const issue of errors) expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
          return;
        }
        expect(parsed.page).toBeGreaterThanOrEqual(1);
        expect(parsed.pageSize).toBeLessThanOrEqual(100);
        for (const f of parsed.filters) expect(OPS_BY_TYPE[spec.fields[f.field].type]).toContain(f.op);
        for (const s of parsed.sort) expect(sortableNames).toContain(s.field);
        for (const name of parsed.fields ?? []) expect(selectableNames).toContain(name);
        // Whatever parses must also render.
        applyListQuery(ds.createQueryBuilder(TestArticle, 'e'), 'e', parsed, spec).getQueryAndParameters();
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips valid queries: what was generated is what is parsed', () => {
    const filterCase = fc
      .constantFrom(...filterableNames)
      .chain((field) =>
        fc
          .constantFrom(...OPS_BY_TYPE[spec.fields[field].type])
          .chain((op) => valueCase(spec.fields[field], op).map((c) => ({ field, op, ...c }))),
      );
    const sortCase = fc
      .uniqueArray(
        fc.tuple(fc.constantFrom(...sortableNames), fc.constantFrom<ParsedSort['direction']>('ASC', 'DESC')),
        {
          maxLength: 5,
          selector: ([field]) => field,
        },
      )
      .map((keys) => keys.map(([field, direction]) => ({ field, direction })));
    const fieldsCase = fc.option(fc.uniqueArray(fc.constantFrom(...selectableNames), { minLength: 1 }), { nil: null });

    fc.assert(
      fc.property(
        fc.array(filterCase, { maxLength: 8 }),
        sortCase,
        fieldsCase,
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.boolean(),
        fc.boolean(),
        (cases, sort, fields, page, pageSize, shorthand, flat) => {
          const filter: Record<string, Record<string, string>> = {};
          const generated = new Map<string, ParsedFilter>();
          for (const c of cases) {
            filter[c.field] ??= {};
            if (filter[c.field][c.op] !== undefined) continue;
            filter[c.field][c.op] = c.text;
            generated.set(`${c.field} ${c.op}`, { field: c.field, op: c.op, value: c.value });
          }
          const expected = Object.entries(filter).flatMap(([field, byOp]) =>
            Object.keys(byOp).map((op) => generated.get(`${field} ${op}`)),
          );
          const filterParam: Record<string, unknown> = { ...filter };
          for (const [field, byOp] of Object.entries(filter)) {
            if (shorthand && Object.keys(byOp).length === 1 && byOp.eq !== undefined) filterParam[field] = byOp.eq;
          }
          const raw: Record<string, unknown> = { page: String(page), pageSize: String(pageSize), filter: filterParam };
          if (sort.length > 0) raw.sort = sort.map((s) => `${s.direction === 'DESC' ? '-' : ''}${s.field}`).join(',');
          if (fields) raw.fields = fields.join(',');

          const parsed = parseListQuery(flat ? flatten(raw) : raw, spec);

          expect(parsed.filters).toEqual(expected);
          expect(parsed.sort).toEqual(sort.length > 0 ? sort : [{ field: 'publishedAt', direction: 'DESC' }]);
          expect(parsed.fields).toEqual(fields);
          expect(parsed).toMatchObject({ page, pageSize, extra: {} });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps SQL metacharacters in values out of the SQL text', () => {
    const nasty = fc.string({
      unit: fc.constantFrom(
        "'",
        '"',
        ';',
        '-',
        '--',
        '%',
        '_',
        '\\',
        '/*',
        '*/',
        ':',
        '$1',
        '(',
        ')',
        ' ',
        'OR 1=1',
        'a',
      ),
    });
    // A marker that appears nowhere in the SQL this builder produces, so any leak is visible.
    const value = fc.tuple(fc.nat(99), nasty).map(([n, s]) => `QV${n}${s}`);
    const textFields = fieldNames.filter(
      (n) => spec.fields[n].filterable && ['text', 'string'].includes(spec.fields[n].type),
    );
    const textCase = fc.record({
      field: fc.constantFrom(...textFields),
      op: fc.constantFrom<FilterOp>('eq', 'ne', 'lt', 'gte', 'contains', 'in'),
      values: fc.array(
        value.filter((v) => !v.includes(',')),
        { minLength: 1, maxLength: 4 },
      ),
    });

    fc.assert(
      fc.property(
        fc.uniqueArray(textCase, { minLength: 1, maxLength: 5, selector: (c) => `${c.field} ${c.op}` }),
        (cases) => {
          const build = (valueOf: (c: (typeof cases)[number]) => string) => {
            const filter: Record<string, Record<string, string>> = {};
            for (const c of cases) (filter[c.field] ??= {})[c.op] = valueOf(c);
            const parsed = parseListQuery({ filter, sort: '-title' }, spec);
            const qb = ds
              .createQueryBuilder(TestArticle, 'e')
              .where('e.workspaceId = :workspaceId', { workspaceId: 'ws' });
            return applyListQuery(qb, 'e', parsed, spec);
          };
          const nastyQb = build((c) => (c.op === 'in' ? c.values.join(',') : c.values[0]));
          const [sql, parameters] = nastyQb.getQueryAndParameters();

          expect(nastyQb.getQuery()).not.toContain('QV');
          expect(sql).not.toContain('QV');
          // The SQL text does not depend on the values at all, only on the query's shape.
          const benign = build((c) => (c.op === 'in' ? c.values.map(() => 'x').join(',') : 'x'));
          expect(nastyQb.getQuery()).toBe(benign.getQuery());
          for (const c of cases) {
            const expected = c.op === 'contains' ? `%${escapeForLike(c.values[0])}%` : c.values[0];
            expect(parameters).toContain(c.op === 'in' ? c.values[0] : expected);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

type ValueCase = { text: string; value: ParsedFilter['value'] };

/** A valid value for one field and operator: the text a client sends and the value it must parse to. */
function valueCase(field: ListFieldSpec, op: FilterOp): fc.Arbitrary<ValueCase> {
  if (op === 'null') return fc.boolean().map((b) => ({ text: String(b), value: b }));
  const single = scalarCase(field, op === 'in');
  if (op !== 'in') return single;
  return fc.array(single, { minLength: 1, maxLength: 100 }).map((items) => ({
    text: items.map((i) => i.text).join(','),
    value: items.map((i) => i.value as string),
  }));
}

function scalarCase(field: ListFieldSpec, inList: boolean): fc.Arbitrary<ValueCase> {
  switch (field.type) {
    case 'string':
    case 'text':
      return fc
        .string({ unit: 'grapheme' })
        .filter((s) => !inList || !s.includes(','))
        .map((s) => ({ text: s, value: s }));
    case 'uuid':
      return fc.tuple(fc.uuid(), fc.boolean()).map(([u, upper]) => ({ text: upper ? u.toUpperCase() : u, value: u }));
    case 'integer':
      return fc.maxSafeInteger().map((n) => ({ text: String(n), value: n }));
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => ({ text: String(n), value: n + 0 }));
    case 'boolean':
      return fc.boolean().map((b) => ({ text: String(b), value: b }));
    case 'enum':
      return fc.constantFrom(...(field.enumValues ?? [])).map((e) => ({ text: e, value: e }));
    case 'datetime':
      return fc
        .tuple(
          fc.date({
            min: new Date('0002-01-01T00:00:00Z'),
            max: new Date('9998-12-31T00:00:00Z'),
            noInvalidDate: true,
          }),
          fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        )
        .map(([date, offset]) => ({ text: withOffset(date, offset), value: date }));
  }
}

/** The same instant written as local time at an offset, e.g. 2024-05-01T14:00:00.000+02:00. */
function withOffset(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `{ filter: { a: { eq: 'x' } } }` → `{ 'filter[a][eq]': 'x' }`, as Fastify's parser delivers it. */
function flatten(raw: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (typeof value === 'object' && value !== null)
      Object.assign(flat, flatten(value as Record<string, unknown>, name));
    else flat[name] = value;
  }
  return flat;
}

function escapeForLike(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_');
}
