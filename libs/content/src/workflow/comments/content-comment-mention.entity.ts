import { Column, CreateDateColumn, Entity } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/** A member mentioned in a comment, who was notified by mail (migration 1764400000080). */
@Entity({ name: 'content_comment_mentions' })
export class ContentCommentMention extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'comment_id', type: 'uuid' }) commentId!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
