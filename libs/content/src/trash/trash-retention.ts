import type { ContentOptions } from '../content.options';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days a trashed entry is kept in a workspace on `plan`: the plan's own figure, or the installation's default. */
export function trashRetentionDays(options: Pick<ContentOptions, 'trashRetentionDays'>, plan: string): number {
  const days = options.trashRetentionDays;
  return Object.hasOwn(days, plan) ? days[plan] : days.default;
}

/** When the purge job erases an entry trashed at `deletedAt` in a workspace on `plan`. */
export function purgeAt(options: Pick<ContentOptions, 'trashRetentionDays'>, plan: string, deletedAt: Date): Date {
  return new Date(deletedAt.getTime() + trashRetentionDays(options, plan) * DAY_MS);
}
