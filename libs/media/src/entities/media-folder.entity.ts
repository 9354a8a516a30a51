import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '@quire/core';

/** A folder of the media library: a tree per workspace (`parentId` null at the root), names unique per parent. */
@Entity({ name: 'media_folders' })
export class MediaFolder extends TenantOwnedEntity {
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
}
