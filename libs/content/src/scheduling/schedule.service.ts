import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, uuidv7, ValidationFailedError, type RequestContext } from '@quire/core';
import { EntryLocaleNotFoundError } from '../entries/entries.errors';
import { EntryAccess, type AccessibleEntry } from '../entries/entry-access';
import { actorUserId, EntryStore } from '../entries/entry-store';
import { assertEnabled, LocaleChain } from '../entries/locale-chain';
import type { ScheduleListResponse, ScheduleResponse } from './dto/schedule.response';
import { SCHEDULE_COLUMNS, toScheduleResponse, type ScheduleAction, type ScheduleRow } from './schedule-record';
import { ScheduleExistsError, ScheduleNotFoundError, ScheduleNotPendingError } from './scheduling.errors';

/**
 * A schedule must lie at least this far ahead: one in the past (or due before the request even commits) would
 * run as an immediate publish the member did not ask for.
 */
export const SCHEDULE_MIN_LEAD_SECONDS = 5;

export interface CreateScheduleInput {
  action: ScheduleAction;
  runAt: string;
}

/**
 * Schedules, lists and cancels the publish or unpublish of one locale of an entry. Reading the schedules needs the
 * right to read the entry; creating and cancelling them the right to publish it, as publishing now would.
 */
@Injectable()
export class ScheduleService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly access: EntryAccess,
    private readonly store: EntryStore,
    private readonly locales: LocaleChain,
  ) {}

  async list(ctx: RequestContext, entryId: string, locale: string): Promise<ScheduleListResponse> {
    await this.localeOf(ctx, entryId, locale, 'read');
    const rows: ScheduleRow[] = await this.db.manager(ctx).query(
      `SELECT ${SCHEDULE_COLUMNS} FROM content_schedules
        WHERE workspace_id = $1 AND entry_id = $2 AND locale = $3
        ORDER BY run_at DESC, id DESC`,
      [ctx.workspaceId, entryId, locale],
    );
    return { items: rows.map(toScheduleResponse) };
  }

  async create(
    ctx: RequestContext,
    entryId: string,
    locale: string,
    input: CreateScheduleInput,
  ): Promise<ScheduleResponse> {
    const runAt = new Date(input.runAt);
    if (Number.isNaN(runAt.getTime()) || runAt.getTime() < Date.now() + SCHEDULE_MIN_LEAD_SECONDS * 1000) {
      throw new ValidationFailedError([
        { path: 'runAt', message: `must be at least ${SCHEDULE_MIN_LEAD_SECONDS} seconds in the future` },
      ]);
    }
    return this.db.transaction(ctx, async (tx) => {
      // The entry's row lock serializes schedules of the entry, so the pending check below cannot race.
      const { type } = await this.localeOf(tx, entryId, locale, 'publish', true);
      const [pending]: Array<{ id: string }> = await this.db.manager(tx).query(
        `SELECT id FROM content_schedules
          WHERE workspace_id = $1 AND entry_id = $2 AND locale = $3 AND action = $4 AND status = 'pending'`,
        [tx.workspaceId, entryId, locale, input.action],
      );
      if (pending) throw new ScheduleExistsError(input.action, locale, pending.id);
      const [row]: ScheduleRow[] = await this.db.manager(tx).query(
        `INSERT INTO content_schedules (id, workspace_id, entry_id, locale, action, run_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING ${SCHEDULE_COLUMNS}`,
        [uuidv7(), tx.workspaceId, entryId, locale, input.action, runAt, actorUserId(tx)],
      );
      await this.events.publish(tx, 'content.entry.schedule-created', {
        scheduleId: row.id,
        entryId,
        contentType: type.apiId,
        locale,
        action: input.action,
        runAt: row.run_at.toISOString(),
      });
      return toScheduleResponse(row);
    });
  }

  async cancel(ctx: RequestContext, entryId: string, locale: string, scheduleId: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const { type } = await this.localeOf(tx, entryId, locale, 'publish', true);
      // Locks the row: the job, which holds due rows while it runs them, either ran it already or skips it now.
      const [row]: Array<{ status: string; action: string }> = await this.db.manager(tx).query(
        `SELECT status, action FROM content_schedules
          WHERE id = $1 AND workspace_id = $2 AND entry_id = $3 AND locale = $4
            FOR UPDATE`,
        [scheduleId, tx.workspaceId, entryId, locale],
      );
      if (!row) throw new ScheduleNotFoundError(scheduleId);
      if (row.status !== 'pending') throw new ScheduleNotPendingError(scheduleId, row.status);
      await this.db
        .manager(tx)
        .query(`UPDATE content_schedules SET status = 'cancelled' WHERE id = $1 AND workspace_id = $2`, [
          scheduleId,
          tx.workspaceId,
        ]);
      await this.events.publish(tx, 'content.entry.schedule-cancelled', {
        scheduleId,
        entryId,
        contentType: type.apiId,
        locale,
        action: row.action,
      });
    });
  }

  /** The entry, if the caller may do `action` on it, with the locale enabled and present (the entries API's rules). */
  private async localeOf(
    ctx: RequestContext,
    entryId: string,
    locale: string,
    action: 'read' | 'publish',
    lock = false,
  ): Promise<AccessibleEntry> {
    const found = await this.access.entry(ctx, entryId, action, lock);
    assertEnabled(locale, await this.locales.enabledLocales(ctx));
    if (!(await this.store.locales(ctx, entryId)).some((r) => r.locale === locale)) {
      throw new EntryLocaleNotFoundError(entryId, locale);
    }
    return found;
  }
}
