import type { ListQuerySpec } from '@quire/core';
import { REQUEST_STATUSES, REQUEST_TYPES } from './data-subject-request.types';

/** What a client may filter and sort in a list of data-subject requests. */
export const dataSubjectRequestListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    userId: { type: 'uuid', column: 'userId', filterable: true, selectable: true },
    type: {
      type: 'enum',
      column: 'type',
      enumValues: REQUEST_TYPES,
      filterable: true,
      sortable: true,
      selectable: true,
    },
    status: {
      type: 'enum',
      column: 'status',
      enumValues: REQUEST_STATUSES,
      filterable: true,
      sortable: true,
      selectable: true,
    },
    channel: { type: 'text', column: 'channel', filterable: true, selectable: true },
    dueAt: { type: 'datetime', column: 'dueAt', filterable: true, sortable: true, selectable: true },
    createdAt: { type: 'datetime', column: 'createdAt', filterable: true, sortable: true, selectable: true },
    completedAt: { type: 'datetime', column: 'completedAt', filterable: true, sortable: true, selectable: true },
    // Open and past due: the same rule as the responses' `overdue`.
    overdue: {
      type: 'boolean',
      column: `({alias}.status IN ('awaiting-verification', 'verified', 'in-progress') AND {alias}.due_at < now())`,
      filterable: true,
      selectable: true,
    },
  },
  defaultSort: 'dueAt',
  tieBreaker: 'id',
  defaultPageSize: 50,
  maxPageSize: 200,
};
