import { BeforeInsert, Column, CreateDateColumn, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { uuidv7 } from './uuid-v7';

/**
 * Base of every tenant-owned entity: UUIDv7 id, `workspace_id NOT NULL` (indexed), timestamps.
 * TenantDataSource sets and filters `workspace_id`; code never writes it by hand.
 */
export abstract class TenantOwnedEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Index()
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= uuidv7();
  }
}
