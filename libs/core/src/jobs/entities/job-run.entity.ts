import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type JobRunStatus = 'running' | 'succeeded' | 'failed';

/** One run of a scheduled job: unique per job and scheduled slot, so N instances run each slot once. */
@Entity({ name: 'quire_job_runs' })
@Index('quire_job_runs_slot', ['jobName', 'scheduledFor'], { unique: true })
export class JobRun {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'job_name', type: 'text' }) jobName!: string;
  @Column({ type: 'text' }) plugin!: string;
  @Column({ name: 'scheduled_for', type: 'timestamptz' }) scheduledFor!: Date;
  @Column({ name: 'instance_id', type: 'text' }) instanceId!: string;
  @Column({ type: 'text' }) status!: JobRunStatus;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @Column({ name: 'affected_rows', type: 'integer', nullable: true }) affectedRows!: number | null;
  @Column({ type: 'jsonb', nullable: true }) details!: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
}
