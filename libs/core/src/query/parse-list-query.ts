import { isFilterOp, MAX_IN_VALUES, MAX_SORT_KEYS, OPS_BY_TYPE } from './filter-operators';
import { compileListQuerySpec, CORE_PARAMS, type CompiledListQuerySpec } from './list-query-spec';
import { ListQueryError, type ListQueryIssue } from './list-query.errors';
import { listOrNone, quote } from './list-query-messages';
import type {
  FilterOp,
  FilterScalar,
  ListFieldSpec,
  ListQuerySpec,
  ParsedFilter,
  ParsedListQuery,
  ParsedSort,
} from './list-query.types';
import { expectedValue, parseFilterValue } from './parse-filter-value';
import { parseSortList } from './parse-sort-list';
import { isRecord, normalizeQueryParams, own, readScalar, type QueryRecord } from './query-params';

const POSITIVE_INTEGER = /^\d+$/;

/**
 * Validates the query string of a list endpoint against its spec. Pure; throws a ListQueryError that
 * lists every problem of the query, each with the parameter path as the client wrote it.
 */
export function parseListQuery(raw: Record<string, unknown>, spec: ListQuerySpec): ParsedListQuery {
  const compiled = compileListQuerySpec(spec);
  const params = normalizeQueryParams(raw);
  const issues: ListQueryIssue[] = [];

  checkParamNames(params, compiled, issues);
  const page = readPositiveInteger(params, 'page', issues) ?? 1;
  const pageSize = readPageSize(params, compiled, issues);
  if ((page - 1) * pageSize > Number.MAX_SAFE_INTEGER) {
    issues.push({ path: 'page', message: `page ${page} is too far for pageSize ${pageSize}` });
  }
  const sort = readSort(params, compiled, issues);
  const filters = readFilters(own(params, 'filter'), compiled, issues);
  const fields = readFields(params, compiled, issues);
  const extra = readExtra(params, compiled, issues);

  if (issues.length > 0) throw new ListQueryError(issues);
  return { page, pageSize, sort, filters, fields, extra };
}

function checkParamNames(params: QueryRecord, spec: CompiledListQuerySpec, issues: ListQueryIssue[]): void {
  for (const name of Object.keys(params)) {
    if (params[name] === undefined || CORE_PARAMS.includes(name) || spec.extraParams.has(name)) continue;
    const message =
      name === 'cursor'
        ? 'cursor paging is not supported by this endpoint; use page and pageSize'
        : `unknown query parameter ${quote(name)}; ${listOrNone('allowed parameters', [...CORE_PARAMS, ...spec.extraParams])}`;
    issues.push({ path: name, message });
  }
}

/** Reads a present parameter as one string, or records why it is not one. */
function readText(params: QueryRecord, name: string, issues: ListQueryIssue[]): string | undefined {
  const value = own(params, name);
  if (value === undefined) return undefined;
  const scalar = readScalar(value);
  if (scalar.ok) return scalar.value;
  issues.push({ path: name, message: scalar.message });
  return undefined;
}

function readPositiveInteger(params: QueryRecord, name: string, issues: ListQueryIssue[]): number | undefined {
  const text = readText(params, name, issues);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (POSITIVE_INTEGER.test(text) && Number.isSafeInteger(n) && n >= 1) return n;
  issues.push({ path: name, message: `expected an integer of at least 1, got ${quote(text)}` });
  return undefined;
}

function readPageSize(params: QueryRecord, spec: CompiledListQuerySpec, issues: ListQueryIssue[]): number {
  const pageSize = readPositiveInteger(params, 'pageSize', issues);
  if (pageSize === undefined) return spec.defaultPageSize;
  if (pageSize <= spec.maxPageSize) return pageSize;
  // Rejected rather than clamped: a client that asked for 500 and silently got 100 would miss rows.
  issues.push({ path: 'pageSize', message: `pageSize must be at most ${spec.maxPageSize}, got ${pageSize}` });
  return spec.maxPageSize;
}

function readSort(params: QueryRecord, spec: CompiledListQuerySpec, issues: ListQueryIssue[]): ParsedSort[] {
  const text = readText(params, 'sort', issues);
  if (text === undefined) return [...spec.defaultSort];
  const keys = text.split(',');
  if (keys.length > MAX_SORT_KEYS) {
    issues.push({ path: 'sort', message: `at most ${MAX_SORT_KEYS} sort keys are allowed, got ${keys.length}` });
    return [];
  }
  const { sort, problems } = parseSortList(text, spec.sortable);
  issues.push(...problems.map((message) => ({ path: 'sort', message })));
  return sort;
}

