import type { AppAbility, FieldProblem } from '@quire/core';
import { parseScope } from '@quire/core';
import type { ApiKeyKind } from './api-key.entity';

/** CASL's wildcard action: a scope may use it (`manage:Media`), a plugin never declares it. */
const EVERY_ACTION = 'manage';
/** The one action a delivery key may hold. */
const DELIVERY_ACTION = 'read';

/** What the loaded plugins declare (PluginRegistry.permissionSubjects / permissionActions). */
export interface DeclaredPermissions {
  subjects: ReadonlySet<string>;
  actions: ReadonlySet<string>;
}

/**
 * The problems of a key's scopes, each at `scopes[i]`: not `action:Subject`, a subject or action no loaded
 * plugin declares, listed twice, or not `read` on a delivery key.
 */
export function scopeProblems(
  kind: ApiKeyKind,
  scopes: readonly string[],
  declared: DeclaredPermissions,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  scopes.forEach((text, index) => {
    const path = `scopes[${index}]`;
    const scope = parseScope(text);
    if (!scope) {
      problems.push({ path, message: `"${text}" is not a scope; write action:Subject, e.g. read:Entry` });
      return;
    }
    if (!declared.subjects.has(scope.subject)) {
      problems.push({ path, message: `no loaded plugin declares the subject "${scope.subject}"` });
    }
    if (scope.action !== EVERY_ACTION && !declared.actions.has(scope.action)) {
      problems.push({ path, message: `no loaded plugin declares the action "${scope.action}"` });
    }
    if (kind === 'delivery' && scope.action !== DELIVERY_ACTION) {
      problems.push({ path, message: `a delivery key holds read scopes only; "${text}" needs a management key` });
    }
    if (seen.has(text)) problems.push({ path, message: `"${text}" is listed twice` });
    seen.add(text);
  });
  return problems;
}

/**
 * The scopes the creator could not use themself. A key must never hold more than its creator, so a scope
 * passes only when the creator's ability allows the action on EVERY instance and field of the subject: some
 * unconditional, unrestricted allow rule must take effect before any forbid rule. `ability.can(action,
 * Subject)` is not enough: it is true when any instance is allowed (an author who may update only their own
 * notes would mint a key that updates everyone's).
 */
export function escalatingScopes(ability: AppAbility, scopes: readonly string[]): string[] {
  return scopes.filter((text) => {
    const scope = parseScope(text);
    return !scope || !allowsEverywhere(ability, scope.action, scope.subject);
  });
}

function allowsEverywhere(ability: AppAbility, action: string, subject: string): boolean {
  // possibleRulesFor: every rule that may apply, field rules included, in priority order (the first match wins).
  for (const rule of ability.possibleRulesFor(action, subject)) {
    if (rule.inverted) return false;
    if (!rule.conditions && !rule.fields) return true;
  }
  return false;
}
