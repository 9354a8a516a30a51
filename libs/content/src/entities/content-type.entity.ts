import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '@quire/core';
import type { ContentTypeDefinition, ContentTypeKind } from '../schema/field-definition';

/** A content type of a workspace; `definition` is the whole model as the API accepts it (apiId, fields, options). */
@Entity({ name: 'content_types' })
export class ContentType extends TenantOwnedEntity {
  @Column({ name: 'api_id', type: 'text' }) apiId!: string;
  @Column({ type: 'text' }) kind!: ContentTypeKind;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'jsonb' }) definition!: ContentTypeDefinition;
  @Column({ type: 'integer', default: 1 }) version!: number;
  /** Mirrors `definition.options.publicRead` so the delivery path reads it without parsing the definition. */
  @Column({ name: 'public_read', type: 'boolean', default: false }) publicRead!: boolean;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
}
