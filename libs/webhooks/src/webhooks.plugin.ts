import { definePlugin } from '@quire/core';
import { WebhookDeliveryAttempt } from './entities/webhook-delivery-attempt.entity';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookSubscription } from './entities/webhook-subscription.entity';
import { WebhooksInit1764500000000 } from './migrations/1764500000000-webhooks-init';
import { webhooksDataInventory } from './webhooks.data-inventory';
import { WebhooksModule } from './webhooks.module';
import { webhooksOptionsDefaults, webhooksOptionsSchema, type WebhooksOptions } from './webhooks.options';
import { webhooksPermissions } from './webhooks.permissions';
import { webhooksRetention } from './webhooks.retention';

export const WEBHOOKS_PLUGIN = 'webhooks';

/**
 * Webhooks per workspace: the public events of every loaded plugin, signed (HMAC-SHA256 with a timestamp) and POSTed
 * from the durable queue with retries, a delivery log, dead letters, replays and automatic disabling; outgoing
 * requests go through the kernel's outbound HTTP, which refuses the installation's own network.
 */
export const WebhooksPlugin = definePlugin<WebhooksOptions>({
  name: WEBHOOKS_PLUGIN,
  version: '0.1.0',
  description: 'Webhooks: workspace events signed and delivered to outside systems, with retries, log and replay',
  requires: { core: '^0.1.0', identity: '^0.1.0', workspaces: '^0.1.0' },
  options: { schema: webhooksOptionsSchema, defaults: webhooksOptionsDefaults },
  module: WebhooksModule,
  entities: [WebhookSubscription, WebhookDelivery, WebhookDeliveryAttempt],
  migrations: [WebhooksInit1764500000000],
  permissions: webhooksPermissions,
  dataInventory: webhooksDataInventory,
  retention: webhooksRetention,
  admin: {
    nav: [{ id: 'webhooks', label: 'Webhooks', icon: 'webhook', route: 'webhooks', requires: ['read', 'Webhook'] }],
  },
});
