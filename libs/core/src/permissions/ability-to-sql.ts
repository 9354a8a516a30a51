import { rulesToAST } from '@casl/ability/extra';
import type { Condition, FieldCondition } from '@ucast/core';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { AppAbility } from '../context/request-context';
import { columnExpression } from '../query/column-expression';
import { freshParameterNames, isolateExistingWhere } from '../database/query-builder-safety';

/**
 * Condition field of a subject's rules → SQL column expression relative to the list's alias, in the same
 * form as `ListFieldSpec.column` (`ownerId`, `"data"->>'title'`, `{alias}.x`). Trusted: it comes from code.
 */
export interface SubjectFieldMap {
  [conditionField: string]: string;
}

/**
 * Adds to `qb` a WHERE that keeps only the rows `ability` allows for (action, subject), so a list shows
 * exactly what `ability.can(action, row)` would allow, without loading rows to filter them in memory.
 * Returns the qb.
 *
 * The rules are combined by CASL itself (`rulesToAST`): each allow rule is bounded by the forbid rules of
 * higher priority, `(allow1 AND NOT forbid…) OR (allow2 …)`; no rule denies everything (`1 = 0`) and an
 * unconditional allow adds nothing. Rule values only ever travel as parameters named ab0, ab1…
 *
 * Why not @ucast/sql (1.0.0-alpha.12): its TypeORM adapter calls `qb.where()`, replacing the tenant scope,
 * and names parameters `:0`, `:1` on every call; and its operators follow SQL's three-valued logic, so
 * `$ne`, `$nin` and forbid rules (`NOT (…)`) drop rows whose column is NULL that CASL's in-memory check
 * allows. This converter gives every comparison the meaning CASL gives it for a NULL column (see
 * `nullMatches`) and pushes negations down to the comparisons, so the SQL never negates a NULL.
 */
export function applyAbilityToQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  ability: AppAbility,
  action: string,
  subject: string,
  fields: SubjectFieldMap,
): SelectQueryBuilder<T> {
  const ast = rulesToAST(ability, action, subject);
  const columnOf = (field: string): string => {
    if (!Object.hasOwn(fields, field)) {
      throw new Error(
        `Permission rules for "${subject}" use the condition field "${field}", which is not in the SubjectFieldMap ` +
          `given to applyAbilityToQuery; add it with its column (e.g. ${field}: '${field}').`,
      );
    }
    return columnExpression(qb, alias, fields[field]);
  };
  const predicate = ast ? toPredicate(ast, false, { subject, columnOf }) : FALSE;
  if (predicate.kind === 'const' && predicate.value) return qb;

  isolateExistingWhere(qb);
  const parameters: Record<string, unknown> = {};
  const nextName = freshParameterNames(qb, 'ab');
  const sql = render(predicate, (value) => {
    const name = nextName();
    parameters[name] = toParameter(value);
    return `:${name}${castFor(value)}`;
  });
  return qb.andWhere(`(${sql})`, parameters);
}

/** A condition in negation normal form: only AND/OR over comparisons, each already two-valued per CASL. */
type Predicate =
  | { kind: 'const'; value: boolean }
  | { kind: 'compare'; column: string; op: Operator; values: Scalar[]; nullMatches: boolean }
  | { kind: 'null'; column: string; isNull: boolean }
  | { kind: 'and' | 'or'; parts: Predicate[] };

type Scalar = string | number | boolean | Date;
type Operator = '=' | '<>' | '<' | '<=' | '>' | '>=' | 'IN' | 'NOT IN';

const TRUE: Predicate = { kind: 'const', value: true };
const FALSE: Predicate = { kind: 'const', value: false };
const NEGATED: Record<Operator, Operator> = {
  '=': '<>',
  '<>': '=',
  '<': '>=',
  '>=': '<',
  '<=': '>',
  '>': '<=',
  IN: 'NOT IN',
  'NOT IN': 'IN',
};

interface Scope {
  subject: string;
  columnOf(field: string): string;
}

function toPredicate(node: Condition, negated: boolean, scope: Scope): Predicate {
  const children = (): Condition[] => node.value as Condition[];
  switch (node.operator) {
    case 'and':
    case 'or': {
      const parts = children().map((child) => toPredicate(child, negated, scope));
      // De Morgan: NOT (a AND b) = NOT a OR NOT b.
      return (node.operator === 'and') !== negated ? and(parts) : or(parts);
    }
    case 'nor': // NOT (a OR b)
      return negated
        ? or(children().map((c) => toPredicate(c, true, scope)))
        : and(children().map((c) => toPredicate(c, true, scope)));
    case 'not': // NOT (a AND b); CASL wraps each forbid rule in one
      return negated
        ? and(children().map((c) => toPredicate(c, false, scope)))
        : or(children().map((c) => toPredicate(c, true, scope)));
    default:
      return comparison(node as FieldCondition, negated, scope);
  }
}

