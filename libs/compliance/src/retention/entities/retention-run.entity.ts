import { UuidV7Entity } from '@quire/core';
import { Column, Entity } from 'typeorm';

export type RetentionTrigger = 'schedule' | 'manual';
export type RetentionRunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';

/** One run of the retention engine (or a dry run): its per-policy results are RetentionPolicyResult rows. */
@Entity({ name: 'compliance_retention_runs' })
export class RetentionRun extends UuidV7Entity {
  @Column({ type: 'text' }) trigger!: RetentionTrigger;
  @Column({ name: 'dry_run', type: 'boolean', default: false }) dryRun!: boolean;
  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' }) startedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  /** `failed` when a policy failed (the others still ran); `interrupted` when the run was aborted between batches. */
  @Column({ type: 'text' }) status!: RetentionRunStatus;
  /** The platform administrator who asked for a manual run; null for the schedule. */
  @Column({ name: 'requested_by', type: 'uuid', nullable: true }) requestedBy!: string | null;
}
