import { Module } from '@nestjs/common';
import { MemberService } from './members/member.service';
import { MembersController } from './members/members.controller';
import { WorkspaceAdminController } from './platform-admin/workspace-admin.controller';
import { WorkspaceAdminService } from './platform-admin/workspace-admin.service';
import { RoleAssignment } from './roles/role-assignment';
import { RoleRules } from './roles/role-rules';
import { TeamService } from './teams/team.service';
import { TeamsController } from './teams/teams.controller';
import { WorkspaceService } from './workspaces/workspace.service';
import { WorkspacesController } from './workspaces/workspaces.controller';
import { WorkspacesResolver } from './workspaces/workspaces.resolver';

@Module({
  controllers: [WorkspacesController, MembersController, TeamsController, WorkspaceAdminController],
  providers: [
    RoleRules,
    RoleAssignment,
    WorkspacesResolver,
    WorkspaceService,
    MemberService,
    TeamService,
    WorkspaceAdminService,
  ],
})
export class WorkspacesModule {}
