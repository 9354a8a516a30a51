import type { ScheduleResponse } from './dto/schedule.response';

export const SCHEDULE_ACTIONS = ['publish', 'unpublish'] as const;
export type ScheduleAction = (typeof SCHEDULE_ACTIONS)[number];

export const SCHEDULE_STATUSES = ['pending', 'done', 'failed', 'cancelled'] as const;

/** A row of content_schedules as SQL returns it. */
export interface ScheduleRow {
  id: string;
  entry_id: string;
  locale: string;
  action: ScheduleAction;
  run_at: Date;
  status: string;
  created_by: string | null;
  created_at: Date;
  executed_at: Date | null;
  error: Record<string, unknown> | null;
}

export const SCHEDULE_COLUMNS =
  'id, entry_id, locale, action, run_at, status, created_by, created_at, executed_at, error';

export function toScheduleResponse(row: ScheduleRow): ScheduleResponse {
  return {
    id: row.id,
    entryId: row.entry_id,
    locale: row.locale,
    action: row.action,
    runAt: row.run_at.toISOString(),
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    executedAt: row.executed_at?.toISOString() ?? null,
    error: row.error,
  };
}
