import { Column, Entity } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/** The assignee (one at most) or a reviewer of an entry locale (migration 1764400000060). */
@Entity({ name: 'content_entry_assignments' })
export class ContentEntryAssignment extends UuidV7Entity {
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @Column({ type: 'text' }) locale!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  /** `assignee` or `reviewer`. */
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'assigned_by', type: 'uuid', nullable: true }) assignedBy!: string | null;
  @Column({ name: 'assigned_at', type: 'timestamptz' }) assignedAt!: Date;
}
