import { definePermissions } from '@quire/core';

export const CONTENT_TYPE_SUBJECT = 'ContentType';
export const ENTRY_SUBJECT = 'Entry';
/** What a delivery API key holds (`read:PublishedEntry`): published content of every type, nothing else. */
export const PUBLISHED_ENTRY_SUBJECT = 'PublishedEntry';
/** Editorial workflows of a workspace (stages, transitions, approvals, publish gate). */
export const WORKFLOW_SUBJECT = 'Workflow';
/** The workspace's labels for entries (attaching one to an entry is an `update` of the entry). */
export const CONTENT_LABEL_SUBJECT = 'ContentLabel';
/** Comments on entries; members edit and delete their own (`authorId`), owners and admins any. */
export const ENTRY_COMMENT_SUBJECT = 'EntryComment';

/**
 * Owners and admins model types and manage all content; editors manage all entries (publish included) and read
 * types; authors write their own entries but do not publish; reviewers and viewers read. The auditor reads no
 * content. `publish` covers publish and unpublish; `restore` covers revision restore and taking out of trash.
 * Workflow: owners and admins manage workflows and labels; editors manage labels; editors and reviewers `approve`
 * entries, editors `assign` them; members who write entries (and reviewers) comment, editing their own comments.
 */
export const contentPermissions = definePermissions({
  subjects: [
    CONTENT_TYPE_SUBJECT,
    ENTRY_SUBJECT,
    PUBLISHED_ENTRY_SUBJECT,
    WORKFLOW_SUBJECT,
    CONTENT_LABEL_SUBJECT,
    ENTRY_COMMENT_SUBJECT,
  ],
  actions: ['read', 'create', 'update', 'delete', 'publish', 'restore', 'approve', 'assign'],
  grants: {
    owner: [
      {
        action: 'manage',
        subject: [
          CONTENT_TYPE_SUBJECT,
          ENTRY_SUBJECT,
          PUBLISHED_ENTRY_SUBJECT,
          WORKFLOW_SUBJECT,
          CONTENT_LABEL_SUBJECT,
          ENTRY_COMMENT_SUBJECT,
        ],
      },
    ],
    admin: [
      {
        action: 'manage',
        subject: [
          CONTENT_TYPE_SUBJECT,
          ENTRY_SUBJECT,
          PUBLISHED_ENTRY_SUBJECT,
          WORKFLOW_SUBJECT,
          CONTENT_LABEL_SUBJECT,
          ENTRY_COMMENT_SUBJECT,
        ],
      },
    ],
    editor: [
      { action: 'read', subject: [CONTENT_TYPE_SUBJECT, PUBLISHED_ENTRY_SUBJECT, WORKFLOW_SUBJECT] },
      {
        action: ['read', 'create', 'update', 'delete', 'publish', 'restore', 'approve', 'assign'],
        subject: ENTRY_SUBJECT,
      },
      { action: ['read', 'create', 'update', 'delete'], subject: CONTENT_LABEL_SUBJECT },
      { action: ['read', 'create'], subject: ENTRY_COMMENT_SUBJECT },
      { action: ['update', 'delete'], subject: ENTRY_COMMENT_SUBJECT, conditions: { authorId: '{{actor.id}}' } },
    ],
    author: [
      { action: 'read', subject: [CONTENT_TYPE_SUBJECT, PUBLISHED_ENTRY_SUBJECT, WORKFLOW_SUBJECT] },
      { action: ['read', 'create'], subject: ENTRY_SUBJECT },
      { action: ['update', 'delete', 'restore'], subject: ENTRY_SUBJECT, conditions: { createdById: '{{actor.id}}' } },
      { action: 'read', subject: CONTENT_LABEL_SUBJECT },
      { action: ['read', 'create'], subject: ENTRY_COMMENT_SUBJECT },
      { action: ['update', 'delete'], subject: ENTRY_COMMENT_SUBJECT, conditions: { authorId: '{{actor.id}}' } },
    ],
    reviewer: [
      { action: 'read', subject: [CONTENT_TYPE_SUBJECT, ENTRY_SUBJECT, PUBLISHED_ENTRY_SUBJECT, WORKFLOW_SUBJECT] },
      { action: 'approve', subject: ENTRY_SUBJECT },
      { action: 'read', subject: CONTENT_LABEL_SUBJECT },
      { action: ['read', 'create'], subject: ENTRY_COMMENT_SUBJECT },
      { action: ['update', 'delete'], subject: ENTRY_COMMENT_SUBJECT, conditions: { authorId: '{{actor.id}}' } },
    ],
    viewer: [
      { action: 'read', subject: [CONTENT_TYPE_SUBJECT, ENTRY_SUBJECT, PUBLISHED_ENTRY_SUBJECT] },
      { action: 'read', subject: [CONTENT_LABEL_SUBJECT, ENTRY_COMMENT_SUBJECT] },
    ],
  },
  // Checked per entry with ability.can(action, subject('Entry', { contentType, createdById })) and as SQL in lists.
  subjectFields: {
    [ENTRY_SUBJECT]: { conditions: ['contentType', 'createdById'] },
    [CONTENT_TYPE_SUBJECT]: { conditions: ['apiId'] },
    [ENTRY_COMMENT_SUBJECT]: { conditions: ['authorId'] },
  },
});
