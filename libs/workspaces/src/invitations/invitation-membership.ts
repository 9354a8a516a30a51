import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, type RequestContext } from '@quire/core';
import { QueryFailedError } from 'typeorm';
import { TeamMember } from '../entities/team-member.entity';
import { WorkspaceInvitation } from '../entities/workspace-invitation.entity';
import { WorkspaceMember } from '../entities/workspace-member.entity';
import { AlreadyMemberError } from '../workspaces.errors';

/** Where an invitation meets membership: whether its address is a member already, and joining on acceptance. */
@Injectable()
export class InvitationMembership {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
  ) {}

  /** Whether an account with this (lower-cased) email is a member of the context's workspace. */
  async hasMemberWithEmail(ctx: RequestContext, email: string): Promise<boolean> {
    const count = await this.db
      .repository(ctx, WorkspaceMember)
      .createQueryBuilder('m')
      .innerJoin('identity_users', 'u', 'u.id = m.user_id')
      .andWhere('lower(u.email) = :email', { email })
      .getCount();
    return count > 0;
  }

  /**
   * Accepts `invitation` (locked by the caller) for `userId` within `tx`: the membership with the invited role, the
   * team when it still exists, the invitation marked accepted, and their events. 409 workspaces.already-member.
   */
  async join(tx: RequestContext, invitation: WorkspaceInvitation, userId: string, signedUp: boolean): Promise<void> {
    const members = this.db.repository(tx, WorkspaceMember);
    if ((await members.count({ userId })) > 0) throw new AlreadyMemberError(invitation.email);
    try {
      await members.save({ userId, role: invitation.role });
    } catch (error) {
      // A concurrent acceptance or SSO sign-in made them a member in between: the unique constraint decides.
      if (isUniqueViolation(error, 'workspace_members_unique')) throw new AlreadyMemberError(invitation.email);
      throw error;
    }
    await this.events.publish(tx, 'workspaces.member.added', { userId, role: invitation.role, via: 'invitation' });

    // A team deleted since the invitation leaves team_id null (the foreign key); the member still joins.
    const teamId = invitation.teamId;
    if (teamId) {
      await this.db.repository(tx, TeamMember).save({ teamId, userId });
      await this.events.publish(tx, 'workspaces.team-member.added', { teamId, userId });
    }

    await this.db
      .repository(tx, WorkspaceInvitation)
      .update({ id: invitation.id }, { status: 'accepted', respondedAt: new Date(), acceptedUserId: userId });
    await this.events.publish(tx, 'workspaces.invitation.accepted', {
      invitationId: invitation.id,
      email: invitation.email,
      userId,
      role: invitation.role,
      teamId,
      signedUp,
    });
  }
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
