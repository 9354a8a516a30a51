import { Injectable } from '@nestjs/common';
import {
  TenantDataSource,
  type ListQuerySpec,
  type Page,
  type ParsedListQuery,
  type RequestContext,
} from '@quire/core';
import type { DeepPartial } from 'typeorm';
import { WebhookSubscription } from '../entities/webhook-subscription.entity';
import { WEBHOOK_SUBJECT } from '../webhooks.permissions';

/** What a client may filter, sort and select in the list of webhooks. */
export const webhookListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    url: { type: 'text', column: 'url', filterable: true, sortable: true, selectable: true },
    description: { type: 'text', column: 'description', filterable: true, selectable: true },
    enabled: { type: 'boolean', column: 'enabled', filterable: true, sortable: true, selectable: true },
    events: { type: 'string', column: 'events', selectable: true },
    contentTypes: { type: 'string', column: 'contentTypes', selectable: true },
    disabledReason: { type: 'text', column: 'disabledReason', selectable: true },
    disabledAt: { type: 'datetime', column: 'disabledAt', filterable: true, sortable: true, selectable: true },
    deadDeliveriesInARow: { type: 'integer', column: 'deadDeliveriesInARow', filterable: true, selectable: true },
    createdBy: { type: 'uuid', column: 'createdBy', filterable: true, selectable: true },
    createdAt: { type: 'datetime', column: 'createdAt', filterable: true, sortable: true, selectable: true },
    updatedAt: { type: 'datetime', column: 'updatedAt', filterable: true, sortable: true, selectable: true },
  },
  defaultSort: '-createdAt',
  tieBreaker: 'id',
  defaultPageSize: 20,
  maxPageSize: 100,
};

/** Webhook rows of the context's workspace. */
@Injectable()
export class WebhookSubscriptionStore {
  constructor(private readonly db: TenantDataSource) {}

  list(
    ctx: RequestContext,
    rawQuery: Record<string, unknown>,
  ): Promise<{ page: Page<WebhookSubscription>; query: ParsedListQuery }> {
    return this.db
      .repository(ctx, WebhookSubscription)
      .list(rawQuery, webhookListSpec, { action: 'read', subject: WEBHOOK_SUBJECT, fields: {} });
  }

  findById(ctx: RequestContext, id: string): Promise<WebhookSubscription | null> {
    return this.db.repository(ctx, WebhookSubscription).findOneBy({ id });
  }

  /** The row, locked until the context's transaction ends: writers of one webhook take turns. */
  findForUpdate(tx: RequestContext, id: string): Promise<WebhookSubscription | null> {
    return this.db
      .repository(tx, WebhookSubscription)
      .createQueryBuilder('w')
      .andWhere('w.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  count(ctx: RequestContext): Promise<number> {
    return this.db.repository(ctx, WebhookSubscription).count();
  }

  insert(tx: RequestContext, row: DeepPartial<WebhookSubscription>): Promise<WebhookSubscription> {
    return this.db.repository(tx, WebhookSubscription).save(row);
  }

  async update(tx: RequestContext, id: string, patch: Partial<WebhookSubscription>): Promise<WebhookSubscription> {
    await this.db.repository(tx, WebhookSubscription).update({ id }, patch);
    return (await this.findById(tx, id))!;
  }

  async delete(tx: RequestContext, id: string): Promise<void> {
    await this.db.repository(tx, WebhookSubscription).delete({ id });
  }

  /** The enabled webhooks of the workspace, for matching an event against their patterns. */
  enabled(ctx: RequestContext): Promise<WebhookSubscription[]> {
    return this.db.repository(ctx, WebhookSubscription).find({ where: { enabled: true }, order: { id: 'ASC' } });
  }

  /**
   * Counts one more dead delivery in a row, and disables the webhook when that reaches `limit` (0: never), under the
   * row's lock: one call disables it, however many deliveries die at once. Null when the webhook is gone.
   */
  async countDeadDelivery(
    tx: RequestContext,
    id: string,
    limit: number,
    reason: string,
  ): Promise<{ webhook: WebhookSubscription; disabled: boolean } | null> {
    const row = await this.findForUpdate(tx, id);
    if (!row) return null;
    const inARow = row.deadDeliveriesInARow + 1;
    const disabled = row.enabled && limit > 0 && inARow >= limit;
    const webhook = await this.update(tx, id, {
      deadDeliveriesInARow: inARow,
      ...(disabled ? { enabled: false, disabledReason: reason, disabledAt: new Date() } : {}),
    });
    return { webhook, disabled };
  }

  /** A successful delivery: the webhook's receiver works, so its run of dead deliveries ends. */
  async resetDeadDeliveries(tx: RequestContext, id: string): Promise<void> {
    await this.db.manager(tx).query(
      `UPDATE webhook_subscriptions SET dead_deliveries_in_a_row = 0
          WHERE id = $1 AND workspace_id = $2 AND dead_deliveries_in_a_row <> 0`,
      [id, tx.workspaceId],
    );
  }
}
