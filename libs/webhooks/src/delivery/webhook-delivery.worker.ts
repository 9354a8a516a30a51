import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectPluginOptions, JobQueue, RequestContext, TenantDataSource } from '@quire/core';
import { WebhookDeliveryStore } from '../deliveries/webhook-delivery.store';
import { FINAL_STATUSES } from '../entities/webhook-delivery.entity';
import type { WebhooksOptions } from '../webhooks.options';
import { WEBHOOK_DELIVERY_QUEUE, type WebhookDeliveryJob } from './webhook-delivery-queue';
import { WebhookHealth } from './webhook-health';
import { urlWithoutQuery } from './webhook-payload';
import { WebhookSender } from './webhook-sender';

/** Thrown after a failed attempt that has retries left: the queue retries the job with exponential backoff. */
class AttemptFailedError extends Error {}

/**
 * Works the delivery queue: one attempt per job run. The attempt is logged and the delivery moved on in one
 * transaction: `succeeded` on a 2xx; `retrying` on a failure with attempts left (the job then fails, and the queue's
 * retry policy — `retryLimit`, `retryDelaySeconds`, doubling — schedules the next); `dead` after the last one.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly db: TenantDataSource,
    private readonly store: WebhookDeliveryStore,
    private readonly sender: WebhookSender,
    private readonly health: WebhookHealth,
    @InjectPluginOptions('webhooks') private readonly options: WebhooksOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work<WebhookDeliveryJob>(
      WEBHOOK_DELIVERY_QUEUE,
      (job, meta) => this.deliver(job, meta.retryCount),
      {
        retryLimit: this.options.retryLimit,
        retryDelaySeconds: this.options.retryDelaySeconds,
        retryBackoff: true,
        concurrency: this.options.concurrency,
      },
    );
  }

  async deliver(job: WebhookDeliveryJob, retryCount: number): Promise<void> {
    const ctx = RequestContext.system(WEBHOOK_DELIVERY_QUEUE).withWorkspace({ id: job.workspaceId, slug: '' });
    const target = await this.store.target(ctx, job.deliveryId);
    // Gone with its webhook or the retention, or finished by an attempt whose job completion was lost.
    if (!target || FINAL_STATUSES.includes(target.delivery.status)) return;
    if (!target.enabled) {
      await this.store.cancel(ctx, target.delivery.id, 'the webhook was disabled before this delivery was sent');
      return;
    }
    const { delivery } = target;
    const attempt = delivery.attempts + 1;
    const outcome = await this.sender.attempt(target, attempt);
    // The queue's count and ours agree unless a run died before recording; either one reaching the end ends it.
    const last = attempt >= delivery.maxAttempts || retryCount + 1 >= delivery.maxAttempts;
    const status = outcome.succeeded ? 'succeeded' : last ? 'dead' : 'retrying';
    await this.db.transaction(ctx, async (tx) => {
      await this.store.recordAttempt(tx, delivery.id, outcome, status);
      if (status === 'succeeded') await this.health.deliverySucceeded(tx, delivery.subscriptionId);
      if (status === 'dead') await this.health.deliveryDied(tx, delivery.subscriptionId, outcome.error ?? 'failed');
    });
    if (status === 'succeeded') return;
    const what = `Webhook delivery ${delivery.id} (${delivery.eventName}) to ${urlWithoutQuery(outcome.url)}`;
    const failed = `${what}: attempt ${attempt} of ${delivery.maxAttempts} failed (${outcome.error})`;
    if (status === 'dead') {
      this.logger.warn(`${failed}; no attempts left, it is in the dead-letter list`);
      return;
    }
    this.logger.warn(`${failed}; will retry`);
    throw new AttemptFailedError(outcome.error ?? 'failed');
  }
}
