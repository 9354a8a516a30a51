import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import {
  applyAbilityToQuery,
  EventBus,
  fieldChanges,
  ForbiddenActionError,
  TenantDataSource,
  type RequestContext,
  type SubjectFieldMap,
} from '@quire/core';
import { Workspace } from '../entities/workspace.entity';
import { WorkspaceMember } from '../entities/workspace-member.entity';
import { WORKSPACE_MEMBER_SUBJECT } from '../workspaces.permissions';
import { LastOwnerError, WorkspaceMemberNotFoundError } from '../workspaces.errors';
import { OWNER_ROLE as OWNER, RoleAssignment } from '../roles/role-assignment';
import type { MemberResponse } from './dto/member.dto';

/** The condition fields workspaces declares for WorkspaceMember (workspaces.permissions.ts), as columns. */
const MEMBER_CONDITION_FIELDS: SubjectFieldMap = { userId: 'userId', role: 'role' };

@Injectable()
export class MemberService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly roles: RoleAssignment,
  ) {}

  /** The members the actor may read: a conditional `read WorkspaceMember` applies as SQL. */
  list(ctx: RequestContext): Promise<MemberResponse[]> {
    return this.rows(ctx);
  }

  private async rows(ctx: RequestContext, userId?: string): Promise<MemberResponse[]> {
    const qb = this.db.repository(ctx, WorkspaceMember).createQueryBuilder('m');
    if (userId) qb.andWhere('m.user_id = :userId', { userId });
    else applyAbilityToQuery(qb, 'm', ctx.ability, 'read', WORKSPACE_MEMBER_SUBJECT, MEMBER_CONDITION_FIELDS);
    const rows = await qb
      .innerJoin('identity_users', 'u', 'u.id = m.user_id')
      .select(['m.user_id AS "userId"', 'u.email AS email', 'u.display_name AS "displayName"', 'm.role AS role'])
      .addSelect('m.created_at', 'createdAt')
      .orderBy('m.created_at')
      .addOrderBy('m.user_id')
      .getRawMany<Omit<MemberResponse, 'createdAt'> & { createdAt: Date }>();
    return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
  }

  /**
   * Only owners touch the owner role; the last owner stays one; nobody gives or takes away a role beyond their
   * own permissions. A conditional permission (a custom role's `update WorkspaceMember` where `role` is …) must
   * allow the member both as they are and as they will be. Effective from the member's next request.
   */
  async changeRole(ctx: RequestContext, userId: string, role: string): Promise<MemberResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const member = await this.lockedMember(tx, userId);
      const may = (state: string) =>
        tx.ability.can('update', subject(WORKSPACE_MEMBER_SUBJECT, { userId, role: state }));
      if (!may(member.role) || !may(role)) {
        throw new ForbiddenActionError(
          'update',
          WORKSPACE_MEMBER_SUBJECT,
          `You may not change this member's role from "${member.role}" to "${role}".`,
        );
      }
      await this.roles.assertAssignable(tx, role);
      await this.roles.assertMayActOnHolderOf(tx, member.role);
      if (member.role === OWNER && role !== OWNER && (await this.ownerCount(tx)) === 1) {
        throw new LastOwnerError('demote');
      }
      if (member.role !== role) {
        const previousRole = member.role;
        await this.db.repository(tx, WorkspaceMember).update({ userId }, { role });
        await this.events.publish(tx, 'workspaces.member.role-changed', {
          userId,
          previousRole,
          role,
          changes: fieldChanges({ role: previousRole }, { role }),
        });
      }
      const [changed] = await this.rows(tx, userId);
      return changed;
    });
  }

  /** Removing a member, or leaving (every member may remove themselves). */
  async remove(ctx: RequestContext, userId: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const member = await this.lockedMember(tx, userId);
      if (!tx.ability.can('delete', subject(WORKSPACE_MEMBER_SUBJECT, { userId: member.userId, role: member.role }))) {
        throw new ForbiddenActionError(
          'delete',
          WORKSPACE_MEMBER_SUBJECT,
          'You may not remove this member; every member may remove themselves (leave).',
        );
      }
      const leaving = member.userId === tx.actor.id;
      if (!leaving) await this.roles.assertMayActOnHolderOf(tx, member.role);
      if (member.role === OWNER && (await this.ownerCount(tx)) === 1) throw new LastOwnerError('remove');
      await this.db.repository(tx, WorkspaceMember).delete({ userId });
      await this.events.publish(tx, 'workspaces.member.removed', { userId, role: member.role, left: leaving });
    });
  }

  /**
   * The member, after locking the workspace row: changes to a workspace's owners are serialized, so two owners
   * demoting each other at once cannot leave it without one.
   */
  private async lockedMember(tx: RequestContext, userId: string): Promise<WorkspaceMember> {
    await this.db
      .manager(tx)
      .createQueryBuilder(Workspace, 'w')
      .setLock('pessimistic_write')
      .where('w.id = :id', { id: tx.workspaceId })
      .getOne();
    const member = await this.db.repository(tx, WorkspaceMember).findOneBy({ userId });
    if (!member) throw new WorkspaceMemberNotFoundError(userId);
    return member;
  }

  private ownerCount(tx: RequestContext): Promise<number> {
    return this.db.repository(tx, WorkspaceMember).count({ role: OWNER });
  }
}
