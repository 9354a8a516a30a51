import type { ListQuerySpec } from '@quire/core';
import { INVITATION_STATUS_SQL, INVITATION_STATUSES } from './invitation-status';

/** GET /workspaces/{workspace}/invitations: what may be filtered, sorted and selected; anything else is a 400. */
export const invitationListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    email: { type: 'text', column: 'email', filterable: true, sortable: true, selectable: true },
    role: { type: 'text', column: 'role', filterable: true, sortable: true, selectable: true },
    teamId: { type: 'uuid', column: 'teamId', filterable: true, selectable: true },
    status: {
      type: 'enum',
      column: INVITATION_STATUS_SQL,
      enumValues: INVITATION_STATUSES,
      filterable: true,
      sortable: true,
      selectable: true,
    },
    invitedBy: { type: 'uuid', column: 'invitedBy', filterable: true, selectable: true },
    expiresAt: { type: 'datetime', column: 'expiresAt', filterable: true, sortable: true, selectable: true },
    respondedAt: { type: 'datetime', column: 'respondedAt', filterable: true, sortable: true, selectable: true },
    acceptedUserId: { type: 'uuid', column: 'acceptedUserId', filterable: true, selectable: true },
    createdAt: { type: 'datetime', column: 'createdAt', filterable: true, sortable: true, selectable: true },
  },
  defaultSort: '-createdAt',
  tieBreaker: 'id',
  defaultPageSize: 20,
  maxPageSize: 100,
};

/** Condition fields of `Invitation` (custom roles may narrow by them) → columns, for the list's SQL. */
export const invitationPermissionFields = { role: 'role', teamId: 'teamId' };
