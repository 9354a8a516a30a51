import type { PermissionDeclaration } from '@quire/core';

/** The permission subject of a workspace's API keys. */
export const API_KEY_SUBJECT = 'ApiKey';

/** Who may see, create and revoke a workspace's API keys: owners and admins by default. */
export const apiKeyPermissions: PermissionDeclaration = {
  subjects: [API_KEY_SUBJECT],
  actions: ['read', 'create', 'delete'],
  grants: {
    owner: [{ action: 'manage', subject: API_KEY_SUBJECT }],
    admin: [{ action: 'manage', subject: API_KEY_SUBJECT }],
  },
};
