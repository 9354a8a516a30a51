import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '@quire/core';

export type NoteStatus = 'draft' | 'published';

@Entity({ name: 'example_notes' })
@Index('example_notes_ws_created', ['workspaceId', 'createdAt'])
export class Note extends TenantOwnedEntity {
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) body!: string;
  @Column({ type: 'text', default: 'draft' }) status!: NoteStatus;
  @Column({ type: 'integer', default: 0 }) priority!: number;
  @Column({ name: 'created_by_id', type: 'text' }) createdById!: string;
}
