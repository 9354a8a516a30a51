import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';
import { ConsoleLinks, MailSender } from '@quire/identity';
import type { WorkspaceInvitation } from '../entities/workspace-invitation.entity';
import { INVITATION_TTL_DAYS } from './invitation-token';

/** The console page that reads the token from `?token=` and offers to accept, sign up or reject. */
export const INVITATION_PAGE = 'invitations';

/**
 * Mails an invitation with identity's `invitation` template, through identity's outbox and queue. Called inside
 * the invitation's transaction: the mail exists (and is delivered) exactly when the invitation commits.
 */
@Injectable()
export class InvitationMailer {
  constructor(
    private readonly db: TenantDataSource,
    private readonly mail: MailSender,
    private readonly links: ConsoleLinks,
  ) {}

  async send(tx: RequestContext, invitation: WorkspaceInvitation, token: string): Promise<void> {
    const manager = this.db.manager(tx);
    const actorId = tx.actor.type === 'user' ? tx.actor.id : null;
    // The inviter's name; the sender's if the inviter's account is gone (a resend).
    const [names] = await manager.query<Array<{ workspaceName: string; inviterName: string | null }>>(
      `SELECT w.name AS "workspaceName",
              coalesce((SELECT display_name FROM identity_users WHERE id = $2::uuid),
                       (SELECT display_name FROM identity_users WHERE id = $3::uuid)) AS "inviterName"
         FROM workspaces w WHERE w.id = $1`,
      [tx.workspaceId, invitation.invitedBy, actorId],
    );
    await this.mail.send(
      invitation.email,
      'invitation',
      {
        inviterName: names.inviterName ?? `An administrator of ${names.workspaceName}`,
        workspaceName: names.workspaceName,
        link: this.links.tokenLink(INVITATION_PAGE, token),
        days: INVITATION_TTL_DAYS,
      },
      { manager },
    );
  }
}
