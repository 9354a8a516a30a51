import { ApiProperty } from '@nestjs/swagger';
import type { WebhookSubscription } from '../../entities/webhook-subscription.entity';

export class WebhookResponse {
  @ApiProperty({ format: 'uuid', description: 'Sent as the Quire-Webhook-Id header' }) id!: string;
  @ApiProperty({ example: 'https://hooks.example.com/quire' }) url!: string;
  @ApiProperty({ type: [String], example: ['content.entry.*'] }) events!: string[];
  @ApiProperty({ type: [String], nullable: true, example: null }) contentTypes!: string[] | null;
  @ApiProperty({ example: 'Rebuild the website' }) description!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why Quire disabled it (null when enabled, or disabled by a member)',
  })
  disabledReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt!: string | null;
  @ApiProperty({ description: 'Deliveries in a row that failed every attempt; reaching the limit disables it' })
  deadDeliveriesInARow!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** Answered on create and on rotate: the only times the secret is shown. */
export class WebhookWithSecretResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_0lBqY9dH3kX2uJ1m8sT5cV7nR4pW6aZ0eF2gH9iK3oQ',
    description: 'The signing secret (HMAC-SHA256 key of Quire-Signature). Shown once: store it now.',
  })
  secret!: string;
}

export class WebhookPageMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class WebhookListResponse {
  @ApiProperty({ type: [WebhookResponse] }) data!: Partial<WebhookResponse>[];
  @ApiProperty({ type: WebhookPageMeta }) meta!: WebhookPageMeta;
}

export function toWebhookResponse(row: WebhookSubscription): WebhookResponse {
  return {
    id: row.id,
    url: row.url,
    events: [...row.events],
    contentTypes: row.contentTypes === null ? null : [...row.contentTypes],
    description: row.description,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt === null ? null : new Date(row.disabledAt).toISOString(),
    deadDeliveriesInARow: row.deadDeliveriesInARow,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
