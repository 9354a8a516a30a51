import { TenantOwnedEntity } from '@quire/core';
import { Column, Entity } from 'typeorm';

/** A user's membership of a workspace, with one role (built-in for now; custom roles come later). */
@Entity({ name: 'workspace_members' })
export class WorkspaceMember extends TenantOwnedEntity {
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'text' }) role!: string;
}
