import type { ListQuerySpec } from '@quire/core';
import { MEDIA_KINDS } from '../upload/media-types';

/**
 * GET /workspaces/{workspace}/media: what may be filtered, sorted and selected; anything else is a 400. `tags` is
 * an array: `eq` means "has this tag", `in` "has any of these", `ne` "does not have it", `contains` "a tag
 * contains the text", `null=true` "has no tags" (AssetStore translates them).
 */
export const assetListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    fileName: { type: 'text', column: 'fileName', filterable: true, sortable: true, selectable: true },
    title: { type: 'text', column: 'title', filterable: true, sortable: true, selectable: true },
    altText: { type: 'text', column: 'altText', filterable: true, selectable: true },
    caption: { type: 'text', column: 'caption', filterable: true, selectable: true },
    mimeType: { type: 'string', column: 'mimeType', filterable: true, sortable: true, selectable: true },
    kind: {
      type: 'enum',
      column: 'kind',
      enumValues: MEDIA_KINDS,
      filterable: true,
      sortable: true,
      selectable: true,
    },
    size: { type: 'integer', column: 'sizeBytes', filterable: true, sortable: true, selectable: true },
    width: { type: 'integer', column: 'width', filterable: true, sortable: true, selectable: true },
    height: { type: 'integer', column: 'height', filterable: true, sortable: true, selectable: true },
    durationMs: { type: 'integer', column: 'durationMs', selectable: true },
    checksum: { type: 'string', column: 'checksumSha256', filterable: true, selectable: true },
    focalPoint: { type: 'number', column: 'focalX', selectable: true },
    folderId: { type: 'uuid', column: 'folderId', filterable: true, selectable: true },
    tags: { type: 'string', column: 'tags', filterable: true, selectable: true },
    visibility: {
      type: 'enum',
      column: 'visibility',
      enumValues: ['public', 'private'],
      filterable: true,
      selectable: true,
    },
    imageMetadataKept: { type: 'boolean', column: 'exifKept', filterable: true, selectable: true },
    uploadedBy: { type: 'uuid', column: 'uploadedBy', filterable: true, selectable: true },
    url: { type: 'string', column: 'id', selectable: true },
    fileUrl: { type: 'string', column: 'id', selectable: true },
    variants: { type: 'string', column: 'id', selectable: true },
    createdAt: { type: 'datetime', column: 'createdAt', filterable: true, sortable: true, selectable: true },
    updatedAt: { type: 'datetime', column: 'updatedAt', filterable: true, sortable: true, selectable: true },
  },
  extraParams: ['q'],
  defaultSort: '-createdAt',
  tieBreaker: 'id',
  defaultPageSize: 20,
  maxPageSize: 100,
};

/** The longest `q` (search in file name, title, alt text and caption). */
export const MAX_SEARCH_LENGTH = 200;
