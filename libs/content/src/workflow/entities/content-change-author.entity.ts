import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Who changed an entry's values, per locale ('' for shared fields), and the last revision they did it in
 * (migration 1764400000060). Written by a trigger on content_revisions only; read by four-eyes and staleness.
 */
@Entity({ name: 'content_change_authors' })
export class ContentChangeAuthor {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @PrimaryColumn({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @PrimaryColumn({ type: 'text' }) locale!: string;
  @PrimaryColumn({ name: 'actor_type', type: 'text' }) actorType!: string;
  @PrimaryColumn({ name: 'actor_id', type: 'text' }) actorId!: string;
  @Column({ name: 'last_revision', type: 'integer' }) lastRevision!: number;
  @Column({ name: 'last_changed_at', type: 'timestamptz' }) lastChangedAt!: Date;
}
