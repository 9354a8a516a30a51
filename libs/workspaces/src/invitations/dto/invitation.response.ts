import { ApiProperty } from '@nestjs/swagger';
import type { WorkspaceInvitation } from '../../entities/workspace-invitation.entity';
import { INVITATION_STATUSES, invitationStatus, type InvitationStatus } from '../invitation-status';

/** An invitation as the workspace's owners and admins see it: never the token or its hash. */
export class InvitationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email', description: 'Lower-cased' }) email!: string;
  @ApiProperty({ example: 'editor' }) role!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) teamId!: string | null;
  @ApiProperty({
    enum: INVITATION_STATUSES,
    description: '`expired`: still pending past `expiresAt` (resend it to open it again for 7 days)',
  })
  status!: InvitationStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The user who invited' })
  invitedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it was accepted, rejected or cancelled',
  })
  respondedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) acceptedUserId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class InvitationListMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class InvitationListResponse {
  @ApiProperty({ type: [InvitationResponse], description: 'Only the requested `fields`, when given' })
  data!: Array<Partial<InvitationResponse>>;
  @ApiProperty({ type: InvitationListMeta }) meta!: InvitationListMeta;
}

export function toInvitationResponse(invitation: WorkspaceInvitation, now = new Date()): InvitationResponse {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    teamId: invitation.teamId,
    status: invitationStatus(invitation, now),
    invitedBy: invitation.invitedBy,
    expiresAt: invitation.expiresAt.toISOString(),
    respondedAt: invitation.respondedAt?.toISOString() ?? null,
    acceptedUserId: invitation.acceptedUserId,
    createdAt: invitation.createdAt.toISOString(),
  };
}
