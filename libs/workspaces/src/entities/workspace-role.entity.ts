import { TenantOwnedEntity, type PermissionRule } from '@quire/core';
import { Column, Entity } from 'typeorm';

/**
 * A custom role of one workspace: rules composed from what the loaded plugins declare. Members hold it by its
 * `key` (their `role` column), which never changes, so renaming the role is only a change of `name`.
 */
@Entity({ name: 'workspace_roles' })
export class WorkspaceRole extends TenantOwnedEntity {
  /** Lower-case kebab-case, 3–40 characters, unique in the workspace, never a built-in role's name. */
  @Column({ type: 'text' }) key!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  /** Allow rules only, each one action on one subject, validated when written (custom-role-rules.ts). */
  @Column({ type: 'jsonb' }) rules!: PermissionRule[];
  /** The user who created it; null for an API key or once the account is erased. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
}
