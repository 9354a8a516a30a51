import { definePermissions } from '@quire/core';

export const CONTENT_TYPE_SUBJECT = 'ContentType';
export const ENTRY_SUBJECT = 'Entry';
/** What a delivery API key holds (`read:PublishedEntry`): published content of every type, nothing else. */
export const PUBLISHED_ENTRY_SUBJECT = 'PublishedEntry';

/**
 * Owners and admins model types and manage all content; editors manage all entries (publish included) and read
 * types; authors write their own entries but do not publish; reviewers and viewers read. The auditor reads no
 * content. `publish` covers publish and unpublish; `restore` covers revision restore and taking out of trash.
 */
export const contentPermissions = definePermissions({
  subjects: [CONTENT_TYPE_SUBJECT, ENTRY_SUBJECT, PUBLISHED_ENTRY_SUBJECT],
  actions: ['read', 'create', 'update', 'delete', 'publish', 'restore'],
  grants: {
    owner: [{ action: 'manage', subject: [CONTENT_TYPE_SUBJECT, ENTRY_SUBJECT, PUBLISHED_ENTRY_SUBJECT] }],
    admin: [{ action: 'manage', subject: [CONTENT_TYPE_SUBJECT, ENTRY_SUBJECT, PUBLISHED_ENTRY_SUBJECT] }],
    editor: [
      { action: 'read', subject: [CONTENT_TYPE_SUBJECT, PUBLISHED_ENTRY_SUBJECT] },
      { action: ['read', 'create', 'update', 'delete', 'publish', 'restore'], subject: ENTRY_SUBJECT },
    ],
    author: [
      { action: 'read', subject: [CONTENT_TYPE_SUBJECT, PUBLISHED_ENTRY_SUBJECT] },
      { action: ['read', 'create'], subject: ENTRY_SUBJECT },
      { action: ['update', 'delete', 'restore'], subject: ENTRY_SUBJECT, conditions: { createdById: '{{actor.id}}' } },
    ],
    reviewer: [{ action: 'read', subject: [CONTENT_TYPE_SUBJECT, ENTRY_SUBJECT, PUBLISHED_ENTRY_SUBJECT] }],
    viewer: [{ action: 'read', subject: [CONTENT_TYPE_SUBJECT, ENTRY_SUBJECT, PUBLISHED_ENTRY_SUBJECT] }],
  },
  // Checked per entry with ability.can(action, subject('Entry', { contentType, createdById })) and as SQL in lists.
  subjectFields: {
    [ENTRY_SUBJECT]: { conditions: ['contentType', 'createdById'] },
    [CONTENT_TYPE_SUBJECT]: { conditions: ['apiId'] },
  },
});
