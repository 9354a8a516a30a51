import { Injectable } from '@nestjs/common';
import {
  listTenantRows,
  TenantDataSource,
  type ListQuerySpec,
  type Page,
  type ParsedListQuery,
  type RequestContext,
} from '@quire/core';
import { DELIVERY_STATUSES, WebhookDelivery, type DeliveryStatus } from '../entities/webhook-delivery.entity';
import { WebhookDeliveryAttempt } from '../entities/webhook-delivery-attempt.entity';
import { WEBHOOK_SUBJECT } from '../webhooks.permissions';

/** What a client may filter, sort and select in a delivery log (and the dead-letter list). */
export const deliveryListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    webhookId: { type: 'uuid', column: 'subscriptionId', filterable: true, selectable: true },
    event: { type: 'text', column: 'eventName', filterable: true, sortable: true, selectable: true },
    eventId: { type: 'uuid', column: 'eventId', filterable: true, selectable: true },
    status: {
      type: 'enum',
      column: 'status',
      enumValues: DELIVERY_STATUSES,
      filterable: true,
      sortable: true,
      selectable: true,
    },
    attemptCount: { type: 'integer', column: 'attempts', filterable: true, sortable: true, selectable: true },
    maxAttempts: { type: 'integer', column: 'maxAttempts', selectable: true },
    lastAttemptAt: { type: 'datetime', column: 'lastAttemptAt', filterable: true, sortable: true, selectable: true },
    lastStatus: { type: 'integer', column: 'lastStatus', filterable: true, sortable: true, selectable: true },
    lastError: { type: 'text', column: 'lastError', filterable: true, selectable: true },
    replayOf: { type: 'uuid', column: 'replayOfId', filterable: true, selectable: true },
    createdAt: { type: 'datetime', column: 'createdAt', filterable: true, sortable: true, selectable: true },
    completedAt: { type: 'datetime', column: 'completedAt', filterable: true, sortable: true, selectable: true },
  },
  defaultSort: '-createdAt',
  tieBreaker: 'id',
  defaultPageSize: 20,
  maxPageSize: 100,
};

/** A new delivery row: one event (or ping, or replay) for one webhook. */
export interface NewDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventName: string;
  body: string;
  actorId: string | null;
  maxAttempts: number;
  replayOfId?: string | null;
}

/** A delivery with what its next attempt needs of its webhook. */
export interface DeliveryTarget {
  delivery: WebhookDelivery;
  url: string;
  enabled: boolean;
  secretCiphertext: string;
  previousSecretCiphertext: string | null;
  previousSecretExpiresAt: Date | null;
}

/** How one attempt went, as the log records it. */
export interface AttemptRecord {
  attempt: number;
  startedAt: Date;
  durationMs: number;
  url: string;
  responseStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
  succeeded: boolean;
}

/** Deliveries and attempts of the context's workspace. */
@Injectable()
export class WebhookDeliveryStore {
  constructor(private readonly db: TenantDataSource) {}

  /** Inserts the rows; a delivery of an event to a webhook that exists already is skipped. Answers the ids inserted. */
  async insert(tx: RequestContext, rows: NewDelivery[]): Promise<string[]> {
    const inserted: string[] = [];
    for (const row of rows) {
      const [created]: Array<{ id: string }> = await this.db.manager(tx).query(
        `INSERT INTO webhook_deliveries
           (id, workspace_id, subscription_id, event_id, event_name, body, actor_id, max_attempts, replay_of_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (subscription_id, event_id) WHERE replay_of_id IS NULL DO NOTHING
         RETURNING id`,
        [
          row.id,
          tx.workspaceId,
          row.subscriptionId,
          row.eventId,
          row.eventName,
          row.body,
          row.actorId,
          row.maxAttempts,
          row.replayOfId ?? null,
        ],
      );
      if (created) inserted.push(created.id);
    }
    return inserted;
  }

