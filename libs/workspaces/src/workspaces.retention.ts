import type { RetentionPolicy } from '@quire/core';

export const CLOSED_WORKSPACE_GRACE_DAYS = 30;
/**
 * Invitations that ended (accepted, rejected, cancelled, expired) are kept this long as the workspace's record of
 * who was invited and what came of it, then erased: a quarter lets owners and admins answer "was this person ever
 * invited, by whom, and did they accept?" and notice misuse (say, invitations sent to outsiders), while the address
 * of someone who never joined is not kept longer than that purpose needs (GDPR storage limitation). The same
 * 90 days as revoked API keys and closed accounts; the audit log keeps the invitation events under its own policy.
 */
export const ENDED_INVITATION_RETENTION_DAYS = 90;

/** Run by the compliance retention engine; declared here, next to the data. */
export const workspacesRetention: RetentionPolicy[] = [
  {
    name: 'workspaces.closed-workspaces',
    table: 'workspaces',
    ageColumn: 'closed_at',
    condition: "status = 'closed' AND closed_at IS NOT NULL",
    action: 'delete',
    workspaceColumn: 'id',
    keep: { days: CLOSED_WORKSPACE_GRACE_DAYS },
    description: `Closed workspaces are erased ${CLOSED_WORKSPACE_GRACE_DAYS} days after closure, with their members and former slugs`,
  },
  {
    name: 'workspaces.ended-invitations',
    table: 'workspace_invitations',
    ageColumn: 'responded_at',
    condition: "status IN ('accepted', 'rejected', 'cancelled') AND responded_at IS NOT NULL",
    action: 'delete',
    workspaceColumn: 'workspace_id',
    userColumn: 'accepted_user_id',
    keep: { days: ENDED_INVITATION_RETENTION_DAYS },
    description: `Accepted, rejected and cancelled invitations are erased ${ENDED_INVITATION_RETENTION_DAYS} days after they ended`,
  },
  {
    // Expiry is computed (a pending invitation past expires_at), so it is aged from expires_at.
    name: 'workspaces.expired-invitations',
    table: 'workspace_invitations',
    ageColumn: 'expires_at',
    condition: "status IN ('pending', 'expired')",
    action: 'delete',
    workspaceColumn: 'workspace_id',
    userColumn: 'accepted_user_id',
    keep: { days: ENDED_INVITATION_RETENTION_DAYS },
    description: `Expired invitations are erased ${ENDED_INVITATION_RETENTION_DAYS} days after they expired`,
  },
];
