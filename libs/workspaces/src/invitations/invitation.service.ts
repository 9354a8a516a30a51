import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import {
  EventBus,
  ForbiddenActionError,
  selectFields,
  TenantDataSource,
  ValidationFailedError,
  type RequestContext,
} from '@quire/core';
import { Team } from '../entities/team.entity';
import { WorkspaceInvitation } from '../entities/workspace-invitation.entity';
import { RoleAssignment } from '../roles/role-assignment';
import {
  AlreadyMemberError,
  InvitationNotFoundError,
  InvitationNotPendingError,
  InvitationPendingError,
  WorkspaceUserRequiredError,
} from '../workspaces.errors';
import { INVITATION_SUBJECT } from '../workspaces.permissions';
import type { CreateInvitationDto } from './dto/create-invitation.dto';
import { toInvitationResponse, type InvitationListResponse, type InvitationResponse } from './dto/invitation.response';
import { invitationListSpec, invitationPermissionFields } from './invitation-list';
import { InvitationMailer } from './invitation-mailer';
import { InvitationMembership, isUniqueViolation } from './invitation-membership';
import { invitationStatus } from './invitation-status';
import { issueInvitationToken } from './invitation-token';

/** The partial unique index: one pending invitation per address and workspace. */
const PENDING_EMAIL_INDEX = 'workspace_invitations_pending_email';

/** A workspace's invitations, as its owners and admins manage them: list, invite, cancel, resend. */
@Injectable()
export class InvitationService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly roles: RoleAssignment,
    private readonly membership: InvitationMembership,
    private readonly mailer: InvitationMailer,
  ) {}

  async list(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<InvitationListResponse> {
    const { page, query } = await this.db.repository(ctx, WorkspaceInvitation).list(rawQuery, invitationListSpec, {
      action: 'read',
      subject: INVITATION_SUBJECT,
      fields: invitationPermissionFields,
    });
    const now = new Date();
    return {
      data: page.data.map((row) => selectFields(toInvitationResponse(row, now), query.fields)),
      meta: page.meta,
    };
  }

  /**
   * Invites `email` with `role` (and a team): the invitation, its event and the mail commit together. A pending
   * invitation to the same address is a 409 (resend or cancel it); an expired one is replaced (marked expired).
   */
  async create(ctx: RequestContext, dto: CreateInvitationDto): Promise<InvitationResponse> {
    const inviterId = this.userOf(ctx, 'invite people');
    const teamId = dto.teamId ?? null;
    return this.db.transaction(ctx, async (tx) => {
      await this.roles.assertAssignable(tx, dto.role, 'role');
      this.assertMay(tx, 'create', { role: dto.role, teamId });
      if (teamId && (await this.db.repository(tx, Team).count({ id: teamId })) === 0) {
        throw new ValidationFailedError([{ path: 'teamId', message: 'teamId must name a team of this workspace' }]);
      }
      if (await this.membership.hasMemberWithEmail(tx, dto.email)) throw new AlreadyMemberError(dto.email);

      const invitations = this.db.repository(tx, WorkspaceInvitation);
      const previous = await invitations.findOne({
        where: { email: dto.email, status: 'pending' },
        lock: { mode: 'pessimistic_write' },
      });
      if (previous && invitationStatus(previous) === 'pending')
        throw new InvitationPendingError(dto.email, previous.id);
      if (previous) await invitations.update({ id: previous.id }, { status: 'expired' });

      const issued = issueInvitationToken();
      let invitation: WorkspaceInvitation;
      try {
        invitation = await invitations.save({
          email: dto.email,
          role: dto.role,
          teamId,
          invitedBy: inviterId,
          tokenHash: issued.tokenHash,
          status: 'pending',
          expiresAt: issued.expiresAt,
          respondedAt: null,
          acceptedUserId: null,
        });
      } catch (error) {
        // Two invitations to one address at once: the partial unique index lets one through.
        if (isUniqueViolation(error, PENDING_EMAIL_INDEX)) throw new InvitationPendingError(dto.email);
        throw error;
      }
      await this.events.publish(tx, 'workspaces.invitation.created', {
        invitationId: invitation.id,
        email: invitation.email,
        role: invitation.role,
        teamId,
        expiresAt: invitation.expiresAt.toISOString(),
      });
      await this.mailer.send(tx, invitation, issued.token);
      return toInvitationResponse(invitation);
    });
  }

  /** Cancels a pending invitation: its token stops working. An answered, cancelled or expired one is a 409. */
  async cancel(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const invitation = await this.locked(tx, id);
      this.assertMay(tx, 'delete', invitation);
      const status = invitationStatus(invitation);
      if (status !== 'pending') throw new InvitationNotPendingError(status, 'cancel');
      await this.db
        .repository(tx, WorkspaceInvitation)
        .update({ id }, { status: 'cancelled', respondedAt: new Date() });
      await this.events.publish(tx, 'workspaces.invitation.cancelled', { invitationId: id, email: invitation.email });
    });
  }

  /**
   * Mails a pending (or expired) invitation again with a new token valid 7 days; the previous token stops working
   * at once (only the new hash is kept).
   */
  async resend(ctx: RequestContext, id: string): Promise<InvitationResponse> {
    this.userOf(ctx, 'resend invitations');
    return this.db.transaction(ctx, async (tx) => {
      const invitation = await this.locked(tx, id);
      this.assertMay(tx, 'update', invitation);
      if (invitation.status !== 'pending') throw new InvitationNotPendingError(invitationStatus(invitation), 'resend');
      if (await this.membership.hasMemberWithEmail(tx, invitation.email)) {
        throw new AlreadyMemberError(invitation.email);
      }
      const issued = issueInvitationToken();
      await this.db
        .repository(tx, WorkspaceInvitation)
        .update({ id }, { tokenHash: issued.tokenHash, expiresAt: issued.expiresAt });
      const resent = Object.assign(invitation, { tokenHash: issued.tokenHash, expiresAt: issued.expiresAt });
      await this.events.publish(tx, 'workspaces.invitation.resent', {
        invitationId: id,
        email: invitation.email,
        expiresAt: issued.expiresAt.toISOString(),
      });
      await this.mailer.send(tx, resent, issued.token);
      return toInvitationResponse(resent);
    });
  }

  /** The invitation of this workspace, locked until the transaction ends; another workspace's id is a 404. */
  private async locked(tx: RequestContext, id: string): Promise<WorkspaceInvitation> {
    const invitation = await this.db
      .repository(tx, WorkspaceInvitation)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!invitation || !tx.ability.can('read', subject(INVITATION_SUBJECT, { ...invitation }))) {
      throw new InvitationNotFoundError(id);
    }
    return invitation;
  }

  /** A custom role may be narrowed by role and team (e.g. invite viewers only): checked per invitation. */
  private assertMay(
    tx: RequestContext,
    action: 'create' | 'update' | 'delete',
    invitation: { role: string; teamId: string | null },
  ): void {
    if (tx.ability.can(action, subject(INVITATION_SUBJECT, { role: invitation.role, teamId: invitation.teamId }))) {
      return;
    }
    throw new ForbiddenActionError(action, INVITATION_SUBJECT, `You may not ${action} this invitation.`);
  }

  /** Invitation mails go out in a person's name: an API key may list and cancel, not invite. */
  private userOf(ctx: RequestContext, action: string): string {
    if (ctx.actor.type !== 'user' || !ctx.actor.id) throw new WorkspaceUserRequiredError(action);
    return ctx.actor.id;
  }
}
