import { Inject, Injectable } from '@nestjs/common';
import { PluginRegistry, type BuiltInRole, type PermissionRule } from '@quire/core';
import { builtInRoleRules, isBuiltInRole } from './built-in-role-rules';

/** The rules of each role in this installation, computed once from the loaded plugins' grants. */
@Injectable()
export class RoleRules {
  private readonly byRole: Record<BuiltInRole, PermissionRule[]>;

  constructor(@Inject(PluginRegistry) registry: PluginRegistry) {
    this.byRole = builtInRoleRules(registry.plugins);
  }

  /** A role no longer known (e.g. a custom role deleted later) holds nothing: fail closed. */
  rulesOf(role: string): PermissionRule[] {
    return isBuiltInRole(role) ? this.byRole[role] : [];
  }
}
