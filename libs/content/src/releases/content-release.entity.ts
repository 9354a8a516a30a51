import { Column, CreateDateColumn, Entity } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/**
 * Entry locales published or unpublished together (migration 1764400000050). The release code reads and writes it
 * with SQL (row locks, the job's cross-workspace scan); the entity declares the table.
 */
@Entity({ name: 'content_releases' })
export class ContentRelease extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true }) scheduledAt!: Date | null;
  /** The IANA time zone the scheduled time was chosen in. */
  @Column({ name: 'time_zone', type: 'text', nullable: true }) timeZone!: string | null;
  /** `pending`, `scheduled`, `done`, `failed` or `cancelled`. */
  @Column({ type: 'text', default: 'pending' }) status!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'executed_at', type: 'timestamptz', nullable: true }) executedAt!: Date | null;
  @Column({ type: 'jsonb', nullable: true }) error!: Record<string, unknown> | null;
}
