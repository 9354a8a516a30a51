import { Column, CreateDateColumn, Index, UpdateDateColumn } from 'typeorm';
import { UuidV7Entity } from './uuid-v7.entity';

/**
 * Base of every tenant-owned entity: UUIDv7 id, `workspace_id NOT NULL` (indexed), timestamps.
 * TenantDataSource sets and filters `workspace_id`; code never writes it by hand.
 */
export abstract class TenantOwnedEntity extends UuidV7Entity {
  @Index()
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
