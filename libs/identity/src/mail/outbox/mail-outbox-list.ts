import type { ListQuerySpec } from '@quire/core';

/** GET /admin/mail: what platform administrators may filter and sort in the mail outbox. */
export const mailOutboxListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    recipient: { type: 'text', column: 'recipient', filterable: true, sortable: true, selectable: true },
    template: { type: 'text', column: 'template', filterable: true, sortable: true, selectable: true },
    subject: { type: 'text', column: 'subject', filterable: true, selectable: true },
    status: { type: 'text', column: 'status', filterable: true, sortable: true, selectable: true },
    createdAt: { type: 'datetime', column: 'createdAt', filterable: true, sortable: true, selectable: true },
    sentAt: { type: 'datetime', column: 'sentAt', filterable: true, sortable: true, selectable: true },
  },
  defaultSort: '-createdAt',
  tieBreaker: 'id',
  defaultPageSize: 20,
  maxPageSize: 100,
};
