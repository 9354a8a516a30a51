import { definePermissions, type PermissionDeclaration, type PermissionRule } from '@quire/core';
import { apiKeyPermissions } from './api-keys/api-key.permissions';
import { ssoPermissions } from './sso/sso.permissions';

/** The identity plugin's subjects, actions and default grants: each feature's declaration, merged. */
export const identityPermissions = definePermissions(merge([apiKeyPermissions, ssoPermissions]));

function merge(declarations: PermissionDeclaration[]): PermissionDeclaration {
  const grants: Record<string, PermissionRule[]> = {};
  for (const declaration of declarations) {
    for (const [role, rules] of Object.entries(declaration.grants ?? {})) {
      grants[role] = [...(grants[role] ?? []), ...(rules ?? [])];
    }
  }
  return {
    subjects: declarations.flatMap((d) => d.subjects),
    actions: [...new Set(declarations.flatMap((d) => d.actions))],
    grants,
  };
}
