import { Column, Entity } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/**
 * The stage an entry locale is in (migration 1764400000060). No row means the first stage of its type's workflow; a
 * row of another workflow than the one governing the type now is removed when workflows change. `visitId` is new on
 * every move: approvals count for the visit they were given in.
 */
@Entity({ name: 'content_workflow_states' })
export class ContentWorkflowState extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @Column({ type: 'text' }) locale!: string;
  @Column({ name: 'workflow_id', type: 'uuid' }) workflowId!: string;
  @Column({ type: 'text' }) stage!: string;
  @Column({ name: 'visit_id', type: 'uuid' }) visitId!: string;
  @Column({ name: 'entered_at', type: 'timestamptz' }) enteredAt!: Date;
  @Column({ name: 'entered_by', type: 'uuid', nullable: true }) enteredBy!: string | null;
  /** The entry's revision when the stage was entered: a later change of the locale makes the stage outdated. */
  @Column({ name: 'entered_revision', type: 'integer', default: 0 }) enteredRevision!: number;
}
