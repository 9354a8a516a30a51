import type { DataInventoryEntry } from '@quire/core';

/**
 * Entries are the workspace's own content; they may mention people, and they record who wrote and changed them.
 * Erasure of a member anonymizes the authorship columns; the content itself belongs to the workspace.
 */
export const contentDataInventory: DataInventoryEntry[] = [
  {
    table: 'content_entries',
    subjectColumn: 'created_by',
    fields: [
      { column: 'created_by', category: 'identity', description: 'Member who created the entry' },
      { column: 'updated_by', category: 'identity', description: 'Member who last changed the entry' },
      { column: 'deleted_by', category: 'identity', description: 'Member who moved the entry to trash' },
      { column: 'shared_data', category: 'content', description: 'Entry values that may mention people' },
    ],
    purpose: 'Store and deliver the content a workspace models',
    legalBasis: 'contract',
    retention: "Until deleted; trashed entries are erased after the plan's trash retention (14 or 60 days)",
    onErasure: 'anonymize',
  },
  {
    table: 'content_entry_locales',
    subjectColumn: 'published_by',
    fields: [
      { column: 'published_by', category: 'identity', description: 'Member who published the locale' },
      { column: 'draft_data', category: 'content', description: 'Localized values that may mention people' },
      { column: 'published_data', category: 'content', description: 'Published values that may mention people' },
    ],
    purpose: 'Store and deliver the content a workspace models',
    legalBasis: 'contract',
    retention: 'With its entry',
    onErasure: 'anonymize',
  },
  {
    table: 'content_revisions',
    subjectColumn: 'actor_id',
    fields: [
      { column: 'actor_id', category: 'identity', description: 'Who made the change the revision records' },
      { column: 'snapshot', category: 'content', description: 'The entry as it was after the change' },
    ],
    purpose: 'Entry history: who changed what, and restoring earlier versions',
    legalBasis: 'legitimate-interest',
    retention: "With its entry; the oldest beyond the type's revision cap are deleted on save",
    onErasure: 'anonymize',
  },
  {
    table: 'content_schedules',
    subjectColumn: 'created_by',
    fields: [{ column: 'created_by', category: 'identity', description: 'Member who scheduled the publish' }],
    purpose: 'Publishing and unpublishing entries at a chosen time',
    legalBasis: 'contract',
    retention: 'With its entry',
    onErasure: 'anonymize',
  },
  {
    table: 'content_releases',
    subjectColumn: 'created_by',
    fields: [{ column: 'created_by', category: 'identity', description: 'Member who created the release' }],
    purpose: 'Publishing and unpublishing entries together at a chosen time',
    legalBasis: 'contract',
    retention: 'Until the workspace is deleted',
    onErasure: 'anonymize',
  },
  {
    table: 'content_entry_locks',
    subjectColumn: 'holder_user_id',
    fields: [
      { column: 'holder_user_id', category: 'identity', description: 'Member editing the entry' },
      { column: 'holder_session_id', category: 'identity', description: 'Sign-in session the editor works in' },
    ],
    purpose: 'Show who is editing an entry, so that two members do not overwrite each other',
    legalBasis: 'legitimate-interest',
    retention: 'Minutes (the lock TTL); expired rows are erased a day later',
    onErasure: 'delete',
  },
  {
    table: 'content_preview_tokens',
    subjectColumn: 'created_by',
    fields: [{ column: 'created_by', category: 'identity', description: 'Member who minted the preview token' }],
    purpose: 'Let editors preview drafts on the website before publishing',
    legalBasis: 'contract',
    retention: 'Until the token expires (at most an hour); erased a day after',
    onErasure: 'delete',
  },
  {
    table: 'content_types',
    subjectColumn: 'created_by',
    fields: [{ column: 'created_by', category: 'identity', description: 'Member who created the type' }],
    purpose: "The workspace's content model",
    legalBasis: 'contract',
    retention: 'Until the type is deleted',
    onErasure: 'anonymize',
  },
  {
    table: 'content_type_versions',
    subjectColumn: 'actor_id',
    fields: [{ column: 'actor_id', category: 'identity', description: 'Who changed the content model' }],
    purpose: 'History of the content model',
    legalBasis: 'legitimate-interest',
    retention: 'With its type',
    onErasure: 'anonymize',
  },
];
