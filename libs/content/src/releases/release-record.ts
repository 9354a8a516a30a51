import type { ReleaseItemResponse, ReleaseResponse } from './dto/release.response';

export const RELEASE_ACTIONS = ['publish', 'unpublish'] as const;
export type ReleaseAction = (typeof RELEASE_ACTIONS)[number];

/** A release's items can change, and it can be scheduled or run, only while it is one of these. */
export const OPEN_RELEASE_STATUSES = ['pending', 'scheduled'];

/** A row of content_releases as SQL returns it. */
export interface ReleaseRow {
  id: string;
  name: string;
  scheduled_at: Date | null;
  time_zone: string | null;
  status: string;
  created_by: string | null;
  created_at: Date;
  executed_at: Date | null;
  error: Record<string, unknown> | null;
}

/** A row of content_release_items as SQL returns it. */
export interface ReleaseItemRow {
  id: string;
  release_id: string;
  entry_id: string;
  locale: string;
  action: ReleaseAction;
}

export const RELEASE_COLUMNS = 'id, name, scheduled_at, time_zone, status, created_by, created_at, executed_at, error';
export const RELEASE_ITEM_COLUMNS = 'id, release_id, entry_id, locale, action';

export function toReleaseItemResponse(row: ReleaseItemRow): ReleaseItemResponse {
  return { id: row.id, entryId: row.entry_id, locale: row.locale, action: row.action };
}

export function toReleaseResponse(row: ReleaseRow, items: ReleaseItemRow[]): ReleaseResponse {
  return {
    id: row.id,
    name: row.name,
    scheduledAt: row.scheduled_at?.toISOString() ?? null,
    timeZone: row.time_zone,
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    executedAt: row.executed_at?.toISOString() ?? null,
    error: row.error,
    items: items.filter((item) => item.release_id === row.id).map(toReleaseItemResponse),
  };
}
