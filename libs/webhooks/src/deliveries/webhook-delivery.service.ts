import { Injectable } from '@nestjs/common';
import { EventBus, selectFields, TenantDataSource, uuidv7, type RequestContext } from '@quire/core';
import { WebhookDeliveryQueue } from '../delivery/webhook-delivery-queue';
import { WebhookSubscriptionStore } from '../subscriptions/webhook-subscription.store';
import { WebhookDeliveryNotFoundError, WebhookDisabledError, WebhookNotFoundError } from '../webhooks.errors';
import {
  toWebhookDeliveryAttemptResponse,
  toWebhookDeliveryResponse,
  type WebhookDeliveryDetailResponse,
  type WebhookDeliveryListResponse,
  type WebhookDeliveryResponse,
} from './dto/webhook-delivery.response';
import { WebhookDeliveryStore } from './webhook-delivery.store';

/** The delivery log of a workspace's webhooks: per webhook, the dead letters of all of them, and replays. */
@Injectable()
export class WebhookDeliveryService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly deliveries: WebhookDeliveryStore,
    private readonly webhooks: WebhookSubscriptionStore,
    private readonly queue: WebhookDeliveryQueue,
    private readonly events: EventBus,
  ) {}

  async list(
    ctx: RequestContext,
    webhookId: string,
    rawQuery: Record<string, unknown>,
  ): Promise<WebhookDeliveryListResponse> {
    await this.webhook(ctx, webhookId);
    return this.page(ctx, rawQuery, { subscriptionId: webhookId });
  }

  /** Deliveries of every webhook of the workspace that failed every attempt. */
  deadLetters(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<WebhookDeliveryListResponse> {
    return this.page(ctx, rawQuery, { status: 'dead' });
  }

  async get(ctx: RequestContext, webhookId: string, id: string): Promise<WebhookDeliveryDetailResponse> {
    await this.webhook(ctx, webhookId);
    const delivery = await this.deliveries.findById(ctx, webhookId, id);
    if (!delivery) throw new WebhookDeliveryNotFoundError(id);
    const attempts = await this.deliveries.attempts(ctx, id);
    return {
      ...toWebhookDeliveryResponse(delivery),
      payload: JSON.parse(delivery.body) as unknown,
      attempts: attempts.map(toWebhookDeliveryAttemptResponse),
    };
  }

  /**
   * Sends a delivery again, whatever became of it (a dead letter, a success the receiver lost): a new delivery of the
   * same body — the same event id, for the receiver's deduplication — naming the original, with all its attempts.
   */
  async replay(ctx: RequestContext, webhookId: string, id: string): Promise<WebhookDeliveryResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const webhook = await this.webhook(tx, webhookId);
      const original = await this.deliveries.findById(tx, webhookId, id);
      if (!original) throw new WebhookDeliveryNotFoundError(id);
      if (!webhook.enabled) throw new WebhookDisabledError(webhookId);
      const [replayId] = await this.queue.enqueue(tx, [
        {
          id: uuidv7(),
          subscriptionId: webhookId,
          eventId: original.eventId,
          eventName: original.eventName,
          body: original.body,
          actorId: original.actorId,
          replayOfId: original.id,
        },
      ]);
      await this.events.publish(tx, 'webhooks.delivery.replayed', {
        subscriptionId: webhookId,
        deliveryId: replayId,
        replayOf: original.id,
      });
      return toWebhookDeliveryResponse((await this.deliveries.findById(tx, webhookId, replayId))!);
    });
  }

  private async page(
    ctx: RequestContext,
    rawQuery: Record<string, unknown>,
    scope: Parameters<WebhookDeliveryStore['list']>[2],
  ): Promise<WebhookDeliveryListResponse> {
    const { page, query } = await this.deliveries.list(ctx, rawQuery, scope);
    return {
      data: page.data.map((row) => selectFields(toWebhookDeliveryResponse(row), query.fields)),
      meta: page.meta,
    };
  }

  private async webhook(ctx: RequestContext, id: string) {
    const webhook = await this.webhooks.findById(ctx, id);
    if (!webhook) throw new WebhookNotFoundError(id);
    return webhook;
  }
}
