import { Column, Entity } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/** A label attached to an entry (migration 1764400000070). */
@Entity({ name: 'content_entry_labels' })
export class ContentEntryLabel extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @Column({ name: 'label_id', type: 'uuid' }) labelId!: string;
  @Column({ name: 'added_by', type: 'uuid', nullable: true }) addedBy!: string | null;
  @Column({ name: 'added_at', type: 'timestamptz' }) addedAt!: Date;
}
