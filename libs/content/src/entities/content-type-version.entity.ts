import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidV7Entity } from '@quire/core';
import type { ContentTypeDefinition } from '../schema/field-definition';

/** One version of a content type's definition and the changes that made it. Never updated. */
@Entity({ name: 'content_type_versions' })
export class ContentTypeVersion extends UuidV7Entity {
  @Index() @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'content_type_id', type: 'uuid' }) contentTypeId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'jsonb' }) definition!: ContentTypeDefinition;
  @Column({ type: 'jsonb', default: () => `'[]'` }) changes!: unknown[];
  @Column({ name: 'actor_type', type: 'text' }) actorType!: string;
  @Column({ name: 'actor_id', type: 'text', nullable: true }) actorId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
