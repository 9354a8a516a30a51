import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** A jsonb value for `update(…)`: TypeORM's deep-partial type cannot follow `Record<string, unknown>`. */
export function jsonValue(value: Record<string, unknown>): QueryDeepPartialEntity<Record<string, unknown>> {
  return value as QueryDeepPartialEntity<Record<string, unknown>>;
}
