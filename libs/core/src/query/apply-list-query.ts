import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { OPS_BY_TYPE } from './filter-operators';
import { columnExpression } from './column-expression';
import { compileListQuerySpec, type CompiledListQuerySpec } from './list-query-spec';
import type { FieldType, ListFieldSpec, ListQuerySpec, Page, ParsedFilter, ParsedListQuery } from './list-query.types';

/**
 * Adds a parsed list query to a builder: WHERE (ANDed onto whatever scope is already there), ORDER BY
 * (appended after any order already there, then the spec's tie breaker) and OFFSET/LIMIT.
 * Values only ever travel as parameters named qf0, qf1…; SQL text comes only from the spec.
 */
export function applyListQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  query: ParsedListQuery,
  spec: ListQuerySpec,
): SelectQueryBuilder<T> {
  const compiled = compileListQuerySpec(spec);
  const column = (field: string) => columnExpression(qb, alias, fieldSpec(compiled, field).column);

  if (query.filters.length > 0) isolateExistingWhere(qb);
  const nextName = parameterNames(qb);
  for (const filter of query.filters) {
    const { sql, parameters } = filterCondition(filter, fieldSpec(compiled, filter.field), column(filter.field), nextName);
    // Parenthesised so no condition, ours or the caller's, can change another's precedence.
    qb.andWhere(`(${sql})`, parameters);
  }

  const sorted = new Set<string>();
  for (const { field, direction } of query.sort) {
    if (direction !== 'ASC' && direction !== 'DESC') throw new Error(`List query: bad sort direction for ${field}`);
    qb.addOrderBy(column(field), direction);
    sorted.add(field);
  }
  // Rows with equal sort keys come back in any order; a unique last key keeps pages from overlapping.
  if (compiled.tieBreaker && !sorted.has(compiled.tieBreaker)) qb.addOrderBy(column(compiled.tieBreaker), 'ASC');

  const { page, pageSize } = query;
  if (!isPositiveInteger(page) || !isPositiveInteger(pageSize)) throw new Error('List query: page and pageSize must be positive integers');
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
  if (!OPS_BY_TYPE[field.type].includes(filter.op)) throw new Error(`List query: operator ${filter.op} is not allowed for ${filter.field}`);
  if (filter.op === 'null') return { sql: `${column} IS ${filter.value === true ? '' : 'NOT '}NULL`, parameters: {} };
  const name = nextName();
  if (filter.op === 'in') {
    if (!Array.isArray(filter.value) || filter.value.length === 0) throw new Error(`List query: "in" on ${filter.field} needs a non-empty list`);
    return { sql: `${column} IN (:...${name})`, parameters: { [name]: filter.value.map(toParameter) } };
  }
  if (Array.isArray(filter.value)) throw new Error(`List query: ${filter.op} on ${filter.field} needs a single value`);
  if (filter.op === 'contains') {
    // Backslash is PostgreSQL's default LIKE escape; it is spelled out so the pattern reads on its own.
    return { sql: `${column} ILIKE :${name} ESCAPE '\\'`, parameters: { [name]: `%${escapeLike(String(filter.value))}%` } };
  }
  const placeholder = `:${name}${castFor(field.type)}`;
  const operator = COMPARISON[filter.op];
  return { sql: `${column} ${operator} ${placeholder}`, parameters: { [name]: toParameter(filter.value) } };
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
 * Casts for single-value comparisons where PostgreSQL's inference from the column would be wrong:
 * integers compare as bigint so a value past int4 is "no match" on an int4 column, not an error;
 * date-times compare as instants, and a text-typed column expression fails loudly instead of
 * comparing strings.
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

/** Wraps the caller's WHERE in brackets: TypeORM renders `a OR b` + andWhere(c) as `a OR b AND c`. */
function isolateExistingWhere<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): void {
  const existing = qb.expressionMap.wheres;
  if (existing.length === 0) return;
  qb.expressionMap.wheres = [{ type: 'simple', condition: { operator: 'brackets', condition: existing } }];
}

/** Parameter names not yet used on this builder, so applying twice or next to other qf* names is safe. */
function parameterNames<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): NextName {
  const taken = qb.getParameters();
  let index = 0;
  return () => {
    while (Object.hasOwn(taken, `qf${index}`)) index++;
    return `qf${index++}`;
  };
}

function fieldSpec(spec: CompiledListQuerySpec, field: string): ListFieldSpec {
  const found = spec.fields.get(field);
  if (!found) throw new Error(`List query: field "${field}" is not in the spec`);
  return found;
}

function isPositiveInteger(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1;
}
