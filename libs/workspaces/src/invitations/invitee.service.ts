import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, type RequestContext } from '@quire/core';
import { AccountRegistration, EmailTakenError, emailLookupKey, type SignUpResponse } from '@quire/identity';
import { Team } from '../entities/team.entity';
import { Workspace } from '../entities/workspace.entity';
import { WorkspaceInvitation } from '../entities/workspace-invitation.entity';
import {
  InvitationAccountExistsError,
  InvitationEmailMismatchError,
  InvitationExpiredError,
  InvitationNotFoundError,
  WorkspaceUserRequiredError,
} from '../workspaces.errors';
import type { InvitationAcceptedResponse, InvitationPreviewResponse, InvitationSignUpDto } from './dto/invitee.dto';
import { InvitationMembership } from './invitation-membership';
import { invitationStatus } from './invitation-status';
import { invitationTokenHash } from './invitation-token';

/** An open invitation found by its token, and a context inside its workspace. */
interface OpenInvitation {
  invitation: WorkspaceInvitation;
  workspace: Workspace;
  /** The caller's context, entered into the invitation's workspace: every further read and write is scoped to it. */
  inWorkspace: RequestContext;
}

/**
 * The invitee's side, where the mailed token is the credential: see the invitation, accept it (signed in as the
 * invited address), reject it, or sign up through it. A token acts only on its own invitation, hence only in the
 * workspace that sent it; a used, rejected or cancelled token is dead.
 */
@Injectable()
export class InviteeService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly membership: InvitationMembership,
    private readonly accounts: AccountRegistration,
  ) {}

  async preview(ctx: RequestContext, token: string): Promise<InvitationPreviewResponse> {
    const { invitation, workspace, inWorkspace } = await this.open(ctx, token, false);
    const manager = this.db.manager(ctx);
    const [inviter] = await manager.query<Array<{ displayName: string }>>(
      `SELECT display_name AS "displayName" FROM identity_users WHERE id = $1::uuid`,
      [invitation.invitedBy],
    );
    const team = invitation.teamId
      ? await this.db.repository(inWorkspace, Team).findOneBy({ id: invitation.teamId })
      : null;
    return {
      workspaceName: workspace.name,
      workspaceSlug: workspace.slug,
      inviterName: inviter?.displayName ?? `An administrator of ${workspace.name}`,
      email: invitation.email,
      role: invitation.role,
      teamName: team?.name ?? null,
      expiresAt: invitation.expiresAt.toISOString(),
      accountExists: await this.accounts.emailTaken(ctx, invitation.email),
    };
  }

  /** The signed-in user joins with the invited role and team; their account's email must be the invited one. */
  async accept(ctx: RequestContext, token: string): Promise<InvitationAcceptedResponse> {
    if (ctx.actor.type !== 'user' || !ctx.actor.id) throw new WorkspaceUserRequiredError('accept an invitation');
    const userId = ctx.actor.id;
    return this.db.transaction(ctx, async (tx) => {
      const { invitation, workspace, inWorkspace } = await this.open(tx, token, true);
      const [account] = await this.db
        .manager(tx)
        .query<Array<{ email: string }>>(`SELECT email FROM identity_users WHERE id = $1`, [userId]);
      if (!account || emailLookupKey(account.email) !== invitation.email) throw new InvitationEmailMismatchError();
      await this.membership.join(inWorkspace, invitation, userId, false);
      return {
        workspaceId: workspace.id,
        workspaceSlug: workspace.slug,
        role: invitation.role,
        teamId: invitation.teamId,
      };
    });
  }

  /** No account needed: the token proves the mailbox. The invitation is kept, rejected, until retention clears it. */
  async reject(ctx: RequestContext, token: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const { invitation, inWorkspace } = await this.open(tx, token, true);
      await this.db
        .repository(inWorkspace, WorkspaceInvitation)
        .update({ id: invitation.id }, { status: 'rejected', respondedAt: new Date() });
      await this.events.publish(inWorkspace, 'workspaces.invitation.rejected', {
        invitationId: invitation.id,
        email: invitation.email,
      });
    });
  }

  /**
   * Creates the account of the invited address (verified: the token proves the mailbox) with identity's rules,
   * accepts the invitation and signs the account in, all in one transaction: a failure leaves none of it.
   */
  async signUp(ctx: RequestContext, token: string, dto: InvitationSignUpDto): Promise<SignUpResponse> {
    // Answered before the password is hashed (about 100 ms): a dead token or an existing account.
    const { invitation } = await this.open(ctx, token, false);
    if (await this.accounts.emailTaken(ctx, invitation.email)) throw new InvitationAccountExistsError();
    const prepared = await this.accounts.prepare({ ...dto, email: invitation.email }, 'invitation');

    return this.db.transaction(ctx, async (tx) => {
      // Again under the row lock: the invitation may have been answered or cancelled while the password hashed.
      const { invitation: locked, inWorkspace } = await this.open(tx, token, true);
      const userId = await this.accounts.create(tx, prepared).catch((error: unknown) => {
        throw error instanceof EmailTakenError ? new InvitationAccountExistsError() : error;
      });
      // From here the new account is the one acting (the events name it).
      const asInvitee = inWorkspace.withActor({ type: 'user', id: userId });
      await this.membership.join(asInvitee, locked, userId, true);
      return this.accounts.startSession(tx, userId);
    });
  }

  /**
   * The pending invitation of `token` in an active workspace, locked for the transaction when `lock`. Unknown,
   * used, rejected and cancelled tokens (and those of a closed or suspended workspace) are one 404; an expired one
   * is 410 workspaces.invitation-expired.
   */
  private async open(ctx: RequestContext, token: string, lock: boolean): Promise<OpenInvitation> {
    const tokenHash = invitationTokenHash(token);
    if (!tokenHash) throw new InvitationNotFoundError();
    const manager = this.db.manager(ctx);
    // Installation-wide on purpose: the token (256 random bits) names its workspace. Everything after is scoped.
    const invitation = await manager.findOne(WorkspaceInvitation, {
      where: { tokenHash },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const workspace = invitation
      ? await manager.findOneBy(Workspace, { id: invitation.workspaceId, status: 'active' })
      : null;
    if (!invitation || !workspace) throw new InvitationNotFoundError();
    const status = invitationStatus(invitation);
    if (status === 'expired') throw new InvitationExpiredError(invitation.expiresAt);
    if (status !== 'pending') throw new InvitationNotFoundError();
    return { invitation, workspace, inWorkspace: ctx.withWorkspace({ id: workspace.id, slug: workspace.slug }) };
  }
}
