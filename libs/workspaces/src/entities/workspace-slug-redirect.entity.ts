import { UuidV7Entity } from '@quire/core';
import { Column, CreateDateColumn, Entity } from 'typeorm';

/** A slug a workspace had before: it still names that workspace, and no other workspace may take it. */
@Entity({ name: 'workspace_slug_redirects' })
export class WorkspaceSlugRedirect extends UuidV7Entity {
  @Column({ name: 'old_slug', type: 'text' }) oldSlug!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
