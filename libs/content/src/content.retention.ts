import type { RetentionPolicy } from '@quire/core';
import { TrashPurgeExecutor } from './trash/trash-purge.executor';

/**
 * Trashed entries are erased after the workspace plan's trash retention (14 days on Free, 60 on Scale, from
 * ContentOptions.trashRetentionDays until billing supplies plans). Run by the compliance retention engine; the
 * TrashPurgeExecutor publishes content.entry.purged and bumps the delivery generation.
 */
export const contentRetention: RetentionPolicy[] = [
  {
    name: 'content.trashed-entries',
    table: 'content_entries',
    ageColumn: 'deleted_at',
    condition: 'deleted_at IS NOT NULL',
    action: 'delete',
    keep: { plan: 'content.trashRetentionDays', defaultDays: 14 },
    workspaceColumn: 'workspace_id',
    userColumn: 'created_by',
    executor: TrashPurgeExecutor,
    description: "Entries in the trash are erased, with their locales and revisions, after the plan's trash retention",
  },
  {
    name: 'content.expired-entry-locks',
    table: 'content_entry_locks',
    ageColumn: 'expires_at',
    action: 'delete',
    workspaceColumn: 'workspace_id',
    userColumn: 'holder_user_id',
    keep: { days: 1 },
    description: 'Entry locks expired for more than a day are erased (an expired lock already counts as free)',
  },
  {
    name: 'content.expired-preview-tokens',
    table: 'content_preview_tokens',
    ageColumn: 'expires_at',
    action: 'delete',
    workspaceColumn: 'workspace_id',
    userColumn: 'created_by',
    keep: { days: 1 },
    description: 'Preview tokens are erased a day after they expire (they are never served once expired)',
  },
];
