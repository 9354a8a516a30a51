import type { DataInventoryEntry } from '@quire/core';

/**
 * Webhooks are access-control configuration of the workspace (who may receive its events); their delivery log records
 * who caused each event sent. Payloads name records and actors by id and carry no field values.
 */
export const webhooksDataInventory: DataInventoryEntry[] = [
  {
    table: 'webhook_subscriptions',
    subjectColumn: 'created_by',
    fields: [{ column: 'created_by', category: 'identity', description: 'Member who created the webhook' }],
    purpose: "Send the workspace's events to the outside systems its owners and admins configure",
    legalBasis: 'contract',
    retention: 'Until the webhook or its workspace is deleted',
    onErasure: 'anonymize',
  },
  {
    table: 'webhook_deliveries',
    subjectColumn: 'actor_id',
    fields: [
      { column: 'actor_id', category: 'identity', description: 'Who caused the event that was sent' },
      {
        column: 'body',
        category: 'usage',
        description: 'The event as sent: what happened, to which record, by whom (ids only)',
      },
    ],
    purpose: 'Delivery log: show what was sent where and when, retry and replay deliveries',
    legalBasis: 'legitimate-interest',
    retention: '30 days after the delivery, with its attempts',
    onErasure: 'delete',
  },
];
