import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Brackets the caller's WHERE before more conditions are and-ed on: TypeORM renders `a OR b` + andWhere(c)
 * as `a OR b AND c`, which would widen a tenant scope. Rewrites TypeORM's expression map into the same
 * bracket node `Brackets` produces (an internal structure: covered by tests, watch it on upgrades).
 */
export function isolateExistingWhere<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): void {
  const existing = qb.expressionMap.wheres;
  if (existing.length === 0) return;
  qb.expressionMap.wheres = [{ type: 'simple', condition: { operator: 'brackets', condition: existing } }];
}

/** Parameter names (`<prefix>0`, `<prefix>1`…) not yet used on this builder, so repeated calls never collide. */
export function freshParameterNames<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, prefix: string): () => string {
  const taken = qb.getParameters();
  let index = 0;
  return () => {
    while (Object.hasOwn(taken, `${prefix}${index}`)) index++;
    return `${prefix}${index++}`;
  };
}
