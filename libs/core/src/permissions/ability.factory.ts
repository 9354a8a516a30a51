import { createMongoAbility, type RawRuleOf } from '@casl/ability';
import type { Actor } from '../context/actor';
import type { AppAbility, WorkspaceRef } from '../context/request-context';
import type { PermissionRule } from './permission.types';

const PLACEHOLDER = /^\{\{(actor\.id|workspace\.id)\}\}$/;

/**
 * Builds the CASL ability of an actor in a workspace from rules as data, filling `{{actor.id}}` and
 * `{{workspace.id}}`. A placeholder with no value (an actor without id) must not become `null`: in SQL and in
 * CASL that would match every row without an owner. Such an allow rule is dropped; such a forbid rule
 * forbids unconditionally (fail closed).
 */
export function buildAbility(rules: PermissionRule[], scope: { actor: Actor; workspace: WorkspaceRef }): AppAbility {
  const values: Record<string, string | null> = { 'actor.id': scope.actor.id, 'workspace.id': scope.workspace.id };
  const filled = rules.flatMap((rule) => {
    if (!rule.conditions) return [rule];
    const missing = { value: false };
    const conditions = fill(rule.conditions, values, missing) as Record<string, unknown>;
    if (!missing.value) return [{ ...rule, conditions }];
    return rule.inverted ? [{ ...rule, conditions: undefined }] : [];
  });
  return createMongoAbility(filled as RawRuleOf<AppAbility>[]);
}

function fill(value: unknown, values: Record<string, string | null>, missing: { value: boolean }): unknown {
  if (typeof value === 'string') {
    const match = PLACEHOLDER.exec(value);
    if (!match) return value;
    const filled = values[match[1]];
    if (filled === null || filled === undefined) missing.value = true;
    return filled;
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values, missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values, missing)]));
  }
  return value;
}
