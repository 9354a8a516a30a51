import { Module } from '@nestjs/common';
import { IdentityModule } from '@quire/identity';
import { InvitationMailer } from './invitations/invitation-mailer';
import { InvitationMembership } from './invitations/invitation-membership';
import { InvitationService } from './invitations/invitation.service';
import { InvitationsController } from './invitations/invitations.controller';
import { InviteeController } from './invitations/invitee.controller';
import { InviteeService } from './invitations/invitee.service';
import { MemberService } from './members/member.service';
import { MembersController } from './members/members.controller';
import { WorkspaceAdminController } from './platform-admin/workspace-admin.controller';
import { WorkspaceAdminService } from './platform-admin/workspace-admin.service';
import { RoleAssignment } from './roles/role-assignment';
import { RoleRules } from './roles/role-rules';
import { PermissionCatalog } from './roles/permission-catalog';
import { PermissionCatalogController } from './roles/permission-catalog.controller';
import { RoleService } from './roles/role.service';
import { RolesController } from './roles/roles.controller';
import { WorkspaceSettingsModule } from './settings/settings.module';
import { TeamService } from './teams/team.service';
import { TeamsController } from './teams/teams.controller';
import { WorkspaceService } from './workspaces/workspace.service';
import { WorkspacesController } from './workspaces/workspaces.controller';
import { MyAbilityController } from './workspaces/my-ability.controller';
import { WorkspacesResolver } from './workspaces/workspaces.resolver';

@Module({
  // IdentityModule: invitations mail through identity and create accounts with its rules (sign-up by invitation).
  imports: [WorkspaceSettingsModule, IdentityModule],
  controllers: [
    WorkspacesController,
    MembersController,
    TeamsController,
    RolesController,
    PermissionCatalogController,
    MyAbilityController,
    WorkspaceAdminController,
    InvitationsController,
    InviteeController,
  ],
  providers: [
    RoleRules,
    RoleAssignment,
    PermissionCatalog,
    RoleService,
    WorkspacesResolver,
    WorkspaceService,
    MemberService,
    TeamService,
    WorkspaceAdminService,
    InvitationMembership,
    InvitationMailer,
    InvitationService,
    InviteeService,
  ],
})
export class WorkspacesModule {}
