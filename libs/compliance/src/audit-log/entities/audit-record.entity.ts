import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One audited event, hash-chained to the previous record of its workspace (migration 1764700000000). */
@Entity({ name: 'compliance_audit_log' })
export class AuditRecord {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  /** Null for installation-level events (sign-ups, platform administration); typed as the tenant key for reads. */
  @Column({ name: 'workspace_id', type: 'uuid', nullable: true }) workspaceId!: string;
  /**
   * Position in the workspace's chain, from 1, without gaps (until a purge removes the oldest); null until the
   * sealer has chained the record, moments after its transaction committed.
   */
  @Column({ type: 'bigint', nullable: true }) sequence!: string | null;
  /** The outbox event this record was made from. */
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'actor_type', type: 'text' }) actorType!: string;
  @Column({ name: 'actor_id', type: 'text', nullable: true }) actorId!: string | null;
  @Column({ name: 'impersonator_id', type: 'uuid', nullable: true }) impersonatorId!: string | null;
  /** The event name, e.g. `content.entry.published`. */
  @Column({ type: 'text' }) action!: string;
  @Column({ name: 'subject_type', type: 'text', nullable: true }) subjectType!: string | null;
  @Column({ name: 'subject_id', type: 'text', nullable: true }) subjectId!: string | null;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId!: string | null;
  @Column({ type: 'text', nullable: true }) ip!: string | null;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent!: string | null;
  /** Field-level before/after from the event's `changes`, secrets and sensitive fields redacted. */
  @Column({ type: 'jsonb', nullable: true }) changes!: Record<string, unknown> | null;
  @Column({ name: 'prev_hash', type: 'text', nullable: true }) prevHash!: string | null;
  @Column({ type: 'text', nullable: true }) hash!: string | null;
}
