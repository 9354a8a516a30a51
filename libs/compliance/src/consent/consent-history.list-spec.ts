import type { ListQuerySpec } from '@quire/core';

/** A user's consent history: what may be filtered, sorted and selected; newest first by default. */
export const consentHistoryListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', selectable: true },
    purpose: { type: 'text', column: 'purpose', filterable: true, sortable: true, selectable: true },
    granted: { type: 'boolean', column: 'granted', filterable: true, selectable: true },
    source: { type: 'text', column: 'source', filterable: true, selectable: true },
    occurredAt: { type: 'datetime', column: 'occurredAt', filterable: true, sortable: true, selectable: true },
    recordedBy: { type: 'text', column: 'actorId', filterable: true, selectable: true },
    ip: { type: 'text', column: 'ip', selectable: true },
    userAgent: { type: 'text', column: 'userAgent', selectable: true },
  },
  defaultSort: '-occurredAt',
  tieBreaker: 'id',
  defaultPageSize: 50,
  maxPageSize: 200,
};
