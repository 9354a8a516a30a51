import type { ListQuerySpec } from '@quire/core';

/** GET /system-logs: what platform administrators may filter, sort and select. */
export const systemLogListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    occurredAt: { type: 'datetime', column: 'occurredAt', filterable: true, sortable: true, selectable: true },
    method: { type: 'text', column: 'method', filterable: true, selectable: true },
    route: { type: 'text', column: 'route', filterable: true, sortable: true, selectable: true },
    status: { type: 'integer', column: 'status', filterable: true, sortable: true, selectable: true },
    durationMs: { type: 'integer', column: 'durationMs', filterable: true, sortable: true, selectable: true },
    actorType: { type: 'text', column: 'actorType', filterable: true, selectable: true },
    actorId: { type: 'uuid', column: 'actorId', filterable: true, selectable: true },
    impersonatorId: { type: 'uuid', column: 'impersonatorId', filterable: true, selectable: true },
    workspaceId: { type: 'uuid', column: 'workspaceId', filterable: true, selectable: true },
    ip: { type: 'text', column: 'ip', filterable: true, selectable: true },
    userAgent: { type: 'text', column: 'userAgent', filterable: true, selectable: true },
    requestId: { type: 'text', column: 'requestId', filterable: true, selectable: true },
    rateLimited: { type: 'boolean', column: 'rateLimited', filterable: true, selectable: true },
    errorCode: { type: 'text', column: 'errorCode', filterable: true, selectable: true },
    incidentId: { type: 'uuid', column: 'incidentId', filterable: true, selectable: true },
  },
  defaultSort: '-occurredAt',
  tieBreaker: 'id',
  defaultPageSize: 50,
  maxPageSize: 500,
};

/** GET /system-logs/incidents. */
export const incidentListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    openedAt: { type: 'datetime', column: 'openedAt', filterable: true, sortable: true, selectable: true },
    closedAt: { type: 'datetime', column: 'closedAt', filterable: true, sortable: true, selectable: true },
    openedBy: { type: 'uuid', column: 'openedBy', filterable: true, selectable: true },
    from: { type: 'datetime', column: 'from', filterable: true, sortable: true, selectable: true },
    until: { type: 'datetime', column: 'until', filterable: true, sortable: true, selectable: true },
  },
  defaultSort: '-openedAt',
  tieBreaker: 'id',
  defaultPageSize: 50,
  maxPageSize: 200,
};
