import type { FieldProblem, PermissionRule } from '@quire/core';
import type { PermissionCatalog } from './permission-catalog';

export const MAX_CUSTOM_RULES = 100;
export const MAX_IN_VALUES = 100;
/** The one placeholder a custom rule's condition may use: the member holding the role. */
export const ACTOR_ID_PLACEHOLDER = '{{actor.id}}';

const RULE_MEMBERS = ['action', 'subject', 'conditions', 'fields'];

type Scalar = string | number | boolean;

/** A custom role's rule: allow one action on one subject, optionally only where `conditions` hold, on `fields`. */
export interface CustomRule {
  action: string;
  subject: string;
  conditions?: Record<string, Scalar | { $in: Scalar[] }>;
  fields?: string[];
}

/**
 * Checks the rules of a custom role against what the loaded plugins declare, and returns them normalized (only
 * the four members, in a fixed shape) or every problem, each naming its path (`rules[2].subject`).
 *
 * Custom roles only allow: a forbid rule (CASL's `inverted`) is refused, so a role's meaning never depends on
 * rule order. Conditions compare declared condition fields by plain equality or `$in` with strings, numbers or
 * booleans (or `{{actor.id}}`); no other operator (`$where`, `$regex`, `$ne`, …) and no nesting, so a condition
 * is both safe to evaluate and translatable to SQL for lists.
 */
export function checkCustomRules(
  input: readonly unknown[],
  catalog: PermissionCatalog,
): { rules: CustomRule[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const rules: CustomRule[] = [];
  if (input.length > MAX_CUSTOM_RULES) {
    problems.push({ path: 'rules', message: `rules must have at most ${MAX_CUSTOM_RULES} entries` });
  }
  input.forEach((raw, index) => {
    const path = `rules[${index}]`;
    const problem = (at: string, message: string) => problems.push({ path: `${path}${at}`, message });
    if (!isPlainObject(raw)) {
      problem('', `${path} must be an object with action, subject and optional conditions and fields`);
      return;
    }
    for (const member of Object.keys(raw).filter((m) => !RULE_MEMBERS.includes(m))) {
      problem(
        `.${member}`,
        member === 'inverted'
          ? 'custom roles only allow: a forbid rule (inverted) is not supported; leave the permission out instead'
          : `unknown member "${member}"; a rule has ${RULE_MEMBERS.join(', ')}`,
      );
    }

    const { action, subject: subjectName, conditions, fields } = raw;
    if (typeof action !== 'string') {
      problem('.action', 'action must be a string');
    } else if (!catalog.actions.includes(action)) {
      problem(
        '.action',
        `action "${action}" is not declared by any loaded plugin; use one of: ${catalog.actions.join(', ')}`,
      );
    }
    const subject = typeof subjectName === 'string' ? catalog.subject(subjectName) : undefined;
    if (typeof subjectName !== 'string') {
      problem('.subject', 'subject must be a string');
    } else if (!subject) {
      problem(
        '.subject',
        subjectName === 'all'
          ? 'subject "all" is not allowed in a custom role: name each subject'
          : `subject "${subjectName}" is not declared by any loaded plugin; use one of: ${catalog.subjectNames().join(', ')}`,
      );
    }

    const rule: CustomRule = { action: String(action), subject: String(subjectName) };
    if (conditions !== undefined) {
      const checked = checkConditions(conditions, subject, `${path}.conditions`, problems);
      if (checked) rule.conditions = checked;
    }
    if (fields !== undefined) {
      const checked = checkFields(fields, subject, `${path}.fields`, problems);
      if (checked) rule.fields = checked;
    }
    rules.push(rule);
  });
  return { rules, problems };
}

function checkConditions(
  value: unknown,
  subject: ReturnType<PermissionCatalog['subject']>,
  path: string,
  problems: FieldProblem[],
): CustomRule['conditions'] | null {
  const start = problems.length;
  if (!isPlainObject(value) || Object.keys(value).length === 0) {
    problems.push({
      path,
      message: 'conditions must be an object naming at least one field; leave them out for an unconditional rule',
    });
    return null;
  }
  if (subject && subject.conditionFields.length === 0) {
    problems.push({ path, message: `subject "${subject.name}" takes no conditions (its plugin checks none)` });
    return null;
  }
  const conditions: NonNullable<CustomRule['conditions']> = {};
  for (const [field, expected] of Object.entries(value)) {
    const at = `${path}.${field}`;
    if (field.startsWith('$')) {
      problems.push({
        path: at,
        message: `operator "${field}" is not allowed: conditions compare fields by plain equality or $in`,
      });
      continue;
    }
    if (subject && !subject.conditionFields.includes(field)) {
      problems.push({
        path: at,
        message: `"${field}" is not a condition field of ${subject.name}; use one of: ${subject.conditionFields.join(', ')}`,
      });
      continue;
    }
    if (isPlainObject(expected)) {
      const operators = Object.keys(expected);
      if (operators.length !== 1 || operators[0] !== '$in') {
        problems.push({
          path: at,
          message: 'a condition is a plain value or { "$in": [values] }; no other operator is allowed',
        });
        continue;
      }
      const values = expected.$in;
      if (!Array.isArray(values) || values.length === 0 || values.length > MAX_IN_VALUES) {
        problems.push({ path: `${at}.$in`, message: `$in must be an array of 1 to ${MAX_IN_VALUES} values` });
        continue;
      }
      values.forEach((item, index) => {
        const problem = scalarProblem(item);
        if (problem) problems.push({ path: `${at}.$in[${index}]`, message: problem });
      });
      conditions[field] = { $in: values as Scalar[] };
      continue;
    }
    const problem = scalarProblem(expected);
    if (problem) problems.push({ path: at, message: problem });
    else conditions[field] = expected as Scalar;
  }
  return problems.length === start ? conditions : null;
}

function checkFields(
  value: unknown,
  subject: ReturnType<PermissionCatalog['subject']>,
  path: string,
  problems: FieldProblem[],
): string[] | null {
  const start = problems.length;
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({
      path,
      message: 'fields must be a non-empty array of field names; leave it out for every field',
    });
    return null;
  }
  if (subject && subject.restrictableFields.length === 0) {
    problems.push({ path, message: `subject "${subject.name}" takes no field restriction (its plugin checks none)` });
    return null;
  }
  value.forEach((field, index) => {
    const at = `${path}[${index}]`;
    if (typeof field !== 'string') problems.push({ path: at, message: 'each field must be a string' });
    else if (subject && !subject.restrictableFields.includes(field)) {
      problems.push({
        path: at,
        message: `"${field}" is not a field of ${subject.name} a rule may name; use one of: ${subject.restrictableFields.join(', ')}`,
      });
    } else if (value.indexOf(field) !== index) problems.push({ path: at, message: `"${field}" is listed twice` });
  });
  return problems.length === start ? (value as string[]) : null;
}

