import { definePermissions, type PermissionRule } from '@quire/core';

export const WORKSPACE_SUBJECT = 'Workspace';
export const WORKSPACE_MEMBER_SUBJECT = 'WorkspaceMember';
export const TEAM_SUBJECT = 'Team';

/** Every member may leave: delete their own membership (the last owner is refused by the service). */
const leave: PermissionRule = {
  action: 'delete',
  subject: WORKSPACE_MEMBER_SUBJECT,
  conditions: { userId: '{{actor.id}}' },
};
const readWorkspaceAndMembers: PermissionRule[] = [
  { action: 'read', subject: [WORKSPACE_SUBJECT, WORKSPACE_MEMBER_SUBJECT, TEAM_SUBJECT] },
  leave,
];

/**
 * The workspace, its members and teams. Owners hold everything (closing the workspace included); admins edit it
 * and manage members and teams; every other role reads them. The auditor reads the workspace only.
 */
export const workspacesPermissions = definePermissions({
  subjects: [WORKSPACE_SUBJECT, WORKSPACE_MEMBER_SUBJECT, TEAM_SUBJECT],
  actions: ['read', 'create', 'update', 'delete'],
  grants: {
    owner: [{ action: 'manage', subject: [WORKSPACE_SUBJECT, WORKSPACE_MEMBER_SUBJECT, TEAM_SUBJECT] }],
    admin: [
      { action: ['read', 'update'], subject: WORKSPACE_SUBJECT },
      { action: ['read', 'update', 'delete'], subject: WORKSPACE_MEMBER_SUBJECT },
      { action: 'manage', subject: TEAM_SUBJECT },
    ],
    editor: readWorkspaceAndMembers,
    author: readWorkspaceAndMembers,
    reviewer: readWorkspaceAndMembers,
    viewer: readWorkspaceAndMembers,
    auditor: [{ action: 'read', subject: WORKSPACE_SUBJECT }, leave],
  },
});
