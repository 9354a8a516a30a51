import { FIELD_TYPES } from './filter-operators';
import type { ListFieldSpec, ListQuerySpec, ParsedSort } from './list-query.types';
import { parseSortList } from './parse-sort-list';

/** Parameters the language itself reads; a spec's `extraParams` may not reuse them. */
export const CORE_PARAMS: readonly string[] = ['page', 'pageSize', 'sort', 'filter', 'fields'];

/** A spec checked once and indexed with Maps, so request-chosen names never reach an object prototype. */
export interface CompiledListQuerySpec {
  fields: ReadonlyMap<string, ListFieldSpec>;
  filterable: readonly string[];
  sortable: readonly string[];
  selectable: readonly string[];
  defaultSort: readonly ParsedSort[];
  defaultPageSize: number;
  maxPageSize: number;
  extraParams: ReadonlySet<string>;
  tieBreaker: string | null;
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;
/** A column the alias can be prefixed to: `title`, `data->>'x'`, `"camelCase"`, but not `lower(title)`. */
const COLUMN_START = /^(?:"|[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_]|\s*\())/;

const compiled = new WeakMap<ListQuerySpec, CompiledListQuerySpec>();

/**
 * Validates a spec and indexes it. A broken spec is a programming error: it throws a plain Error naming
 * the field and the fix (a 500, not the client's fault), on the first request that uses it.
 */
export function compileListQuerySpec(spec: ListQuerySpec): CompiledListQuerySpec {
  const cached = compiled.get(spec);
  if (cached) return cached;
  const result = compile(spec);
  compiled.set(spec, result);
  return result;
}

function compile(spec: ListQuerySpec): CompiledListQuerySpec {
  const problems: string[] = [];
  const fields = new Map<string, ListFieldSpec>();
  for (const [name, field] of Object.entries(spec.fields ?? {})) {
    problems.push(...checkField(name, field));
    fields.set(name, field);
  }
  const names = [...fields.keys()];
  const defaultPageSize = spec.defaultPageSize ?? 20;
  const maxPageSize = spec.maxPageSize ?? 100;
  if (!isPositiveInteger(maxPageSize)) problems.push(`maxPageSize must be a positive integer, got ${maxPageSize}`);
  if (!isPositiveInteger(defaultPageSize) || defaultPageSize > maxPageSize) {
    problems.push(
      `defaultPageSize must be a positive integer no larger than maxPageSize (${maxPageSize}), got ${defaultPageSize}`,
    );
  }
  let defaultSort: ParsedSort[] = [];
  if (spec.defaultSort !== undefined) {
    const parsed = parseSortList(spec.defaultSort, names);
    defaultSort = parsed.sort;
    problems.push(...parsed.problems.map((p) => `defaultSort "${spec.defaultSort}": ${p}`));
  }
  if (spec.tieBreaker !== undefined && !fields.has(spec.tieBreaker)) {
    problems.push(
      `tieBreaker "${spec.tieBreaker}" is not a declared field; declare it in fields (e.g. id: { type: 'uuid', column: 'id' })`,
    );
  }
  for (const param of spec.extraParams ?? []) {
    if (CORE_PARAMS.includes(param) || param === '__proto__' || param.length === 0) {
      problems.push(`extraParams may not contain "${param}": it is reserved by the list query language`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid list query spec: ${problems.join('; ')}`);
  const having = (flag: 'filterable' | 'sortable' | 'selectable') =>
    names.filter((n) => fields.get(n)?.[flag] === true);
  return {
    fields,
    filterable: having('filterable'),
    sortable: having('sortable'),
    selectable: having('selectable'),
    defaultSort,
    defaultPageSize,
    maxPageSize,
    extraParams: new Set(spec.extraParams ?? []),
    tieBreaker: spec.tieBreaker ?? null,
  };
}

function checkField(name: string, field: ListFieldSpec): string[] {
  const problems: string[] = [];
  // Names are split on "," and "-" in sort/fields and bracketed in filter[...]; keep them plain.
  if (!FIELD_NAME.test(name)) problems.push(`field "${name}" must match ${FIELD_NAME}`);
  if (!FIELD_TYPES.includes(field?.type))
    problems.push(`field "${name}" has unknown type "${field?.type}"; use one of ${FIELD_TYPES.join(', ')}`);
  const column = field?.column;
  if (typeof column !== 'string' || (!COLUMN_START.test(column) && !column.includes('{alias}'))) {
    problems.push(`field "${name}" needs a column that starts with a column name or contains {alias}`);
  }
  if (field?.type === 'enum' && !(Array.isArray(field.enumValues) && field.enumValues.length > 0)) {
    problems.push(`enum field "${name}" needs enumValues`);
  }
  return problems;
}

function isPositiveInteger(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1;
}
