import type { PermissionRule } from './permission.types';

/**
 * A scope names one permission as text, `action:Subject`: `read:Entry`, `manage:Media`. API keys carry a list of
 * them instead of a role. The action is a declared lower-case verb (kebab-case) or CASL's `manage` (every
 * action); the subject a declared PascalCase subject. CASL's `all` is not a subject a scope can name: a key
 * lists what it may touch.
 */
const SCOPE = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*):([A-Z][A-Za-z0-9]*)$/;

export interface Scope {
  action: string;
  subject: string;
}

/** The action and subject of a well-formed scope, or null. Whether they are declared is the caller's check. */
export function parseScope(scope: string): Scope | null {
  const match = SCOPE.exec(scope);
  return match ? { action: match[1], subject: match[2] } : null;
}

export function formatScope(scope: Scope): string {
  return `${scope.action}:${scope.subject}`;
}

/**
 * The CASL rules a list of scopes grants: each scope one unconditional allow rule. A malformed scope grants
 * nothing (fail closed); scopes are validated when they are stored, so this only guards against a bad row.
 */
export function scopesToRules(scopes: readonly string[]): PermissionRule[] {
  return scopes.flatMap((text) => {
    const scope = parseScope(text);
    return scope ? [{ action: scope.action, subject: scope.subject }] : [];
  });
}
