import type { PublicEventDeclaration } from '@quire/core';

/**
 * The media events offered to outside systems (webhooks): what a site build, a search index or a CDN needs to follow
 * the library. Payloads name assets and folders by id; a receiver reads names and metadata through the API.
 */
export const mediaPublicEvents: PublicEventDeclaration[] = [
  {
    name: 'media.asset.uploaded',
    description: 'A new asset was uploaded (assetId, mimeType, kind, size, folderId, visibility)',
  },
  {
    name: 'media.asset.updated',
    description:
      'Metadata of an asset changed (assetId, changed: title, altText, …; previousPublicUrl when a public URL was retired)',
  },
  { name: 'media.asset.moved', description: 'An asset moved to another folder (assetId, fromFolderId, toFolderId)' },
  {
    name: 'media.asset.deleted',
    description:
      'An asset was deleted with its file and variants (assetId, mimeType, visibility, publicUrl to purge from a CDN)',
  },
  { name: 'media.folder.created', description: 'A media folder was created (folderId, parentId)' },
  { name: 'media.folder.updated', description: 'A media folder was renamed (folderId)' },
  { name: 'media.folder.moved', description: 'A media folder moved (folderId, fromParentId, toParentId)' },
  { name: 'media.folder.deleted', description: 'A media folder was deleted (folderId, recursive)' },
];