function scalarProblem(value: unknown): string | null {
  if (typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'a number must be finite';
  if (typeof value !== 'string') return 'a condition value must be a string, number or boolean';
  if (value.includes('{{') && value !== ACTOR_ID_PLACEHOLDER) {
    return `the only placeholder is ${ACTOR_ID_PLACEHOLDER} (the member holding the role), as the whole value`;
  }
  return null;
}

/**
 * The rules stored for a custom role, as permission rules. They were checked when written; a malformed entry
 * (e.g. a hand-edited row with `inverted` or a broken condition) is dropped, never read more broadly: fail closed.
 */
export function storedRules(stored: unknown): PermissionRule[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((raw): PermissionRule[] => {
    if (!isPlainObject(raw) || typeof raw.action !== 'string' || typeof raw.subject !== 'string') return [];
    if (Object.keys(raw).some((member) => !RULE_MEMBERS.includes(member))) return [];
    const rule: PermissionRule = { action: raw.action, subject: raw.subject };
    // A narrowing member that is present but malformed drops the rule: never read it as unconditional.
    if (raw.conditions !== undefined) {
      if (!isPlainObject(raw.conditions)) return [];
      rule.conditions = raw.conditions;
    }
    if (raw.fields !== undefined) {
      if (!Array.isArray(raw.fields) || !raw.fields.every((f) => typeof f === 'string')) return [];
      rule.fields = raw.fields;
    }
    return [rule];
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
