import type { RetentionPolicy } from '@quire/core';

/** Days a finished delivery, with its attempts, stays in the log (and the dead-letter list). */
export const DELIVERY_LOG_RETENTION_DAYS = 30;

/**
 * Run by the compliance retention engine: a plain DELETE, since a delivery's attempts go with it by cascade.
 */
export const webhooksRetention: RetentionPolicy[] = [
  {
    name: 'webhooks.delivery-log',
    table: 'webhook_deliveries',
    ageColumn: 'created_at',
    condition: "status IN ('succeeded', 'dead', 'cancelled')",
    action: 'delete',
    workspaceColumn: 'workspace_id',
    userColumn: 'actor_id',
    keep: { days: DELIVERY_LOG_RETENTION_DAYS },
    description: `Finished deliveries and their attempts are erased ${DELIVERY_LOG_RETENTION_DAYS} days after they were created`,
  },
];
