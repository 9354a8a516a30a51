import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A domain event written in the same transaction as the change that caused it; relayed to handlers afterwards. */
@Entity({ name: 'quire_outbox' })
@Index('quire_outbox_pending', ['id'], { where: 'dispatched_at IS NULL' })
export class OutboxEvent {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'workspace_id', type: 'uuid', nullable: true }) workspaceId!: string | null;
  @Column({ name: 'event_name', type: 'text' }) eventName!: string;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ type: 'jsonb' }) actor!: Record<string, unknown>;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true }) dispatchedAt!: Date | null;
}
