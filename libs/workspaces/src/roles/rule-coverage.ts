import { isDeepStrictEqual } from 'node:util';
import type { PermissionRule } from '@quire/core';

/**
 * A rule of an ability as CASL keeps it (`ability.rules`): placeholders already filled for its actor. A subject
 * that is not a name (CASL allows classes) never covers anything.
 */
export interface HeldRule {
  action: string | string[];
  subject?: unknown;
  fields?: string | string[];
  conditions?: unknown;
  inverted?: boolean;
}

/** The first permission of a role that its giver does not hold: rule index, and the action, subject and field. */
export interface RuleGap {
  index: number;
  action: string;
  subject: string;
  field?: string;
}

const MANAGE = 'manage';
const ALL = 'all';

/**
 * Whether `held` (the giver's own ability) covers every rule of a role, and if not, the first gap. A rule is
 * covered, for each of its actions, subjects and fields, by one allow rule of the giver with:
 * - the same action or `manage`, the same subject or `all`;
 * - no field restriction, or one that includes the field (a rule without fields needs an unrestricted one);
 * - no conditions, or conditions the new rule repeats at least as narrowly: every field the giver's rule
 *   compares is compared by the new rule too, to a subset of the values (equality or `$in`); a condition
 *   with another operator counts only when repeated exactly.
 * Placeholders of the role (`{{actor.id}}`) are filled with the giver's values first, so "their own entries"
 * is covered by "my own entries". Any forbid rule of the giver that may touch the same action and subject
 * fails the rule (fail closed). Forbid rules of the role itself are ignored: they only take away.
 */
export function firstUncoveredRule(
  rules: readonly PermissionRule[],
  held: readonly HeldRule[],
  scope: { actorId: string | null; workspaceId: string | null },
): RuleGap | null {
  for (const [index, rule] of rules.entries()) {
    if (rule.inverted) continue;
    const conditions = rule.conditions ? (fill(rule.conditions, scope) as Record<string, unknown>) : undefined;
    const fields = rule.fields && rule.fields.length > 0 ? rule.fields : [undefined];
    for (const action of list(rule.action)) {
      for (const subject of list(rule.subject)) {
        for (const field of fields) {
          if (!covered(held, action, subject, field, conditions)) {
            return { index, action, subject, ...(field === undefined ? {} : { field }) };
          }
        }
      }
    }
  }
  return null;
}

function covered(
  held: readonly HeldRule[],
  action: string,
  subject: string,
  field: string | undefined,
  conditions: Record<string, unknown> | undefined,
): boolean {
  const onSubject = (h: HeldRule) => names(h.subject).some((s) => s === subject || s === ALL);
  const forbids = held.some(
    (h) =>
      h.inverted && onSubject(h) && (action === MANAGE || list(h.action).some((a) => a === action || a === MANAGE)),
  );
  if (forbids) return false;
  return held.some(
    (h) =>
      !h.inverted &&
      onSubject(h) &&
      list(h.action).some((a) => a === action || a === MANAGE) &&
      fieldCovered(list(h.fields), field) &&
      atLeastAsNarrow(conditions, h.conditions),
  );
}

function fieldCovered(heldFields: string[], field: string | undefined): boolean {
  if (heldFields.length === 0) return true;
  return field !== undefined && heldFields.includes(field);
}

function atLeastAsNarrow(mine: Record<string, unknown> | undefined, theirs: unknown): boolean {
  if (theirs === undefined || theirs === null) return true;
  if (typeof theirs !== 'object' || Array.isArray(theirs)) return false;
  const required = Object.entries(theirs as Record<string, unknown>);
  if (required.length === 0) return true;
  if (!mine) return false;
  return required.every(([field, allowed]) => {
    if (!Object.hasOwn(mine, field)) return false;
    const allowedValues = valuesOf(allowed);
    const myValues = valuesOf(mine[field]);
    if (!allowedValues || !myValues) return isDeepStrictEqual(mine[field], allowed);
    return myValues.every((value) => allowedValues.some((candidate) => candidate === value));
  });
}

/** The values a condition on one field accepts, for equality and `$in`; null for any other operator. */
function valuesOf(condition: unknown): unknown[] | null {
  if (condition === null || typeof condition !== 'object') return [condition];
  if (Array.isArray(condition)) return null;
  const entries = Object.entries(condition);
  if (entries.length !== 1) return null;
  const [operator, operand] = entries[0];
  if (operator === '$eq') return [operand];
  if (operator === '$in' && Array.isArray(operand)) return operand;
  return null;
}

function fill(value: unknown, scope: { actorId: string | null; workspaceId: string | null }): unknown {
  if (value === '{{actor.id}}') return scope.actorId ?? value;
  if (value === '{{workspace.id}}') return scope.workspaceId ?? value;
  if (Array.isArray(value)) return value.map((item) => fill(item, scope));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, scope)]));
  }
  return value;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function names(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
}
