import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '@quire/core';

/** An entry: its shared (not localized) draft values, its revision counter and its trash state. */
@Entity({ name: 'content_entries' })
export class ContentEntry extends TenantOwnedEntity {
  @Column({ name: 'content_type_id', type: 'uuid' }) contentTypeId!: string;
  @Column({ name: 'shared_data', type: 'jsonb', default: () => `'{}'` }) sharedData!: Record<string, unknown>;
  /** Number of the latest revision (0 before the first save). */
  @Column({ type: 'integer', default: 0 }) revision!: number;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
  /** Set while the entry is in the trash. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  @Column({ name: 'deleted_by', type: 'uuid', nullable: true }) deletedBy!: string | null;
}
