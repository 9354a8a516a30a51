import type { FieldType, FilterOp } from './list-query.types';

export const FILTER_OPS: readonly FilterOp[] = ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'null'];

const ORDERED: readonly FilterOp[] = ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'null'];

/** Operators each field type supports; anything else is a 400 that lists these. */
export const OPS_BY_TYPE: Readonly<Record<FieldType, readonly FilterOp[]>> = {
  string: FILTER_OPS,
  text: FILTER_OPS,
  uuid: ['eq', 'ne', 'in', 'null'],
  enum: ['eq', 'ne', 'in', 'null'],
  integer: ORDERED,
  number: ORDERED,
  datetime: ORDERED,
  boolean: ['eq', 'ne', 'null'],
};

export const FIELD_TYPES = Object.keys(OPS_BY_TYPE) as FieldType[];

export function isFilterOp(value: string): value is FilterOp {
  return (FILTER_OPS as readonly string[]).includes(value);
}

/** Maximum number of values of one `in` filter: keeps the parameter list (and the plan) small. */
export const MAX_IN_VALUES = 100;

/** Maximum number of client sort keys. */
export const MAX_SORT_KEYS = 5;
