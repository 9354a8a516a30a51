import { TenantOwnedEntity } from '@quire/core';
import { Column, Entity } from 'typeorm';

/** A group of members inside a workspace; names are unique in the workspace regardless of case. */
@Entity({ name: 'teams' })
export class Team extends TenantOwnedEntity {
  @Column({ type: 'text' }) name!: string;
}
