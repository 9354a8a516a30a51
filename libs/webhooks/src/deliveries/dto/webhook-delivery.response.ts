import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_STATUSES, type WebhookDelivery } from '../../entities/webhook-delivery.entity';
import type { WebhookDeliveryAttempt } from '../../entities/webhook-delivery-attempt.entity';
import { WebhookPageMeta } from '../../subscriptions/dto/webhook.response';

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'Sent as the Quire-Delivery-Id header' }) id!: string;
  @ApiProperty({ format: 'uuid' }) webhookId!: string;
  @ApiProperty({ example: 'content.entry.published' }) event!: string;
  @ApiProperty({ format: 'uuid', description: "The event's id: the payload's id, the same for a replay" })
  eventId!: string;
  @ApiProperty({
    enum: DELIVERY_STATUSES,
    description:
      'pending (queued), retrying (an attempt failed, another follows), succeeded (a 2xx), dead (every attempt ' +
      'failed: in the dead-letter list), cancelled (the webhook was disabled before it was sent)',
  })
  status!: string;
  @ApiProperty({ description: 'Attempts made so far' }) attemptCount!: number;
  @ApiProperty({ description: 'Attempts it gets before it is dead' }) maxAttempts!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAttemptAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 200, description: 'HTTP status of the last attempt' })
  lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'HTTP 500' }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The delivery this one replays' })
  replayOf!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}

export class WebhookDeliveryAttemptResponse {
  @ApiProperty({ example: 1 }) attempt!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ example: 84 }) durationMs!: number;
  @ApiProperty({ description: 'Where the request went last (after redirects)' }) url!: string;
  @ApiProperty({ type: Number, nullable: true, example: 500 }) responseStatus!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The first 2 KB of the response body' })
  responseExcerpt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'timeout: no complete response within the time limit',
    description: 'Why it failed: HTTP <status>, or a kind (address-refused, dns, timeout, response-too-large, …)',
  })
  error!: string | null;
  @ApiProperty({ enum: ['succeeded', 'failed'] }) outcome!: string;
}

export class WebhookDeliveryDetailResponse extends WebhookDeliveryResponse {
  @ApiProperty({ type: Object, description: 'The JSON body that was sent' }) payload!: unknown;
  @ApiProperty({ type: [WebhookDeliveryAttemptResponse], description: 'Every attempt, first first' })
  attempts!: WebhookDeliveryAttemptResponse[];
}

export class WebhookDeliveryListResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) data!: Partial<WebhookDeliveryResponse>[];
  @ApiProperty({ type: WebhookPageMeta }) meta!: WebhookPageMeta;
}

const iso = (value: Date | null): string | null => (value === null ? null : new Date(value).toISOString());

export function toWebhookDeliveryResponse(row: WebhookDelivery): WebhookDeliveryResponse {
  return {
    id: row.id,
    webhookId: row.subscriptionId,
    event: row.eventName,
    eventId: row.eventId,
    status: row.status,
    attemptCount: row.attempts,
    maxAttempts: row.maxAttempts,
    lastAttemptAt: iso(row.lastAttemptAt),
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    replayOf: row.replayOfId,
    createdAt: new Date(row.createdAt).toISOString(),
    completedAt: iso(row.completedAt),
  };
}

export function toWebhookDeliveryAttemptResponse(row: WebhookDeliveryAttempt): WebhookDeliveryAttemptResponse {
  return {
    attempt: row.attempt,
    startedAt: new Date(row.startedAt).toISOString(),
    durationMs: row.durationMs,
    url: row.url,
    responseStatus: row.responseStatus,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
    outcome: row.outcome,
  };
}
