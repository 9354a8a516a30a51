import { createMongoAbility, type RawRuleOf } from '@casl/ability';
import type { Actor } from '../context/actor';
import type { AppAbility, WorkspaceRef } from '../context/request-context';
import type { PermissionRule } from './permission.types';

const PLACEHOLDER = /^\{\{(actor\.id|workspace\.id)\}\}$/;

/** Builds the CASL ability of an actor in a workspace from rules as data, filling `{{actor.id}}`-style placeholders. */
export function buildAbility(rules: PermissionRule[], scope: { actor: Actor; workspace: WorkspaceRef }): AppAbility {
  const values: Record<string, string | null> = { 'actor.id': scope.actor.id, 'workspace.id': scope.workspace.id };
  const filled = rules.map((rule) => ({
    ...rule,
    conditions: rule.conditions ? (fill(rule.conditions, values) as Record<string, unknown>) : undefined,
  }));
  return createMongoAbility(filled as RawRuleOf<AppAbility>[]);
}

function fill(value: unknown, values: Record<string, string | null>): unknown {
  if (typeof value === 'string') {
    const match = PLACEHOLDER.exec(value);
    return match ? values[match[1]] : value;
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values)]));
  }
  return value;
}
