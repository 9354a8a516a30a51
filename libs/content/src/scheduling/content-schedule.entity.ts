import { Column, CreateDateColumn, Entity } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/**
 * A publish or unpublish of one locale of an entry at a chosen time (migration 1764400000030). The scheduling code
 * reads and writes it with SQL (row locks, the job's cross-workspace scan); the entity declares the table.
 */
@Entity({ name: 'content_schedules' })
export class ContentSchedule extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @Column({ type: 'text' }) locale!: string;
  /** `publish` or `unpublish`. */
  @Column({ type: 'text' }) action!: string;
  @Column({ name: 'run_at', type: 'timestamptz' }) runAt!: Date;
  /** `pending`, `done`, `failed` or `cancelled`. */
  @Column({ type: 'text', default: 'pending' }) status!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'executed_at', type: 'timestamptz', nullable: true }) executedAt!: Date | null;
  @Column({ type: 'jsonb', nullable: true }) error!: Record<string, unknown> | null;
}
