import { Column, CreateDateColumn, Entity } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/** A content type governed by a workflow; a type is in one workflow at most (migration 1764400000060). */
@Entity({ name: 'content_workflow_types' })
export class ContentWorkflowType extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'workflow_id', type: 'uuid' }) workflowId!: string;
  @Column({ name: 'content_type_id', type: 'uuid' }) contentTypeId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
