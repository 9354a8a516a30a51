import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What one policy did in one run: rows deleted or anonymized (or, in a dry run, that would be), rows held. */
@Entity({ name: 'compliance_retention_results' })
export class RetentionPolicyResult {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' }) runId!: string;
  @PrimaryColumn({ type: 'text' }) policy!: string;
  @Column({ type: 'text' }) action!: 'delete' | 'anonymize';
  @Column({ name: 'rows_affected', type: 'bigint', default: 0 }) rowsAffected!: string;
  /** Due rows spared because a legal hold covers them. */
  @Column({ name: 'rows_held', type: 'bigint', default: 0 }) rowsHeld!: string;
  @Column({ name: 'duration_ms', type: 'integer', default: 0 }) durationMs!: number;
  /** Why the policy stopped (the other policies still ran); null when it succeeded. */
  @Column({ type: 'text', nullable: true }) error!: string | null;
}
