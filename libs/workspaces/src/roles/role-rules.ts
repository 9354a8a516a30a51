import { Inject, Injectable } from '@nestjs/common';
import { PluginRegistry, type BuiltInRole, type PermissionRule } from '@quire/core';
import { builtInRoleRules, isBuiltInRole } from './built-in-role-rules';
import { leave } from '../workspaces.permissions';
import { storedRules } from './custom-role-rules';

/**
 * The rules of each role: built-in roles' computed once from the loaded plugins' grants, a custom role's from its
 * stored rules (read with the member's role on every request, so an edit holds from the next request) plus
 * leaving the workspace, which no role takes away.
 */
@Injectable()
export class RoleRules {
  private readonly byRole: Record<BuiltInRole, PermissionRule[]>;

  constructor(@Inject(PluginRegistry) registry: PluginRegistry) {
    this.byRole = builtInRoleRules(registry.plugins);
  }

  /**
   * `customRules`: the stored rules of the workspace's custom role with this key, if there is one. A role no
   * longer known (e.g. a row removed by hand) holds nothing: fail closed. A built-in name always means the
   * built-in role.
   */
  rulesOf(role: string, customRules?: unknown): PermissionRule[] {
    if (isBuiltInRole(role)) return this.byRole[role];
    return customRules === undefined || customRules === null ? [] : [...storedRules(customRules), leave];
  }

  builtIn(): Record<BuiltInRole, PermissionRule[]> {
    return this.byRole;
  }
}
