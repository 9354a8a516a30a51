import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/** A label of the workspace, attached to entries (migration 1764400000070). */
@Entity({ name: 'content_labels' })
export class ContentLabel extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ type: 'text' }) name!: string;
  /** `#rrggbb`, lower case. */
  @Column({ type: 'text', nullable: true }) color!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
