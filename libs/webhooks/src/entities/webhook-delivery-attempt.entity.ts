import { Column, Entity } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/** One HTTP attempt of a delivery: when, where, how long, what came back (migration 1764500000000). */
@Entity({ name: 'webhook_delivery_attempts' })
export class WebhookDeliveryAttempt extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'delivery_id', type: 'uuid' }) deliveryId!: string;
  /** 1 for the first attempt. */
  @Column({ type: 'integer' }) attempt!: number;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'duration_ms', type: 'integer' }) durationMs!: number;
  /** Where the request went last (after redirects). */
  @Column({ type: 'text' }) url!: string;
  @Column({ name: 'response_status', type: 'integer', nullable: true }) responseStatus!: number | null;
  /** The start of the response body, bounded. */
  @Column({ name: 'response_excerpt', type: 'text', nullable: true }) responseExcerpt!: string | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  /** `succeeded` or `failed`. */
  @Column({ type: 'text' }) outcome!: string;
}
