import { Column, Entity, Index } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/** One outgoing link of an entry's draft: a relation to another entry or a media asset. Rewritten on every save. */
@Entity({ name: 'content_references' })
export class ContentReference extends UuidV7Entity {
  @Index() @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'source_entry_id', type: 'uuid' }) sourceEntryId!: string;
  /** '' for a shared field. */
  @Column({ type: 'text', default: '' }) locale!: string;
  @Column({ name: 'field_path', type: 'text' }) fieldPath!: string;
  @Column({ name: 'target_kind', type: 'text' }) targetKind!: 'entry' | 'media';
  @Column({ name: 'target_id', type: 'uuid' }) targetId!: string;
}
