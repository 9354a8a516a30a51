import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { OPS_BY_TYPE } from './filter-operators';
import { columnExpression } from './column-expression';
import { compileListQuerySpec, type CompiledListQuerySpec } from './list-query-spec';
import type { FieldType, ListFieldSpec, ListQuerySpec, Page, ParsedFilter, ParsedListQuery } from './list-query.types';
import { freshParameterNames, isolateExistingWhere } from '../database/query-builder-safety';

/** Which parsed queries each builder already has, so applyListQuery then fetchPage doesn't double up. */
const applied = new WeakMap<object, WeakSet<ParsedListQuery>>();

/**
 * Adds a parsed list query to a builder: WHERE (ANDed onto whatever scope is already there), ORDER BY
 * (appended after any order already there, then the spec's tie breaker) and OFFSET/LIMIT.
 * Values only ever travel as parameters named qf0, qf1…; SQL text comes only from the spec.
 * Applying the same query object to the same builder again changes nothing.
 */
export function applyListQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  query: ParsedListQuery,
  spec: ListQuerySpec,
): SelectQueryBuilder<T> {
  const done = applied.get(qb) ?? new WeakSet<ParsedListQuery>();
  if (done.has(query)) return qb;
  const compiled = compileListQuerySpec(spec);
  const column = (field: string) => columnExpression(qb, alias, fieldSpec(compiled, field).column);

  // Everything is worked out before the builder changes, so a bad hand-built query leaves it untouched.
  const { page, pageSize } = query;
  if (!isPositiveInteger(page) || !isPositiveInteger(pageSize)) {
    throw new Error('List query: page and pageSize must be positive integers');
  }
  const nextName = freshParameterNames(qb, 'qf');
  const conditions = query.filters.map((filter) =>
    filterCondition(filter, fieldSpec(compiled, filter.field), column(filter.field), nextName),
  );
  const order = query.sort.map(({ field, direction }) => {
    if (direction !== 'ASC' && direction !== 'DESC') throw new Error(`List query: bad sort direction for ${field}`);
    return { sql: column(field), direction };
  });
  // Rows with equal sort keys come back in any order; a unique last key keeps pages from overlapping.
  const { tieBreaker } = compiled;
  if (tieBreaker && !query.sort.some((s) => s.field === tieBreaker)) {
    order.push({ sql: column(tieBreaker), direction: 'ASC' });
  }

  if (conditions.length > 0) isolateExistingWhere(qb);
  // Parenthesised so no condition, ours or the caller's, can change another's precedence.
  for (const { sql, parameters } of conditions) qb.andWhere(`(${sql})`, parameters);
  for (const { sql, direction } of order) qb.addOrderBy(sql, direction);
  done.add(query);
  applied.set(qb, done);
  return qb.offset((page - 1) * pageSize).limit(pageSize);
}

/** Applies the query and loads entities plus the total count (getManyAndCount). */
export async function fetchPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  query: ParsedListQuery,
  spec: ListQuerySpec,
): Promise<Page<T>> {
  const [data, total] = await applyListQuery(qb, alias, query, spec).getManyAndCount();
  return toPage(data, total, query);
}

/**
 * Applies the query and loads raw rows (getRawMany), for read paths that shape rows themselves.
 * The count wraps the filtered query (without order and paging) in a subquery, so it stays right with
 * GROUP BY, DISTINCT or joins; it is skipped when the page itself proves the total.
 */
export async function fetchRawPage<R = Record<string, unknown>, T extends ObjectLiteral = ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  query: ParsedListQuery,
  spec: ListQuerySpec,
): Promise<Page<R>> {
  const paged = applyListQuery(qb, alias, query, spec);
  const data = (await paged.getRawMany()) as R[];
  const offset = (query.page - 1) * query.pageSize;
  if (data.length > 0 && data.length < query.pageSize) return toPage(data, offset + data.length, query);
  if (data.length === 0 && query.page === 1) return toPage(data, 0, query);
  const unpaged = paged.clone().orderBy().offset(undefined).limit(undefined);
  const row = await paged
    .createQueryBuilder()
    .select('COUNT(*)', 'total')
    .from(`(${unpaged.getQuery()})`, 'list_query_count')
    .setParameters(unpaged.getParameters())
    .getRawOne<{ total: string | number }>();
  return toPage(data, Number(row?.total ?? 0), query);
}

function toPage<R>(data: R[], total: number, query: ParsedListQuery): Page<R> {
  return {
    data,
    meta: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize) },
  };
}

type NextName = () => string;

function filterCondition(
  filter: ParsedFilter,
  field: ListFieldSpec,
  column: string,
  nextName: NextName,
): { sql: string; parameters: Record<string, unknown> } {
  const { op, value } = filter;
  if (!OPS_BY_TYPE[field.type].includes(op)) {
    throw new Error(`List query: operator ${op} is not allowed for ${filter.field}`);
  }
  if (op === 'null') return { sql: `${column} IS ${value === true ? '' : 'NOT '}NULL`, parameters: {} };
  const cast = castFor(field.type);
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0) {
      throw new Error(`List query: "in" on ${filter.field} needs a non-empty list`);
    }
    if (cast) {
      // One cast parameter per value: a spread list can't carry the cast that keeps int4 from overflowing.
      const names = value.map(() => nextName());
      const parameters = Object.fromEntries(names.map((n, i) => [n, toParameter(value[i])]));
      return { sql: `${column} IN (${names.map((n) => `:${n}${cast}`).join(', ')})`, parameters };
    }
    const name = nextName();
    return { sql: `${column} IN (:...${name})`, parameters: { [name]: value.map(toParameter) } };
  }
  if (Array.isArray(value)) throw new Error(`List query: ${op} on ${filter.field} needs a single value`);
  const name = nextName();
  if (op === 'contains') {
    // Backslash is PostgreSQL's default LIKE escape; it is spelled out so the pattern reads on its own.
    return { sql: `${column} ILIKE :${name} ESCAPE '\\'`, parameters: { [name]: `%${escapeLike(String(value))}%` } };
  }
  return { sql: `${column} ${COMPARISON[op]} :${name}${cast}`, parameters: { [name]: toParameter(value) } };
}

const COMPARISON = {
  eq: '=',
  // Unlike <>, keeps rows where the column is NULL: they are "not equal" to the value too.
  ne: 'IS DISTINCT FROM',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
} as const;

/**
 * Casts where PostgreSQL's inference from the column would be wrong: integers compare as bigint so a
 * value past int4 is "no match" on an int4 column, not an error; date-times compare as instants, and
 * a text-typed column expression fails loudly instead of comparing strings.
 */
function castFor(type: FieldType): string {
  if (type === 'integer') return '::bigint';
  if (type === 'datetime') return '::timestamptz';
  return '';
}

/** Dates bind as ISO strings: the same instant whatever the server's zone or pg's date settings. */
function toParameter(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** Makes %, _ and \ match themselves in an ILIKE pattern (escape the escape character first). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function fieldSpec(spec: CompiledListQuerySpec, field: string): ListFieldSpec {
  const found = spec.fields.get(field);
  if (!found) throw new Error(`List query: field "${field}" is not in the spec`);
  return found;
}

function isPositiveInteger(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1;
}
