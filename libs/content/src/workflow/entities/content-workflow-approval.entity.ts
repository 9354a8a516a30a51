import { Column, CreateDateColumn, Entity } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/**
 * A reviewer's approval of an entry locale in a stage (migration 1764400000060), tied to the entry revision the
 * reviewer saw: a later change of the locale's values (or of shared values) makes it stale. Kept as evidence.
 */
@Entity({ name: 'content_workflow_approvals' })
export class ContentWorkflowApproval extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @Column({ type: 'text' }) locale!: string;
  @Column({ name: 'workflow_id', type: 'uuid', nullable: true }) workflowId!: string | null;
  @Column({ type: 'text' }) stage!: string;
  @Column({ name: 'visit_id', type: 'uuid' }) visitId!: string;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ name: 'approver_id', type: 'uuid', nullable: true }) approverId!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
