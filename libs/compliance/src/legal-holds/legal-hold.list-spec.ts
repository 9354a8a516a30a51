import type { ListQuerySpec } from '@quire/core';
import { LEGAL_HOLD_SCOPES } from './entities/legal-hold.entity';

/** What a client may filter and sort in a list of legal holds. `active` is `releasedAt` being null. */
export const legalHoldListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true },
    scope: { type: 'enum', enumValues: LEGAL_HOLD_SCOPES, column: 'scope', filterable: true, sortable: true },
    workspaceId: { type: 'uuid', column: 'workspaceId', filterable: true },
    userId: { type: 'uuid', column: 'userId', filterable: true },
    placedAt: { type: 'datetime', column: 'placedAt', filterable: true, sortable: true },
    releasedAt: { type: 'datetime', column: 'releasedAt', filterable: true, sortable: true },
  },
  extraParams: ['active'],
  defaultSort: '-placedAt',
  tieBreaker: 'id',
  defaultPageSize: 50,
  maxPageSize: 200,
};