/**
 * One comparison as two parts: what it means for a non-NULL column (SQL operator or a constant) and
 * whether a NULL column matches. The latter follows CASL's matcher (@ucast/js) on an entity whose
 * property is null, so the list and `ability.can(action, entity)` agree:
 * `$eq: null` and `$in: [null]` match it, `$ne: 'x'` and `$nin: ['x']` match it, and ranges compare it
 * with JavaScript's `>` (`null < 5` is true). `$exists` reads a NULL column as absent: SQL cannot tell a
 * NULL column from a missing one, while CASL calls a property holding null "existing"; rules on nullable
 * columns should prefer `$ne: null`.
 */
function comparison(node: FieldCondition, negated: boolean, scope: Scope): Predicate {
  const { operator, field, value } = node;
  const column = scope.columnOf(field);
  const fail = (why: string): never => {
    throw new Error(`Permission rules for "${scope.subject}": ${why} (condition field "${field}").`);
  };
  let test: boolean | { op: Operator; values: Scalar[] };
  let nullMatches: boolean;
  switch (operator) {
    case 'eq':
    case 'ne': {
      const v = scalarOrNull(value, fail);
      test = v === null ? false : { op: '=', values: [v] };
      nullMatches = v === null;
      if (operator === 'ne') [test, nullMatches] = negate(test, nullMatches);
      break;
    }
    case 'in':
    case 'nin': {
      if (!Array.isArray(value)) return fail(`$${operator} needs an array`);
      const all = value.map((v) => scalarOrNull(v, fail));
      const present = all.filter((v): v is Scalar => v !== null);
      test = present.length > 0 ? { op: 'IN', values: present } : false;
      nullMatches = all.includes(null);
      if (operator === 'nin') [test, nullMatches] = negate(test, nullMatches);
      break;
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const v = scalarOrNull(value, fail);
      if (v === null) return fail(`$${operator} needs a value, not null`);
      const op = RANGE[operator];
      test = { op, values: [v] };
      nullMatches = RANGE_HOLDS[op](caslCompare(null, v));
      break;
    }
    case 'exists':
      test = Boolean(value);
      nullMatches = !value;
      break;
    default:
      return fail(
        `the operator $${operator} has no SQL form; use $eq, $ne, $in, $nin, $lt, $lte, $gt, $gte or $exists`,
      );
  }
  if (negated) [test, nullMatches] = negate(test, nullMatches);
  if (test === true) return nullMatches ? TRUE : { kind: 'null', column, isNull: false };
  if (test === false) return nullMatches ? { kind: 'null', column, isNull: true } : FALSE;
  return { kind: 'compare', column, ...test, nullMatches };
}

const RANGE = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
const RANGE_HOLDS: Record<(typeof RANGE)[keyof typeof RANGE], (order: number) => boolean> = {
  '<': (o) => o < 0,
  '<=': (o) => o <= 0,
  '>': (o) => o > 0,
  '>=': (o) => o >= 0,
};

/** CASL's default comparator (@ucast/js `compare`), to know what it decides for a null property. */
function caslCompare(a: unknown, b: unknown): number {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return a === b ? 0 : (a as any) > (b as any) ? 1 : -1;
}

function negate(test: boolean | { op: Operator; values: Scalar[] }, nullMatches: boolean): [typeof test, boolean] {
  return [typeof test === 'boolean' ? !test : { op: NEGATED[test.op], values: test.values }, !nullMatches];
}

function scalarOrNull(value: unknown, fail: (why: string) => never): Scalar | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return fail(
    `the value ${JSON.stringify(value) ?? String(value)} is not a string, finite number, boolean, Date or null`,
  );
}

function and(parts: Predicate[]): Predicate {
  if (parts.some((p) => p.kind === 'const' && !p.value)) return FALSE;
  const kept = parts.filter((p) => p.kind !== 'const');
  return kept.length === 0 ? TRUE : kept.length === 1 ? kept[0] : { kind: 'and', parts: kept };
}

function or(parts: Predicate[]): Predicate {
  if (parts.some((p) => p.kind === 'const' && p.value)) return TRUE;
  const kept = parts.filter((p) => p.kind !== 'const');
  return kept.length === 0 ? FALSE : kept.length === 1 ? kept[0] : { kind: 'or', parts: kept };
}

function render(p: Predicate, param: (value: Scalar) => string): string {
  switch (p.kind) {
    case 'const':
      return p.value ? '1 = 1' : '1 = 0';
    case 'null':
      return `${p.column} IS ${p.isNull ? '' : 'NOT '}NULL`;
    case 'and':
    case 'or':
      return `(${p.parts.map((part) => render(part, param)).join(p.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'compare': {
      const rhs = p.op === 'IN' || p.op === 'NOT IN' ? `(${p.values.map(param).join(', ')})` : param(p.values[0]);
      const sql = `${p.column} ${p.op} ${rhs}`;
      // Without NULL matching, a NULL column makes the comparison NULL, which AND/OR/WHERE treat as false.
      return p.nullMatches ? `(${sql} OR ${p.column} IS NULL)` : sql;
    }
  }
}

/** Integers compare as bigint (no int4 overflow error), fractions as double, instants as timestamptz. */
function castFor(value: Scalar): string {
  if (typeof value === 'number') return Number.isInteger(value) ? '::bigint' : '::double precision';
  if (value instanceof Date) return '::timestamptz';
  return '';
}

function toParameter(value: Scalar): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
