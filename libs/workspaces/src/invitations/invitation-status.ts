import type { StoredInvitationStatus, WorkspaceInvitation } from '../entities/workspace-invitation.entity';

/** What the API answers: the stored status, except that a pending invitation past its expiry is `expired`. */
export type InvitationStatus = StoredInvitationStatus;
export const INVITATION_STATUSES: readonly InvitationStatus[] = [
  'pending',
  'accepted',
  'rejected',
  'cancelled',
  'expired',
];

/** The same rule as SQL over a query alias (`{alias}`), for filtering and sorting lists. */
export const INVITATION_STATUS_SQL =
  "(CASE WHEN {alias}.status = 'pending' AND {alias}.expires_at <= now() THEN 'expired' ELSE {alias}.status END)";

export function invitationStatus(
  invitation: Pick<WorkspaceInvitation, 'status' | 'expiresAt'>,
  now = new Date(),
): InvitationStatus {
  return invitation.status === 'pending' && invitation.expiresAt.getTime() <= now.getTime()
    ? 'expired'
    : invitation.status;
}
