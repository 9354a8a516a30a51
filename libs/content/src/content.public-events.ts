import type { PublicEventDeclaration } from '@quire/core';

/**
 * The content events offered to outside systems (webhooks): what a site build, a search index or a cache needs to
 * follow the content. Payloads name records by id (entries, types, releases) and never carry field values; a
 * receiver reads what it needs through the API. Locks and schedules stay internal: they change no content.
 */
export const contentPublicEvents: PublicEventDeclaration[] = [
  {
    name: 'content.type.created',
    description: 'A content type was created (contentTypeId, apiId, kind, version)',
  },
  {
    name: 'content.type.updated',
    description: 'A content type changed (contentTypeId, apiId, version, changes, migrated entries)',
  },
  { name: 'content.type.deleted', description: 'A content type was deleted (contentTypeId, apiId)' },
  {
    name: 'content.schema.applied',
    description: 'A schema snapshot was applied to the workspace (created, updated, deleted type apiIds)',
  },
  {
    name: 'content.entry.created',
    description: 'An entry was created (entryId, contentType, locale, revision)',
  },
  {
    name: 'content.entry.updated',
    description: 'An entry draft changed (entryId, contentType, locale or null for shared fields, changed paths)',
  },
  {
    name: 'content.entry.media-removed',
    description:
      'A deleted media asset was removed from an entry, its drafts and published versions (entryId, contentType, ' +
      'assetId, revision, fields, publishedLocales)',
  },
  {
    name: 'content.entry.published',
    description: 'A locale of an entry was published (entryId, contentType, locale, revision)',
  },
  {
    name: 'content.entry.unpublished',
    description: 'A locale of an entry was unpublished (entryId, contentType, locale)',
  },
  {
    name: 'content.entry.translated',
    description: 'A locale version was added to an entry (entryId, contentType, locale, from)',
  },
  {
    name: 'content.entry.revision-restored',
    description: 'An earlier revision of an entry was restored as its draft (entryId, contentType, restoredFrom)',
  },
  {
    name: 'content.entry.stage-changed',
    description:
      'A locale of an entry moved to another workflow stage (entryId, contentType, locale, workflowId, from, to)',
  },
  {
    name: 'content.entry.approved',
    description:
      'A reviewer approved a locale of an entry in its workflow stage (entryId, contentType, locale, workflowId, stage, revision, approverId)',
  },
  { name: 'content.entry.deleted', description: 'An entry was moved to the trash (entryId, contentType)' },
  { name: 'content.entry.restored', description: 'An entry was taken out of the trash (entryId, contentType)' },
  {
    name: 'content.entry.purged',
    description: 'An entry was deleted for good, by a member or by the trash purge (entryId, contentType, purged)',
  },
  { name: 'content.release.created', description: 'A release was created (releaseId, name)' },
  {
    name: 'content.release.scheduled',
    description: 'A release was scheduled (releaseId, scheduledAt instant, timeZone)',
  },
  {
    name: 'content.release.published',
    description: 'A release ran: all its items were published or unpublished together (releaseId, items)',
  },
  {
    name: 'content.release.failed',
    description: 'A release could not run; nothing was published (releaseId, failures)',
  },
  { name: 'content.release.cancelled', description: 'A release was cancelled (releaseId)' },
  {
    name: 'content.import.completed',
    description: 'An import of types and entries finished (contentTypes, entries)',
  },
];
