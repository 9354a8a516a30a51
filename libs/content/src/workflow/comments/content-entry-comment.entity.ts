import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/** A member's comment on an entry, about one locale or the whole entry (migration 1764400000080). */
@Entity({ name: 'content_entry_comments' })
export class ContentEntryComment extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  /** null: about the entry as a whole. */
  @Column({ type: 'text', nullable: true }) locale!: string | null;
  @Column({ name: 'author_id', type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ type: 'text' }) body!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true }) editedAt!: Date | null;
}
