import { Injectable } from '@nestjs/common';
import {
  OnPublicQuireEvents,
  TenantDataSource,
  uuidv7,
  type QuireEventEnvelope,
  type RequestContext,
} from '@quire/core';
import { matchesAnyPattern } from '../catalog/event-pattern';
import type { WebhookSubscription } from '../entities/webhook-subscription.entity';
import { WebhookSubscriptionStore } from '../subscriptions/webhook-subscription.store';
import { WebhookDeliveryQueue } from './webhook-delivery-queue';
import { payloadOfEvent, webhookBody } from './webhook-payload';

/**
 * Turns every public event of a workspace into one delivery per enabled webhook of that workspace that subscribes to
 * it, rows and queue jobs in one transaction. Runs from the kernel's durable event queue (at least once): a second
 * run for the same event finds its deliveries there and adds none.
 */
@Injectable()
export class WebhookFanoutListener {
  constructor(
    private readonly db: TenantDataSource,
    private readonly webhooks: WebhookSubscriptionStore,
    private readonly deliveries: WebhookDeliveryQueue,
  ) {}

  @OnPublicQuireEvents({ retryLimit: 5, retryDelaySeconds: 5 })
  async onPublicEvent(event: QuireEventEnvelope, ctx: RequestContext): Promise<void> {
    if (event.workspaceId === null) return;
    await this.db.transaction(ctx, async (tx) => {
      const subscribed = (await this.webhooks.enabled(tx)).filter((webhook) => wants(webhook, event));
      if (subscribed.length === 0) return;
      const [workspace]: Array<{ slug: string }> = await this.db
        .manager(tx)
        .query(`SELECT slug FROM workspaces WHERE id = $1`, [tx.workspaceId]);
      const body = webhookBody(payloadOfEvent(event, { id: tx.workspaceId, slug: workspace?.slug ?? '' }));
      await this.deliveries.enqueue(
        tx,
        subscribed.map((webhook) => ({
          id: uuidv7(),
          subscriptionId: webhook.id,
          eventId: event.id,
          eventName: event.name,
          body,
          actorId: event.actor.id,
        })),
      );
    });
  }
}

/** The webhook subscribes to the event, and (with a content type filter) the event is about one of its types. */
function wants(webhook: WebhookSubscription, event: QuireEventEnvelope): boolean {
  if (!matchesAnyPattern(webhook.events, event.name)) return false;
  if (webhook.contentTypes === null) return true;
  const contentType = (event.payload as { contentType?: unknown } | null)?.contentType;
  return typeof contentType !== 'string' || webhook.contentTypes.includes(contentType);
}
