import type { ListQuerySpec } from '@quire/core';

/** GET /admin/workspaces: what platform administrators may filter, sort and select; anything else is a 400. */
export const adminWorkspaceListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    name: { type: 'text', column: 'name', filterable: true, sortable: true, selectable: true },
    slug: { type: 'text', column: 'slug', filterable: true, sortable: true, selectable: true },
    status: { type: 'text', column: 'status', filterable: true, sortable: true, selectable: true },
    plan: { type: 'text', column: 'plan', filterable: true, sortable: true, selectable: true },
    closedAt: { type: 'datetime', column: 'closedAt', filterable: true, sortable: true, selectable: true },
    createdAt: { type: 'datetime', column: 'createdAt', filterable: true, sortable: true, selectable: true },
  },
  defaultSort: '-createdAt',
  tieBreaker: 'id',
  defaultPageSize: 20,
  maxPageSize: 100,
};
