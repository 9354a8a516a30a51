import type { ListQuerySpec } from '@quire/core';

/** GET /admin/users: what platform administrators may filter, sort and select; anything else is a 400. */
export const adminUserListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    email: { type: 'text', column: 'email', filterable: true, sortable: true, selectable: true },
    displayName: { type: 'text', column: 'displayName', filterable: true, sortable: true, selectable: true },
    emailVerified: {
      type: 'boolean',
      column: '({alias}.email_verified_at IS NOT NULL)',
      filterable: true,
      selectable: true,
    },
    twoFactorEnabled: {
      type: 'boolean',
      column: '({alias}.totp_enabled_at IS NOT NULL)',
      filterable: true,
      selectable: true,
    },
    platformAdmin: { type: 'boolean', column: 'platformAdmin', filterable: true, sortable: true, selectable: true },
    closedAt: { type: 'datetime', column: 'closedAt', filterable: true, sortable: true, selectable: true },
    createdAt: { type: 'datetime', column: 'createdAt', filterable: true, sortable: true, selectable: true },
  },
  defaultSort: '-createdAt',
  tieBreaker: 'id',
  defaultPageSize: 20,
  maxPageSize: 100,
};
