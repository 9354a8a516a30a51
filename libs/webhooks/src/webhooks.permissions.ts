import { definePermissions } from '@quire/core';

export const WEBHOOK_SUBJECT = 'Webhook';

/**
 * Webhooks send the workspace's events to outside systems: access-control configuration, owners' and admins' only.
 * `read` covers the delivery log; `update` covers secret rotation, test pings and replays.
 */
export const webhooksPermissions = definePermissions({
  subjects: [WEBHOOK_SUBJECT],
  actions: ['read', 'create', 'update', 'delete'],
  grants: {
    owner: [{ action: 'manage', subject: WEBHOOK_SUBJECT }],
    admin: [{ action: 'manage', subject: WEBHOOK_SUBJECT }],
  },
});
