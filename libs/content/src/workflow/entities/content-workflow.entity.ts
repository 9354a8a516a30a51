import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { UuidV7Entity } from '@quire/core';
import type { WorkflowStage, WorkflowTransition } from '../workflow-definition';

/**
 * A workspace's editorial workflow (migration 1764400000060): ordered stages, the transitions between them and who
 * may make each, approvals per stage, the four-eyes rule and the stage publishing needs. The workflow code reads and
 * writes it with SQL; the entity declares the table.
 */
@Entity({ name: 'content_workflows' })
export class ContentWorkflow extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'jsonb' }) stages!: WorkflowStage[];
  @Column({ type: 'jsonb', default: () => `'[]'` }) transitions!: WorkflowTransition[];
  @Column({ name: 'publish_stage', type: 'text', nullable: true }) publishStage!: string | null;
  @Column({ name: 'four_eyes', type: 'boolean', default: false }) fourEyes!: boolean;
  @Column({ name: 'is_default', type: 'boolean', default: false }) isDefault!: boolean;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
