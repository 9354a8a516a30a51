import { Module } from '@nestjs/common';
import { IdentityModule } from '@quire/identity';
import { PublicEventCatalog } from './catalog/public-event-catalog';
import { WebhookEventsController } from './catalog/webhook-events.controller';
import { WebhookDeliveriesController } from './deliveries/webhook-deliveries.controller';
import { WebhookDeliveryService } from './deliveries/webhook-delivery.service';
import { WebhookDeliveryStore } from './deliveries/webhook-delivery.store';
import { WebhookDeliveryQueue } from './delivery/webhook-delivery-queue';
import { WebhookDeliveryWorker } from './delivery/webhook-delivery.worker';
import { WebhookDisabledMailer } from './delivery/webhook-disabled-mailer';
import { WebhookFanoutListener } from './delivery/webhook-fanout.listener';
import { WebhookHealth } from './delivery/webhook-health';
import { WebhookSender } from './delivery/webhook-sender';
import { WebhookSecrets } from './subscriptions/webhook-secrets';
import { WebhookSubscriptionService } from './subscriptions/webhook-subscription.service';
import { WebhookSubscriptionStore } from './subscriptions/webhook-subscription.store';
import { WebhooksController } from './subscriptions/webhooks.controller';

@Module({
  // IdentityModule: the mail to owners and admins when a webhook is disabled.
  imports: [IdentityModule],
  controllers: [WebhookEventsController, WebhooksController, WebhookDeliveriesController],
  providers: [
    PublicEventCatalog,
    WebhookSecrets,
    WebhookSubscriptionStore,
    WebhookSubscriptionService,
    WebhookDeliveryStore,
    WebhookDeliveryService,
    WebhookDeliveryQueue,
    WebhookSender,
    WebhookDisabledMailer,
    WebhookHealth,
    WebhookDeliveryWorker,
    WebhookFanoutListener,
  ],
})
export class WebhooksModule {}
