import type { ListQuerySpec } from '@quire/core';

/** GET /workspaces/{workspace}/media-folders: e.g. `filter[parentId][null]=true` for the root's folders. */
export const folderListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    name: { type: 'text', column: 'name', filterable: true, sortable: true, selectable: true },
    parentId: { type: 'uuid', column: 'parentId', filterable: true, selectable: true },
    createdBy: { type: 'uuid', column: 'createdBy', filterable: true, selectable: true },
    createdAt: { type: 'datetime', column: 'createdAt', filterable: true, sortable: true, selectable: true },
    updatedAt: { type: 'datetime', column: 'updatedAt', filterable: true, sortable: true, selectable: true },
  },
  defaultSort: 'name',
  tieBreaker: 'id',
  defaultPageSize: 50,
  maxPageSize: 200,
};
