import { Injectable } from '@nestjs/common';
import { InjectPluginOptions, JobQueue, TenantDataSource, transactionExecutor, type RequestContext } from '@quire/core';
import { WebhookDeliveryStore, type NewDelivery } from '../deliveries/webhook-delivery.store';
import type { WebhooksOptions } from '../webhooks.options';

export const WEBHOOK_DELIVERY_QUEUE = 'webhooks.deliver';

/** A job of the delivery queue: the delivery row to attempt, in its workspace. The job carries no payload. */
export interface WebhookDeliveryJob {
  deliveryId: string;
  workspaceId: string;
}

/**
 * Creates deliveries: the row and its queue job in the caller's transaction, so that a delivery exists (and is sent)
 * exactly when the write that asked for it commits. The job id is the delivery id: one job per delivery.
 */
@Injectable()
export class WebhookDeliveryQueue {
  constructor(
    private readonly db: TenantDataSource,
    private readonly store: WebhookDeliveryStore,
    private readonly queue: JobQueue,
    @InjectPluginOptions('webhooks') private readonly options: WebhooksOptions,
  ) {}

  /** Answers the ids created (a delivery of an event to a webhook that has it already is not created twice). */
  async enqueue(tx: RequestContext, rows: Array<Omit<NewDelivery, 'maxAttempts'>>): Promise<string[]> {
    if (rows.length === 0) return [];
    const ids = await this.store.insert(
      tx,
      rows.map((row) => ({ ...row, maxAttempts: this.options.retryLimit + 1 })),
    );
    await this.queue.insert<WebhookDeliveryJob>(
      ids.map((id) => ({
        queue: WEBHOOK_DELIVERY_QUEUE,
        id,
        data: { deliveryId: id, workspaceId: tx.workspaceId },
        retryLimit: this.options.retryLimit,
        retryDelaySeconds: this.options.retryDelaySeconds,
        retryBackoff: true,
      })),
      { executor: transactionExecutor(this.db.manager(tx)) },
    );
    return ids;
  }
}
