import { Column, Entity } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/**
 * One publish of an entry locale (migration 1764400000060): the revision published, by whom, and the workflow
 * evidence at that moment (stage, approvals with the revision each saw, authors, four-eyes). History, never updated.
 */
@Entity({ name: 'content_publications' })
export class ContentPublication extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @Column({ type: 'text' }) locale!: string;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ name: 'published_by', type: 'uuid', nullable: true }) publishedBy!: string | null;
  @Column({ name: 'actor_type', type: 'text' }) actorType!: string;
  @Column({ name: 'actor_id', type: 'text', nullable: true }) actorId!: string | null;
  @Column({ name: 'published_at', type: 'timestamptz' }) publishedAt!: Date;
  @Column({ type: 'jsonb' }) evidence!: Record<string, unknown>;
}
