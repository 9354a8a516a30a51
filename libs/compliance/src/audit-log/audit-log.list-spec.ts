import type { ListQuerySpec } from '@quire/core';

/** What a client may filter, sort and select in the audit log (and filter in its export). */
export const auditLogListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    sequence: { type: 'integer', column: 'sequence', filterable: true, sortable: true, selectable: true },
    eventId: { type: 'uuid', column: 'eventId', filterable: true, selectable: true },
    occurredAt: { type: 'datetime', column: 'occurredAt', filterable: true, sortable: true, selectable: true },
    actorType: { type: 'text', column: 'actorType', filterable: true, sortable: true, selectable: true },
    actorId: { type: 'text', column: 'actorId', filterable: true, sortable: true, selectable: true },
    impersonatorId: { type: 'uuid', column: 'impersonatorId', filterable: true, selectable: true },
    action: { type: 'text', column: 'action', filterable: true, sortable: true, selectable: true },
    subjectType: { type: 'text', column: 'subjectType', filterable: true, sortable: true, selectable: true },
    subjectId: { type: 'text', column: 'subjectId', filterable: true, selectable: true },
    requestId: { type: 'text', column: 'requestId', filterable: true, selectable: true },
    ip: { type: 'text', column: 'ip', filterable: true, selectable: true },
    userAgent: { type: 'text', column: 'userAgent', selectable: true },
    changes: { type: 'text', column: 'changes', selectable: true },
    prevHash: { type: 'text', column: 'prevHash', selectable: true },
    hash: { type: 'text', column: 'hash', selectable: true },
  },
  defaultSort: '-sequence',
  tieBreaker: 'id',
  defaultPageSize: 50,
  maxPageSize: 200,
};
