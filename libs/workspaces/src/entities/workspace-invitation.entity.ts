import { TenantOwnedEntity } from '@quire/core';
import { Column, Entity } from 'typeorm';

/**
 * What the `status` column holds. `expired` is written only when a newer invitation to the same email replaces an
 * expired one; otherwise a pending invitation past `expires_at` is expired without a write (InvitationStatus).
 */
export const STORED_INVITATION_STATUSES = ['pending', 'accepted', 'rejected', 'cancelled', 'expired'] as const;
export type StoredInvitationStatus = (typeof STORED_INVITATION_STATUSES)[number];

/** An invitation to join a workspace with a role (and a team), mailed to an address as a single-use token. */
@Entity({ name: 'workspace_invitations' })
export class WorkspaceInvitation extends TenantOwnedEntity {
  /** Lower-cased: one pending invitation per address and workspace, compared without regard to case. */
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text' }) role!: string;
  /** A team of the same workspace; null when none, or when the team was deleted before acceptance. */
  @Column({ name: 'team_id', type: 'uuid', nullable: true }) teamId!: string | null;
  /** The user who invited; null once their account is erased. */
  @Column({ name: 'invited_by', type: 'uuid', nullable: true }) invitedBy!: string | null;
  /** SHA-256 of the mailed token; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'text' }) tokenHash!: string;
  @Column({ type: 'text', default: 'pending' }) status!: StoredInvitationStatus;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  /** When it stopped being pending by an answer (accepted, rejected) or a cancellation. */
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true }) respondedAt!: Date | null;
  @Column({ name: 'accepted_user_id', type: 'uuid', nullable: true }) acceptedUserId!: string | null;
}
