import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import {
  BUILT_IN_ROLES,
  TenantDataSource,
  ValidationFailedError,
  type PermissionRule,
  type RequestContext,
} from '@quire/core';
import { WorkspaceMember } from '../entities/workspace-member.entity';
import { WorkspaceRole } from '../entities/workspace-role.entity';
import { OwnerRoleReservedError, RoleEscalationError } from '../workspaces.errors';
import { leave } from '../workspaces.permissions';
import { isBuiltInRole } from './built-in-role-rules';
import { RoleRules } from './role-rules';
import { firstUncoveredRule } from './rule-coverage';

export const OWNER_ROLE = 'owner';

/**
 * Whether the acting member may give `role` to someone, by a role change or an invitation: the one check both
 * use. The role must exist in this workspace (built in, or a custom role of this workspace), only owners give
 * the owner role, and nobody gives a role that allows more than they hold themselves (owners hold everything).
 */
@Injectable()
export class RoleAssignment {
  constructor(
    private readonly db: TenantDataSource,
    private readonly roles: RoleRules,
  ) {}

  /** `field` names the request field that carried the role, for the 400. */
  async assertAssignable(tx: RequestContext, role: string, field = 'role'): Promise<void> {
    if (role === OWNER_ROLE) {
      if (!(await this.actorIsOwner(tx))) throw new OwnerRoleReservedError();
      return;
    }
    const rules = await this.assignableRules(tx, role, field);
    await this.assertActorHolds(tx, rules, { key: role, situation: `The role "${role}"` });
  }

  /**
   * Changing the role of a member or removing them needs their current role to be within the actor's own
   * permissions: a member with a narrower custom role cannot demote or remove an admin. Owners: see callers.
   */
  async assertMayActOnHolderOf(tx: RequestContext, role: string): Promise<void> {
    if (role === OWNER_ROLE) {
      if (!(await this.actorIsOwner(tx))) throw new OwnerRoleReservedError();
      return;
    }
    const custom = isBuiltInRole(role)
      ? undefined
      : ((await this.db.repository(tx, WorkspaceRole).findOneBy({ key: role }))?.rules ?? null);
    await this.assertActorHolds(tx, this.roles.rulesOf(role, custom), {
      key: role,
      situation: `The member's role "${role}"`,
    });
  }

  /** Refuses rules that allow more than the acting member holds (their ability in this request); owners pass. */
  async assertActorHolds(
    tx: RequestContext,
    rules: readonly PermissionRule[],
    role: { key?: string; situation: string },
  ): Promise<void> {
    if (await this.actorIsOwner(tx)) return;
    // Leaving is everyone's (every role has it), not a permission one hands out.
    const given = rules.filter((rule) => !isDeepStrictEqual(rule, leave));
    const gap = firstUncoveredRule(given, tx.ability.rules, {
      actorId: tx.actor.id ?? null,
      workspaceId: tx.workspace?.id ?? null,
    });
    if (gap) throw new RoleEscalationError(gap, role);
  }

  async actorIsOwner(tx: RequestContext): Promise<boolean> {
    if (tx.actor.type !== 'user' || !tx.actor.id) return false;
    return (await this.db.repository(tx, WorkspaceMember).count({ userId: tx.actor.id, role: OWNER_ROLE })) > 0;
  }

  /**
   * A built-in role's rules, or the custom role's, read with a share lock inside a transaction so that the role
   * cannot be deleted between this check and the caller's write (the deletion counts holders under its lock).
   */
  private async assignableRules(tx: RequestContext, role: string, field: string): Promise<PermissionRule[]> {
    if (isBuiltInRole(role)) return this.roles.rulesOf(role);
    const inTransaction = tx.manager?.queryRunner?.isTransactionActive === true;
    const custom = await this.db.repository(tx, WorkspaceRole).findOne({
      where: { key: role },
      ...(inTransaction ? { lock: { mode: 'pessimistic_read' as const } } : {}),
    });
    if (!custom) {
      throw new ValidationFailedError([
        {
          path: field,
          message: `${field} must be a built-in role (${BUILT_IN_ROLES.join(', ')}) or the key of a custom role of this workspace`,
        },
      ]);
    }
    return this.roles.rulesOf(role, custom.rules);
  }
}
