import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Per workspace, bumped by every change the delivery API can see; delivery ETags derive from it. */
@Entity({ name: 'content_delivery_generations' })
export class ContentDeliveryGeneration {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ type: 'bigint', default: 0 }) generation!: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
