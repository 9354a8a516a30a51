import { definePlugin } from '@quire/core';
import { Team } from './entities/team.entity';
import { TeamMember } from './entities/team-member.entity';
import { Workspace } from './entities/workspace.entity';
import { WorkspaceMember } from './entities/workspace-member.entity';
import { WorkspaceSlugRedirect } from './entities/workspace-slug-redirect.entity';
import { WorkspaceRole } from './entities/workspace-role.entity';
import { WorkspaceInvitation } from './entities/workspace-invitation.entity';
import { WorkspacesInit1764000000000 } from './migrations/1764000000000-workspaces-init';
import { WorkspaceRoles1764200000000 } from './migrations/1764200000000-workspace-roles';
import { WorkspaceInvitations1764100000000 } from './migrations/1764100000000-workspace-invitations';
import { seedWorkspacesDemo } from './workspaces.demo-seed';
import { workspacesDataInventory } from './workspaces.data-inventory';
import { WorkspacesModule } from './workspaces.module';
import { workspacesPermissions } from './workspaces.permissions';
import { workspacesRetention } from './workspaces.retention';

/** Workspaces, members, teams and built-in roles; the installation's workspace resolver. */
export const WorkspacesPlugin = definePlugin({
  name: 'workspaces',
  version: '0.1.0',
  description: 'Workspaces, members, teams and roles: the tenant boundary',
  requires: { core: '^0.1.0', identity: '^0.1.0' },
  module: WorkspacesModule,
  entities: [Workspace, WorkspaceSlugRedirect, WorkspaceMember, Team, TeamMember, WorkspaceInvitation, WorkspaceRole],
  migrations: [WorkspacesInit1764000000000, WorkspaceInvitations1764100000000, WorkspaceRoles1764200000000],
  permissions: workspacesPermissions,
  dataInventory: workspacesDataInventory,
  retention: workspacesRetention,
  hooks: { onSeedDemo: seedWorkspacesDemo },
});
