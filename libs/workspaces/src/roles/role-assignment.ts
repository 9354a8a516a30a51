import { Injectable } from '@nestjs/common';
import { BUILT_IN_ROLES, TenantDataSource, ValidationFailedError, type RequestContext } from '@quire/core';
import { WorkspaceMember } from '../entities/workspace-member.entity';
import { OwnerRoleReservedError } from '../workspaces.errors';
import { isBuiltInRole } from './built-in-role-rules';

export const OWNER_ROLE = 'owner';

/**
 * Whether the acting member may give `role` to someone, by a role change or an invitation: the one check both
 * use. The role must exist in this workspace, and only owners give the owner role.
 */
@Injectable()
export class RoleAssignment {
  constructor(private readonly db: TenantDataSource) {}

  /** `field` names the request field that carried the role, for the 400. */
  async assertAssignable(tx: RequestContext, role: string, field = 'role'): Promise<void> {
    if (!isBuiltInRole(role)) {
      throw new ValidationFailedError([
        { path: field, message: `${field} must be one of: ${BUILT_IN_ROLES.join(', ')}` },
      ]);
    }
    if (role === OWNER_ROLE && !(await this.actorIsOwner(tx))) throw new OwnerRoleReservedError();
  }

  async actorIsOwner(tx: RequestContext): Promise<boolean> {
    if (tx.actor.type !== 'user' || !tx.actor.id) return false;
    return (await this.db.repository(tx, WorkspaceMember).count({ userId: tx.actor.id, role: OWNER_ROLE })) > 0;
  }
}
