import { Injectable } from '@nestjs/common';
import {
  EventBus,
  fieldChanges,
  InjectPluginOptions,
  OutboundHttp,
  selectFields,
  TenantDataSource,
  uuidv7,
  ValidationFailedError,
  type RequestContext,
} from '@quire/core';
import { PublicEventCatalog } from '../catalog/public-event-catalog';
import { toWebhookDeliveryResponse, type WebhookDeliveryResponse } from '../deliveries/dto/webhook-delivery.response';
import { WebhookDeliveryStore } from '../deliveries/webhook-delivery.store';
import { WebhookDeliveryQueue } from '../delivery/webhook-delivery-queue';
import { PING_EVENT, urlWithoutQuery, webhookBody } from '../delivery/webhook-payload';
import { generateWebhookSecret } from '../delivery/webhook-signature';
import type { WebhookSubscription } from '../entities/webhook-subscription.entity';
import {
  WebhookDisabledError,
  WebhookLimitError,
  WebhookNotFoundError,
  WebhookUrlNotAllowedError,
} from '../webhooks.errors';
import type { WebhooksOptions } from '../webhooks.options';
import type { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook.dto';
import {
  toWebhookResponse,
  type WebhookListResponse,
  type WebhookResponse,
  type WebhookWithSecretResponse,
} from './dto/webhook.response';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSubscriptionStore } from './webhook-subscription.store';

/** How long the secret before a rotation still signs, so that receivers can switch without missing a delivery. */
export const PREVIOUS_SECRET_GRACE_HOURS = 24;

/**
 * A workspace's webhooks: what they subscribe to (names and patterns of public events, checked against the
 * catalog), where they send (checked against the outbound address rules when stored, and again at every attempt),
 * and their signing secret (shown on create and rotate only, stored sealed).
 */