  /** A page of deliveries: of one webhook, or (without one) of the whole workspace; `status` narrows them first. */
  list(
    ctx: RequestContext,
    rawQuery: Record<string, unknown>,
    scope: { subscriptionId?: string; status?: DeliveryStatus },
  ): Promise<{ page: Page<WebhookDelivery>; query: ParsedListQuery }> {
    const alias = 'row';
    const builder = this.db.repository(ctx, WebhookDelivery).createQueryBuilder(alias);
    if (scope.subscriptionId !== undefined) {
      builder.andWhere(`${alias}.subscription_id = :subscriptionId`, { subscriptionId: scope.subscriptionId });
    }
    if (scope.status !== undefined) builder.andWhere(`${alias}.status = :status`, { status: scope.status });
    return listTenantRows(ctx, builder, alias, rawQuery, deliveryListSpec, {
      action: 'read',
      subject: WEBHOOK_SUBJECT,
      fields: {},
    });
  }

  findById(ctx: RequestContext, subscriptionId: string, id: string): Promise<WebhookDelivery | null> {
    return this.db.repository(ctx, WebhookDelivery).findOneBy({ id, subscriptionId });
  }

  attempts(ctx: RequestContext, deliveryId: string): Promise<WebhookDeliveryAttempt[]> {
    return this.db.repository(ctx, WebhookDeliveryAttempt).find({ where: { deliveryId }, order: { attempt: 'ASC' } });
  }

  async target(ctx: RequestContext, id: string): Promise<DeliveryTarget | null> {
    const delivery = await this.db.repository(ctx, WebhookDelivery).findOneBy({ id });
    if (!delivery) return null;
    const [webhook]: Array<{
      url: string;
      enabled: boolean;
      secret_ciphertext: string;
      previous_secret_ciphertext: string | null;
      previous_secret_expires_at: Date | null;
    }> = await this.db.manager(ctx).query(
      `SELECT url, enabled, secret_ciphertext, previous_secret_ciphertext, previous_secret_expires_at
           FROM webhook_subscriptions WHERE id = $1 AND workspace_id = $2`,
      [delivery.subscriptionId, ctx.workspaceId],
    );
    if (!webhook) return null;
    return {
      delivery,
      url: webhook.url,
      enabled: webhook.enabled,
      secretCiphertext: webhook.secret_ciphertext,
      previousSecretCiphertext: webhook.previous_secret_ciphertext,
      previousSecretExpiresAt: webhook.previous_secret_expires_at,
    };
  }

  /** Logs the attempt and moves the delivery to `status` (a final one stamps completed_at). */
  async recordAttempt(
    tx: RequestContext,
    deliveryId: string,
    attempt: AttemptRecord,
    status: DeliveryStatus,
  ): Promise<void> {
    await this.db.repository(tx, WebhookDeliveryAttempt).save({
      deliveryId,
      attempt: attempt.attempt,
      startedAt: attempt.startedAt,
      durationMs: attempt.durationMs,
      url: attempt.url,
      responseStatus: attempt.responseStatus,
      responseExcerpt: attempt.responseExcerpt,
      error: attempt.error,
      outcome: attempt.succeeded ? 'succeeded' : 'failed',
    });
    await this.db.repository(tx, WebhookDelivery).update(
      { id: deliveryId },
      {
        status,
        attempts: attempt.attempt,
        lastAttemptAt: attempt.startedAt,
        lastStatus: attempt.responseStatus,
        lastError: attempt.error,
        ...(status === 'retrying' ? {} : { completedAt: new Date() }),
      },
    );
  }

  /** The webhook was disabled before this delivery's next attempt: nothing is sent; a replay can send it later. */
  async cancel(tx: RequestContext, deliveryId: string, reason: string): Promise<void> {
    await this.db
      .repository(tx, WebhookDelivery)
      .update({ id: deliveryId }, { status: 'cancelled', lastError: reason, completedAt: new Date() });
  }
}
