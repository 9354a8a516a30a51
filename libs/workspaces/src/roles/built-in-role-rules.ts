import { BUILT_IN_ROLES, type BuiltInRole, type PermissionDeclaration, type PermissionRule } from '@quire/core';

/**
 * The one place that maps a built-in role to its rules: the union of what every loaded plugin grants that role
 * in its permission declaration (in load order). Roles are data: no plugin's code decides what a role may do.
 */
export function builtInRoleRules(
  plugins: ReadonlyArray<{ definition: { permissions?: PermissionDeclaration } }>,
): Record<BuiltInRole, PermissionRule[]> {
  const rules = Object.fromEntries(BUILT_IN_ROLES.map((role) => [role, [] as PermissionRule[]])) as Record<
    BuiltInRole,
    PermissionRule[]
  >;
  for (const plugin of plugins) {
    for (const role of BUILT_IN_ROLES) {
      rules[role].push(...(plugin.definition.permissions?.grants?.[role] ?? []));
    }
  }
  return rules;
}

export function isBuiltInRole(role: string): role is BuiltInRole {
  return (BUILT_IN_ROLES as readonly string[]).includes(role);
}
