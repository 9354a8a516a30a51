import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '@quire/core';

/** A workspace's webhook: where its events go and how they are signed (migration 1764500000000). */
@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscription extends TenantOwnedEntity {
  @Column({ type: 'text' }) url!: string;
  /** Event names and patterns (`content.entry.*`, `*`). */
  @Column({ type: 'text', array: true }) events!: string[];
  /** Only events about these content types (those whose data has a `contentType`); null: all. */
  @Column({ name: 'content_types', type: 'text', array: true, nullable: true }) contentTypes!: string[] | null;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  /** The signing secret, sealed by SecretCipher (bound to the webhook's id). */
  @Column({ name: 'secret_ciphertext', type: 'text' }) secretCiphertext!: string;
  /** The secret before the last rotation, still signing until `previousSecretExpiresAt`. */
  @Column({ name: 'previous_secret_ciphertext', type: 'text', nullable: true }) previousSecretCiphertext!:
    string | null;
  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;
  /** Deliveries in a row that ended dead; a successful delivery resets it, and so does enabling. */
  @Column({ name: 'dead_deliveries_in_a_row', type: 'integer', default: 0 }) deadDeliveriesInARow!: number;
  @Column({ name: 'disabled_reason', type: 'text', nullable: true }) disabledReason!: string | null;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
}
