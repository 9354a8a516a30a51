import type { RetentionPolicy } from '@quire/core';

export const CLOSED_WORKSPACE_GRACE_DAYS = 30;

/** Run by the compliance retention engine (compliance issue); declared here, next to the data. */
export const workspacesRetention: RetentionPolicy[] = [
  {
    name: 'workspaces.closed-workspaces',
    table: 'workspaces',
    ageColumn: 'closed_at',
    condition: "status = 'closed' AND closed_at IS NOT NULL",
    action: 'delete',
    keep: { days: CLOSED_WORKSPACE_GRACE_DAYS },
    description: `Closed workspaces are erased ${CLOSED_WORKSPACE_GRACE_DAYS} days after closure, with their members and former slugs`,
  },
];