function readFields(params: QueryRecord, spec: CompiledListQuerySpec, issues: ListQueryIssue[]): string[] | null {
  const text = readText(params, 'fields', issues);
  if (text === undefined) return null;
  const fields: string[] = [];
  for (const rawName of text.split(',')) {
    const name = rawName.trim();
    if (name.length === 0) {
      issues.push({ path: 'fields', message: 'empty field name; expected a comma-separated list like title,slug' });
    } else if (!spec.selectable.includes(name)) {
      issues.push({
        path: 'fields',
        message: `unknown field ${quote(name)}; ${listOrNone('selectable fields', spec.selectable)}`,
      });
    } else if (fields.includes(name)) {
      issues.push({ path: 'fields', message: `duplicate field ${quote(name)}` });
    } else {
      fields.push(name);
    }
  }
  return fields;
}

function readExtra(params: QueryRecord, spec: CompiledListQuerySpec, issues: ListQueryIssue[]): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const name of spec.extraParams) {
    const text = readText(params, name, issues);
    if (text !== undefined) extra[name] = text;
  }
  return extra;
}

function readFilters(value: unknown, spec: CompiledListQuerySpec, issues: ListQueryIssue[]): ParsedFilter[] {
  if (value === undefined) return [];
  if (!isRecord(value)) {
    issues.push({ path: 'filter', message: 'expected filter[field]=value or filter[field][operator]=value' });
    return [];
  }
  const filters: ParsedFilter[] = [];
  for (const [field, operators] of Object.entries(value)) {
    if (operators === undefined) continue;
    const path = `filter[${field}]`;
    const fieldSpec = spec.filterable.includes(field) ? spec.fields.get(field) : undefined;
    if (!fieldSpec) {
      // Declared-but-not-filterable fields get the same answer as unknown ones: no schema probing.
      issues.push({
        path,
        message: `unknown field ${quote(field)}; ${listOrNone('filterable fields', spec.filterable)}`,
      });
      continue;
    }
    if (isRecord(operators)) {
      const entries = Object.entries(operators).filter(([, v]) => v !== undefined);
      if (entries.length === 0) issues.push({ path, message: 'expected filter[field][operator]=value' });
      for (const [op, opValue] of entries) {
        const filter = readFilter(field, fieldSpec, op, opValue, `${path}[${op}]`, issues);
        if (filter) filters.push(filter);
      }
      continue;
    }
    // filter[field]=value is shorthand for filter[field][eq]=value.
    const filter = readFilter(field, fieldSpec, 'eq', operators, path, issues);
    if (filter) filters.push(filter);
  }
  return filters;
}

function readFilter(
  field: string,
  fieldSpec: ListFieldSpec,
  op: string,
  value: unknown,
  path: string,
  issues: ListQueryIssue[],
): ParsedFilter | undefined {
  const allowed = OPS_BY_TYPE[fieldSpec.type];
  if (!isFilterOp(op)) {
    issues.push({ path, message: `unknown operator ${quote(op)}; allowed for ${field}: ${allowed.join(', ')}` });
    return undefined;
  }
  if (!allowed.includes(op)) {
    issues.push({
      path,
      message: `operator "${op}" is not allowed for ${field} (${fieldSpec.type}); allowed for ${field}: ${allowed.join(', ')}`,
    });
    return undefined;
  }
  const scalar = readScalar(value);
  if (!scalar.ok) {
    issues.push({ path, message: scalar.message });
    return undefined;
  }
  const parsed = readOperand(field, fieldSpec, op, scalar.value);
  if (parsed.ok) return { field, op, value: parsed.value };
  issues.push({ path, message: parsed.message });
  return undefined;
}

type Operand = { ok: true; value: ParsedFilter['value'] } | { ok: false; message: string };

function readOperand(field: string, fieldSpec: ListFieldSpec, op: FilterOp, text: string): Operand {
  const invalid = (shown: string, expected: string): Operand => ({
    ok: false,
    message: `invalid value ${shown} for ${field} ${op}: expected ${expected}`,
  });
  if (op === 'null') {
    return text === 'true' || text === 'false'
      ? { ok: true, value: text === 'true' }
      : invalid(quote(text), 'true or false');
  }
  if (op !== 'in') {
    const parsed = parseFilterValue(fieldSpec, text);
    return parsed.ok ? parsed : invalid(quote(text), expectedValue(fieldSpec));
  }
  const items = text.split(',');
  if (items.length > MAX_IN_VALUES) {
    return {
      ok: false,
      message: `too many values for ${field} in: at most ${MAX_IN_VALUES} are allowed, got ${items.length}`,
    };
  }
  const values: FilterScalar[] = [];
  const bad: string[] = [];
  for (const item of items) {
    const parsed = parseFilterValue(fieldSpec, item);
    if (parsed.ok) values.push(parsed.value);
    else bad.push(quote(item));
  }
  if (bad.length === 0) return { ok: true, value: values };
  const shown = bad.slice(0, 3).join(', ') + (bad.length > 3 ? `, … (${bad.length} in all)` : '');
  return invalid(shown, `a comma-separated list, each ${expectedValue(fieldSpec)}`);
}
