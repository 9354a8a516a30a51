import { Injectable, Logger } from '@nestjs/common';
import { EventBus, InjectPluginOptions, type RequestContext } from '@quire/core';
import { WebhookSubscriptionStore } from '../subscriptions/webhook-subscription.store';
import type { WebhooksOptions } from '../webhooks.options';
import { WebhookDisabledMailer } from './webhook-disabled-mailer';
import { urlWithoutQuery } from './webhook-payload';

/**
 * Automatic disabling: a webhook whose deliveries end dead `disableAfterDeadDeliveries` times in a row (each after all
 * its retries, with no successful delivery between) is disabled with a reason, `webhooks.subscription.disabled` is
 * published and its workspace's owners and admins are mailed. Counting dead deliveries rather than failed attempts
 * means a receiver is given up on only after several events each failed for hours.
 */
@Injectable()
export class WebhookHealth {
  private readonly logger = new Logger(WebhookHealth.name);

  constructor(
    private readonly webhooks: WebhookSubscriptionStore,
    private readonly events: EventBus,
    private readonly mailer: WebhookDisabledMailer,
    @InjectPluginOptions('webhooks') private readonly options: WebhooksOptions,
  ) {}

  async deliverySucceeded(tx: RequestContext, webhookId: string): Promise<void> {
    await this.webhooks.resetDeadDeliveries(tx, webhookId);
  }

  async deliveryDied(tx: RequestContext, webhookId: string, lastError: string): Promise<void> {
    const limit = this.options.disableAfterDeadDeliveries;
    const reason = `${limit} deliveries in a row failed every attempt; the last error: ${lastError}`;
    const counted = await this.webhooks.countDeadDelivery(tx, webhookId, limit, reason);
    if (!counted?.disabled) return;
    const { webhook } = counted;
    await this.events.publish(tx, 'webhooks.subscription.disabled', {
      subscriptionId: webhook.id,
      url: urlWithoutQuery(webhook.url),
      deadDeliveries: webhook.deadDeliveriesInARow,
      reason: lastError,
    });
    const mailed = await this.mailer.send(tx, webhook, lastError);
    this.logger.warn(
      `Webhook ${webhook.id} (${urlWithoutQuery(webhook.url)}) disabled after ${webhook.deadDeliveriesInARow} dead deliveries; ${mailed} owner(s) and admin(s) mailed`,
    );
  }
}
