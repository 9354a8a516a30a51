import { definePermissions, type PermissionRule } from '@quire/core';

export const WORKSPACE_SUBJECT = 'Workspace';
export const WORKSPACE_MEMBER_SUBJECT = 'WorkspaceMember';
export const TEAM_SUBJECT = 'Team';
export const ROLE_SUBJECT = 'Role';
export const INVITATION_SUBJECT = 'Invitation';

/**
 * Every member may leave: delete their own membership (the last owner is refused by the service). Every custom
 * role includes it too (RoleRules).
 */
export const leave: PermissionRule = {
  action: 'delete',
  subject: WORKSPACE_MEMBER_SUBJECT,
  conditions: { userId: '{{actor.id}}' },
};
const readWorkspaceAndMembers: PermissionRule[] = [
  { action: 'read', subject: [WORKSPACE_SUBJECT, WORKSPACE_MEMBER_SUBJECT, TEAM_SUBJECT, ROLE_SUBJECT] },
  leave,
];

/**
 * The workspace, its members, teams and roles. Owners hold everything (closing the workspace included); admins
 * edit it and manage members, teams and custom roles (never beyond what they hold themselves); every other role
 * reads them. Invitations are owners' and admins' only. The auditor reads the workspace only.
 */
export const workspacesPermissions = definePermissions({
  subjects: [WORKSPACE_SUBJECT, WORKSPACE_MEMBER_SUBJECT, TEAM_SUBJECT, ROLE_SUBJECT, INVITATION_SUBJECT],
  actions: ['read', 'create', 'update', 'delete'],
  grants: {
    owner: [
      {
        action: 'manage',
        subject: [WORKSPACE_SUBJECT, WORKSPACE_MEMBER_SUBJECT, TEAM_SUBJECT, ROLE_SUBJECT, INVITATION_SUBJECT],
      },
    ],
    admin: [
      { action: ['read', 'update'], subject: WORKSPACE_SUBJECT },
      { action: ['read', 'update', 'delete'], subject: WORKSPACE_MEMBER_SUBJECT },
      { action: 'manage', subject: [TEAM_SUBJECT, ROLE_SUBJECT, INVITATION_SUBJECT] },
    ],
    editor: readWorkspaceAndMembers,
    author: readWorkspaceAndMembers,
    reviewer: readWorkspaceAndMembers,
    viewer: readWorkspaceAndMembers,
    auditor: [{ action: 'read', subject: WORKSPACE_SUBJECT }, leave],
  },
  // What the services check per record and per field, hence what custom roles may narrow (docs/workspaces.md).
  subjectFields: {
    [WORKSPACE_SUBJECT]: {
      fields: ['name', 'slug', 'logoUrl', 'defaultLocale', 'enabledLocales', 'timeZone', 'settings'],
    },
    [WORKSPACE_MEMBER_SUBJECT]: { conditions: ['userId', 'role'] },
    [TEAM_SUBJECT]: { conditions: ['id', 'name'], fields: ['name', 'memberIds'] },
    // Invitations: checked per invitation (create, cancel, resend) and as SQL in the list.
    [INVITATION_SUBJECT]: { conditions: ['role', 'teamId'] },
  },
});
