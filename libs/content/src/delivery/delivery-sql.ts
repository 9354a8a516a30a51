import type { FilterScalar, ParsedFilter, ParsedListQuery } from '@quire/core';
import type { DeliveryListField, DeliveryModel, SqlType } from './delivery-model';

/**
 * Positional parameters of one statement. The workspace id is always $1: every statement of delivery starts
 * from `workspace_id = $1` (the context's workspace), like the tenant repository does.
 */
export class SqlParams {
  readonly values: unknown[];

  constructor(workspaceId: string) {
    this.values = [workspaceId];
  }

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The published, not trashed rows of a type in a locale: the partial delivery index's own predicate. */
export function publishedRows(alias: string, params: SqlParams, typeId: string, locale: string): string[] {
  return [
    `${alias}.workspace_id = $1`,
    `${alias}.content_type_id = ${params.add(typeId)}`,
    `${alias}.locale = ${params.add(locale)}`,
    `${alias}.published_data IS NOT NULL`,
    `NOT ${alias}.in_trash`,
  ];
}

/** SQL conditions (with `{alias}` left in) for the parsed filters; values only ever travel as parameters. */
export function filterConditions(model: DeliveryModel, filters: readonly ParsedFilter[], params: SqlParams): string[] {
  return filters.map((filter) => filterCondition(fieldOf(model, filter.field), filter, params));
}

/** ORDER BY items for the parsed sort (rank first for a search without `sort`), then a unique tie breaker. */
export function orderBy(
  model: DeliveryModel,
  query: ParsedListQuery,
  rank: string | null,
  explicitSort: boolean,
): string[] {
  const items: string[] = [];
  if (rank && !explicitSort) items.push(`${rank} DESC`);
  else for (const { field, direction } of query.sort) items.push(`${fieldOf(model, field).spec.column} ${direction}`);
  // The locale row's id: unique among the rows of a list (one locale per entry), and the delivery index's last
  // key, so that the default order is served by the index alone.
  items.push('{alias}.id ASC');
  return items;
}

function filterCondition(field: DeliveryListField, filter: ParsedFilter, params: SqlParams): string {
  const column = field.spec.column;
  const { op, value } = filter;
  if (op === 'null') return `${column} IS ${value === true ? '' : 'NOT '}NULL`;
  if (op === 'in') {
    const values = (Array.isArray(value) ? value : [value]).map((v) => toParameter(v as FilterScalar, field.sqlType));
    return `${column} = ANY(${params.add(values)}::${field.sqlType}[])`;
  }
  const single = toParameter(value as FilterScalar, field.sqlType);
  if (op === 'eq' && field.jsonKey && field.sqlType !== 'timestamptz') {
    // Containment is what the GIN index on published_data serves, for every field, indexed or not. Not for
    // date-times: one instant has many spellings.
    return `{alias}.published_data @> ${params.add(JSON.stringify({ [field.jsonKey]: single }))}::jsonb`;
  }
  if (op === 'contains') return `${column} ILIKE ${params.add(`%${escapeLike(String(single))}%`)} ESCAPE '\\'`;
  return `${column} ${COMPARISON[op]} ${params.add(single)}::${field.sqlType}`;
}

const COMPARISON: Record<string, string> = {
  eq: '=',
  // Unlike <>, keeps rows where the field is null: they are "not equal" to the value too.
  ne: 'IS DISTINCT FROM',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};

function toParameter(value: FilterScalar, sqlType: SqlType): string | number | boolean {
  if (value instanceof Date) return sqlType === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  return value;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function fieldOf(model: DeliveryModel, name: string): DeliveryListField {
  const field = model.listFields.get(name);
  // parseListQuery validated every name against this model's spec: a miss is a programming error.
  if (!field) throw new Error(`Delivery: field "${name}" is not in the type's list spec`);
  return field;
}

/** Puts the alias where the spec's expressions say `{alias}`. */
export function withAlias(sql: string, alias: string): string {
  return sql.replaceAll('{alias}', alias);
}
