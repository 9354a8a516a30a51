import { TenantOwnedEntity } from '@quire/core';
import { Column, Entity } from 'typeorm';

/** A workspace member's place in a team; removed with the workspace membership (foreign key cascade). */
@Entity({ name: 'team_members' })
export class TeamMember extends TenantOwnedEntity {
  @Column({ name: 'team_id', type: 'uuid' }) teamId!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
}
