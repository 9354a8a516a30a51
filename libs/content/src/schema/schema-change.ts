import { isLocalizedField, type ContentTypeDefinition, type FieldDefinition } from './field-definition';
import { jsonEqual } from './deep-equal';

/** One difference between two versions of a type. `details` says which rules changed: `maxLength 200 → 100`. */
export interface SchemaChange {
  kind:
    | 'field-added'
    | 'field-removed'
    | 'field-renamed'
    | 'field-changed'
    | 'type-renamed'
    | 'kind-changed'
    | 'options-changed';
  field?: string;
  from?: string;
  to?: string;
  details?: string[];
  /** The rules behind `details`, for `changeMayInvalidateEntries` and callers that need the values. */
  rules?: RuleChange[];
}

export interface RuleChange {
  rule: string;
  before: unknown;
  after: unknown;
}

/** Rules compared per field, in the order details list them; a missing boolean is false, `localized` its default. */
const FIELD_RULES = [
  'type',
  'label',
  'description',
  'required',
  'unique',
  'localized',
  'private',
  'indexed',
  'default',
  'minLength',
  'maxLength',
  'pattern',
  'min',
  'max',
  'values',
  'sourceField',
  'multiple',
  'allowedTypes',
  'target',
  'onDelete',
  'component',
  'repeatable',
  'minItems',
  'maxItems',
] as const;
const FALSE_BY_DEFAULT = new Set(['required', 'unique', 'private', 'indexed', 'multiple', 'repeatable']);

function ruleValue(field: FieldDefinition, rule: string): unknown {
  if (rule === 'localized') return isLocalizedField(field);
  const value = (field as unknown as Record<string, unknown>)[rule];
  if (value === undefined && FALSE_BY_DEFAULT.has(rule)) return false;
  if (value === undefined && rule === 'onDelete' && field.type === 'relation') return 'restrict';
  return value;
}

function format(value: unknown): string {
  if (value === undefined) return 'unset';
  if (typeof value === 'string') return JSON.stringify(value);
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function ruleChanges(before: FieldDefinition, after: FieldDefinition): RuleChange[] {
  const changes: RuleChange[] = [];
  for (const rule of FIELD_RULES) {
    const a = ruleValue(before, rule);
    const b = ruleValue(after, rule);
    if (!jsonEqual(a, b)) changes.push({ rule, before: a, after: b });
  }
  return changes;
}

function describeRules(rules: RuleChange[]): string[] {
  return rules.map((r) =>
    typeof r.before === 'boolean' ||
    typeof r.after === 'boolean' ||
    typeof r.before === 'number' ||
    typeof r.after === 'number'
      ? `${r.rule} ${r.before === undefined ? 'unset' : String(r.before)} → ${r.after === undefined ? 'unset' : String(r.after)}`
      : `${r.rule} ${format(r.before)} → ${format(r.after)}`,
  );
}

/**
 * What changed from one version of a type to the next, in a fixed order: the type's API id, kind and options,
 * then each field of `after` in its order (renamed, changed or added), then the fields removed, in `before`'s
 * order. `renames` maps old field names to new ones; a field whose name is gone and is not in `renames` counts as
 * removed (its data goes), never as guessed-renamed.
 */
export function diffDefinitions(
  before: ContentTypeDefinition,
  after: ContentTypeDefinition,
  renames: Record<string, string> = {},
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  if (before.apiId !== after.apiId) changes.push({ kind: 'type-renamed', from: before.apiId, to: after.apiId });
  if (before.kind !== after.kind) changes.push({ kind: 'kind-changed', from: before.kind, to: after.kind });

  const typeRules: RuleChange[] = [];
  for (const rule of ['name', 'description'] as const) {
    if (before[rule] !== after[rule]) typeRules.push({ rule, before: before[rule], after: after[rule] });
  }
  for (const rule of ['publicRead', 'seo', 'revisionCap'] as const) {
    const defaultValue = rule === 'revisionCap' ? 100 : false;
    const a = before.options?.[rule] ?? defaultValue;
    const b = after.options?.[rule] ?? defaultValue;
    if (a !== b) typeRules.push({ rule, before: a, after: b });
  }
  if (typeRules.length > 0) {
    changes.push({ kind: 'options-changed', details: describeRules(typeRules), rules: typeRules });
  }

  const beforeByName = new Map(before.fields.map((f) => [f.name, f]));
  const afterNames = new Set(after.fields.map((f) => f.name));
  // new name → old name, only for renames that name a field that existed and one that exists now.
  const renamedFrom = new Map<string, string>();
  for (const [from, to] of Object.entries(renames)) {
    if (beforeByName.has(from) && afterNames.has(to) && from !== to) renamedFrom.set(to, from);
  }
  const matched = new Set<string>();
  for (const field of after.fields) {
    const oldName =
      renamedFrom.get(field.name) ??
      (renamedFrom.size > 0 && [...renamedFrom.values()].includes(field.name) ? undefined : field.name);
    const old = oldName === undefined ? undefined : beforeByName.get(oldName);
    if (!old) {
      changes.push({ kind: 'field-added', field: field.name, ...(field.required ? { details: ['required'] } : {}) });
      continue;
    }
    matched.add(old.name);
    if (old.name !== field.name)
      changes.push({ kind: 'field-renamed', field: field.name, from: old.name, to: field.name });
    const rules = ruleChanges(old, field);
    if (rules.length > 0) {
      changes.push({ kind: 'field-changed', field: field.name, details: describeRules(rules), rules });
    }
  }
  for (const field of before.fields) {
    if (!matched.has(field.name)) changes.push({ kind: 'field-removed', field: field.name });
  }
  return changes;
}

const SAFE_RULES = new Set(['label', 'description', 'private', 'indexed', 'default', 'sourceField', 'onDelete']);

function isNumber(value: unknown): value is number {
  return typeof value === 'number';
}

/** Whether one rule's change can only accept more values than before. */
function loosens(change: RuleChange): boolean {
  const { rule, before, after } = change;
  if (SAFE_RULES.has(rule)) return true;
  switch (rule) {
    case 'required':
    case 'unique':
      return after === false;
    case 'maxLength':
    case 'max':
    case 'maxItems':
      return after === undefined || (isNumber(before) && isNumber(after) && after >= before);
    case 'minLength':
    case 'min':
    case 'minItems':
      return after === undefined || (isNumber(before) && isNumber(after) && after <= before);
    case 'pattern':
      return after === undefined;
    case 'values':
      return Array.isArray(before) && Array.isArray(after) && before.every((v) => after.includes(v));
    case 'allowedTypes':
      return (
        after === undefined || (Array.isArray(before) && Array.isArray(after) && before.every((v) => after.includes(v)))
      );
    default:
      return false;
  }
}

/**
 * Whether existing entries may break (fail validation, or lose or misplace data) under the change. False only for
 * what cannot: adding an optional field, label / description / name changes, privacy and index changes, and
 * limits that only loosen. Conservative otherwise: a renamed field's data must move, a removed field's is lost, a
 * renamed type leaves relations in other types pointing at the old API id.
 */
export function changeMayInvalidateEntries(change: SchemaChange): boolean {
  switch (change.kind) {
    case 'field-added':
      return (change.details ?? []).includes('required');
    case 'field-changed':
      return !(change.rules ?? [{ rule: 'unknown', before: undefined, after: undefined }]).every(loosens);
    case 'options-changed':
      // Turning the SEO block off drops its data; the other type options do not touch entries.
      return (change.rules ?? []).some((r) => r.rule === 'seo' && r.after === false);
    default:
      return true;
  }
}
