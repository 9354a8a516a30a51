import type { PermissionDeclaration } from '@quire/core';

/**
 * SSO settings of a workspace: its connections and its verified email domains. Managing them decides who can
 * sign in and join the workspace, so only owners and admins hold it by default.
 */
export const ssoPermissions: PermissionDeclaration = {
  subjects: ['SsoConnection', 'SsoDomain'],
  actions: [],
  grants: {
    owner: [{ action: 'manage', subject: ['SsoConnection', 'SsoDomain'] }],
    admin: [{ action: 'manage', subject: ['SsoConnection', 'SsoDomain'] }],
  },
};
