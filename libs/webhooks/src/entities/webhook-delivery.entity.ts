import { Column, CreateDateColumn, Entity } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

export const DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'dead', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** A delivery in one of these is done: no attempt follows (a replay is a new delivery). */
export const FINAL_STATUSES: readonly DeliveryStatus[] = ['succeeded', 'dead', 'cancelled'];

/** One event sent to one webhook, retried until it succeeds or is dead (migration 1764500000000). */
@Entity({ name: 'webhook_deliveries' })
export class WebhookDelivery extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'subscription_id', type: 'uuid' }) subscriptionId!: string;
  /** The outbox event's id, which is also the payload's `id` (a test ping has an id of its own). */
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'event_name', type: 'text' }) eventName!: string;
  /** The JSON body exactly as sent and signed. */
  @Column({ type: 'text' }) body!: string;
  /** Who caused the event (a user's or API key's id, a job's name), for export and erasure. */
  @Column({ name: 'actor_id', type: 'text', nullable: true }) actorId!: string | null;
  @Column({ type: 'text', default: 'pending' }) status!: DeliveryStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'max_attempts', type: 'integer' }) maxAttempts!: number;
  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true }) lastAttemptAt!: Date | null;
  @Column({ name: 'last_status', type: 'integer', nullable: true }) lastStatus!: number | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  /** The delivery this one replays. */
  @Column({ name: 'replay_of_id', type: 'uuid', nullable: true }) replayOfId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
}
