import { Column, CreateDateColumn, Entity } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/** One entry locale of a release and what to do with it (migration 1764400000050). */
@Entity({ name: 'content_release_items' })
export class ContentReleaseItem extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'release_id', type: 'uuid' }) releaseId!: string;
  @Column({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @Column({ type: 'text' }) locale!: string;
  /** `publish` or `unpublish`. */
  @Column({ type: 'text' }) action!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