@Injectable()
export class WebhookSubscriptionService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly webhooks: WebhookSubscriptionStore,
    private readonly deliveries: WebhookDeliveryStore,
    private readonly queue: WebhookDeliveryQueue,
    private readonly catalog: PublicEventCatalog,
    private readonly http: OutboundHttp,
    private readonly secrets: WebhookSecrets,
    private readonly events: EventBus,
    @InjectPluginOptions('webhooks') private readonly options: WebhooksOptions,
  ) {}

  async list(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<WebhookListResponse> {
    const { page, query } = await this.webhooks.list(ctx, rawQuery);
    return { data: page.data.map((row) => selectFields(toWebhookResponse(row), query.fields)), meta: page.meta };
  }

  async get(ctx: RequestContext, id: string): Promise<WebhookResponse> {
    return toWebhookResponse(await this.webhook(ctx, id));
  }

  async create(ctx: RequestContext, dto: CreateWebhookDto): Promise<WebhookWithSecretResponse> {
    const events = this.checkedEvents(dto.events);
    const url = await this.checkedUrl(dto.url);
    return this.db.transaction(ctx, async (tx) => {
      // One writer at a time per workspace, so that two creations cannot both pass the limit.
      await this.db.manager(tx).query(`SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE`, [tx.workspaceId]);
      if ((await this.webhooks.count(tx)) >= this.options.maxWebhooksPerWorkspace) {
        throw new WebhookLimitError(this.options.maxWebhooksPerWorkspace);
      }
      const id = uuidv7();
      const secret = generateWebhookSecret();
      const row = await this.webhooks.insert(tx, {
        id,
        url,
        events,
        contentTypes: uniqueOrNull(dto.contentTypes),
        description: dto.description ?? '',
        enabled: dto.enabled ?? true,
        secretCiphertext: this.secrets.seal(id, secret),
        createdBy: tx.actor.type === 'user' ? tx.actor.id : null,
      });
      await this.events.publish(tx, 'webhooks.subscription.created', {
        subscriptionId: id,
        url: urlWithoutQuery(url),
        events,
      });
      return { ...toWebhookResponse(row), secret };
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateWebhookDto): Promise<WebhookResponse> {
    const events = dto.events === undefined ? undefined : this.checkedEvents(dto.events);
    const url = dto.url === undefined ? undefined : await this.checkedUrl(dto.url);
    return this.db.transaction(ctx, async (tx) => {
      const current = await this.webhook(tx, id, true);
      const patch: Partial<WebhookSubscription> = {};
      if (url !== undefined && url !== current.url) patch.url = url;
      if (events !== undefined && !sameList(events, current.events)) patch.events = events;
      if (dto.contentTypes !== undefined) {
        const contentTypes = uniqueOrNull(dto.contentTypes);
        if (!sameList(contentTypes, current.contentTypes)) patch.contentTypes = contentTypes;
      }
      if (dto.description !== undefined && dto.description !== current.description) patch.description = dto.description;
      if (dto.enabled !== undefined && dto.enabled !== current.enabled) {
        patch.enabled = dto.enabled;
        // Enabling gives the receiver a fresh start; disabling by hand records no reason of Quire's.
        Object.assign(patch, {
          deadDeliveriesInARow: 0,
          disabledReason: null,
          disabledAt: dto.enabled ? null : new Date(),
        });
      }
      const changed = Object.keys(patch).filter((key) =>
        ['url', 'events', 'contentTypes', 'description', 'enabled'].includes(key),
      );
      if (changed.length === 0) return toWebhookResponse(current);
      const row = await this.webhooks.update(tx, id, patch);
      await this.events.publish(tx, 'webhooks.subscription.updated', {
        subscriptionId: id,
        url: urlWithoutQuery(row.url),
        changed,
        changes: fieldChanges(auditView(current), auditView(row), changed),
      });
      return toWebhookResponse(row);
    });
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const current = await this.webhook(tx, id, true);
      await this.webhooks.delete(tx, id);
      await this.events.publish(tx, 'webhooks.subscription.deleted', {
        subscriptionId: id,
        url: urlWithoutQuery(current.url),
      });
    });
  }

  /** A new secret; the previous one keeps signing (as a second v1) for PREVIOUS_SECRET_GRACE_HOURS. */
  async rotateSecret(ctx: RequestContext, id: string): Promise<WebhookWithSecretResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const current = await this.webhook(tx, id, true);
      const secret = generateWebhookSecret();
      const previousValidUntil = new Date(Date.now() + PREVIOUS_SECRET_GRACE_HOURS * 3600 * 1000);
      const row = await this.webhooks.update(tx, id, {
        secretCiphertext: this.secrets.seal(id, secret),
        previousSecretCiphertext: current.secretCiphertext,
        previousSecretExpiresAt: previousValidUntil,
      });
      await this.events.publish(tx, 'webhooks.secret.rotated', {
        subscriptionId: id,
        previousValidUntil: previousValidUntil.toISOString(),
      });
      return { ...toWebhookResponse(row), secret };
    });
  }

  /** Queues a test delivery (`webhooks.subscription.pinged`) to check the receiver and its signature check. */
  async ping(ctx: RequestContext, id: string): Promise<WebhookDeliveryResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const webhook = await this.webhook(tx, id);
      if (!webhook.enabled) throw new WebhookDisabledError(id);
      const eventId = uuidv7();
      const [workspace]: Array<{ slug: string }> = await this.db
        .manager(tx)
        .query(`SELECT slug FROM workspaces WHERE id = $1`, [tx.workspaceId]);
      const body = webhookBody({
        id: eventId,
        event: PING_EVENT,
        occurredAt: new Date().toISOString(),
        workspace: { id: tx.workspaceId, slug: workspace.slug },
        actor: { type: tx.actor.type, id: tx.actor.id },
        data: { webhookId: id },
      });
      const [deliveryId] = await this.queue.enqueue(tx, [
        { id: uuidv7(), subscriptionId: id, eventId, eventName: PING_EVENT, body, actorId: tx.actor.id },
      ]);
      return toWebhookDeliveryResponse((await this.deliveries.findById(tx, id, deliveryId))!);
    });
  }

  private async webhook(ctx: RequestContext, id: string, lock = false): Promise<WebhookSubscription> {
    const row = lock ? await this.webhooks.findForUpdate(ctx, id) : await this.webhooks.findById(ctx, id);
    if (!row) throw new WebhookNotFoundError(id);
    return row;
  }

  /** Each pattern known to the catalog (400 naming `events[i]` otherwise), duplicates dropped. */
  private checkedEvents(events: string[]): string[] {
    const problems = this.catalog.problemsOf(events);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return [...new Set(events)];
  }

  private async checkedUrl(raw: string): Promise<string> {
    const check = await this.http.checkUrl(raw);
    if (!check.allowed) throw new WebhookUrlNotAllowedError(check.reason);
    return check.url;
  }
}

function uniqueOrNull(values: string[] | null | undefined): string[] | null {
  return values === undefined || values === null ? null : [...new Set(values)];
}

function sameList(a: readonly string[] | null, b: readonly string[] | null): boolean {
  return a === b || (a !== null && b !== null && a.length === b.length && a.every((value, i) => value === b[i]));
}

/**
 * What the audit log may show of a subscription: the URL without its query (it may hold a token) and never the
 * secret. A change of the query alone shows as the same `https://host/path?…` before and after.
 */
function auditView(webhook: WebhookSubscription): Record<string, unknown> {
  return {
    url: urlWithoutQuery(webhook.url),
    events: webhook.events,
    contentTypes: webhook.contentTypes,
    description: webhook.description,
    enabled: webhook.enabled,
  };
}
