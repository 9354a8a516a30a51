import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, uuidv7, ValidationFailedError, type RequestContext } from '@quire/core';
import { EntryLocaleNotFoundError } from '../entries/entries.errors';
import { EntryAccess } from '../entries/entry-access';
import { actorUserId, EntryStore } from '../entries/entry-store';
import { assertEnabled, LocaleChain } from '../entries/locale-chain';
import type { ReleaseListResponse, ReleaseResponse, ReleaseValidationResponse } from './dto/release.response';
import { ReleaseChecker } from './release-checker';
import {
  OPEN_RELEASE_STATUSES,
  RELEASE_COLUMNS,
  RELEASE_ITEM_COLUMNS,
  toReleaseResponse,
  type ReleaseAction,
  type ReleaseItemRow,
  type ReleaseRow,
} from './release-record';
import { ReleaseRunner } from './release-runner';
import {
  ReleaseInvalidError,
  ReleaseItemExistsError,
  ReleaseItemNotFoundError,
  ReleaseNotFoundError,
  ReleaseNotOpenError,
} from './releases.errors';
import { isTimeZone, zonedInstant } from './zoned-time';

/** A scheduled time must lie at least this far ahead, or it would run as a publish-now nobody asked for. */
export const RELEASE_MIN_LEAD_SECONDS = 5;

export interface ReleaseInput {
  name?: string;
  scheduledAt?: string | null;
  timeZone?: string;
}

export interface ReleaseItemInput {
  entryId: string;
  locale: string;
  action: ReleaseAction;
}

/**
 * Releases: entry locales of any type and locale published or unpublished together, now or at a time chosen in a
 * time zone. Scheduling and publishing now check every item first and refuse with all the reasons; the run itself
 * (ReleaseRunner) is all or nothing.
 */
@Injectable()
export class ReleaseService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly access: EntryAccess,
    private readonly store: EntryStore,
    private readonly locales: LocaleChain,
    private readonly checker: ReleaseChecker,
    private readonly runner: ReleaseRunner,
  ) {}

  async list(ctx: RequestContext): Promise<ReleaseListResponse> {
    const rows: ReleaseRow[] = await this.db
      .manager(ctx)
      .query(
        `SELECT ${RELEASE_COLUMNS} FROM content_releases WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC`,
        [ctx.workspaceId],
      );
    const items: ReleaseItemRow[] = await this.db
      .manager(ctx)
      .query(
        `SELECT ${RELEASE_ITEM_COLUMNS} FROM content_release_items WHERE workspace_id = $1 AND release_id = ANY($2) ORDER BY id`,
        [ctx.workspaceId, rows.map((r) => r.id)],
      );
    return { items: rows.map((row) => toReleaseResponse(row, items)) };
  }

  async get(ctx: RequestContext, id: string): Promise<ReleaseResponse> {
    return this.view(ctx, await this.release(ctx, id));
  }

  async create(ctx: RequestContext, input: ReleaseInput & { name: string }): Promise<ReleaseResponse> {
    const when = this.scheduleOf(input, null);
    return this.db.transaction(ctx, async (tx) => {
      const [row]: ReleaseRow[] = await this.db.manager(tx).query(
        `INSERT INTO content_releases (id, workspace_id, name, scheduled_at, time_zone, status, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${RELEASE_COLUMNS}`,
        [
          uuidv7(),
          tx.workspaceId,
          input.name,
          when?.instant ?? null,
          when?.timeZone ?? null,
          when ? 'scheduled' : 'pending',
          actorUserId(tx),
        ],
      );
      await this.events.publish(tx, 'content.release.created', { releaseId: row.id, name: row.name });
      if (when) await this.scheduled(tx, row);
      return this.view(tx, row);
    });
  }

  async update(ctx: RequestContext, id: string, input: ReleaseInput): Promise<ReleaseResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const current = await this.openRelease(tx, id);
      const when = input.scheduledAt === undefined ? undefined : this.scheduleOf(input, current.time_zone);
      if (input.scheduledAt === undefined && input.timeZone !== undefined) {
        throw new ValidationFailedError([{ path: 'scheduledAt', message: 'is required to change timeZone' }]);
      }
      if (when) {
        const failures = await this.checker.check(tx, await this.items(tx, id));
        if (failures.length > 0) throw new ReleaseInvalidError(failures);
      }
      // UPDATE … RETURNING answers [rows, count].
      const [[row]]: [ReleaseRow[], number] = await this.db.manager(tx).query(
        `UPDATE content_releases
            SET name = COALESCE($3::text, name),
                scheduled_at = CASE WHEN $4::boolean THEN $5::timestamptz ELSE scheduled_at END,
                time_zone = CASE WHEN $4::boolean THEN $6::text ELSE time_zone END,
                status = CASE WHEN $4::boolean THEN $7::text ELSE status END
          WHERE id = $1 AND workspace_id = $2
      RETURNING ${RELEASE_COLUMNS}`,
        [
          id,
          tx.workspaceId,
          input.name ?? null,
          when !== undefined,
          when?.instant ?? null,
          when?.timeZone ?? current.time_zone,
          when ? 'scheduled' : 'pending',
        ],
      );
      if (when) await this.scheduled(tx, row);
      return this.view(tx, row);
    });
  }

  async cancel(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      await this.openRelease(tx, id);
      await this.db
        .manager(tx)
        .query(`UPDATE content_releases SET status = 'cancelled' WHERE id = $1 AND workspace_id = $2`, [
          id,
          tx.workspaceId,
        ]);
      await this.events.publish(tx, 'content.release.cancelled', { releaseId: id });
    });
  }

  async addItem(ctx: RequestContext, id: string, input: ReleaseItemInput): Promise<ReleaseResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const release = await this.openRelease(tx, id);
      await this.access.entry(tx, input.entryId, 'publish');
      assertEnabled(input.locale, await this.locales.enabledLocales(tx));
      if (!(await this.store.locales(tx, input.entryId)).some((r) => r.locale === input.locale)) {
        throw new EntryLocaleNotFoundError(input.entryId, input.locale);
      }
      const [item]: ReleaseItemRow[] = await this.db.manager(tx).query(
        `INSERT INTO content_release_items (id, workspace_id, release_id, entry_id, locale, action)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (release_id, entry_id, locale) DO NOTHING
         RETURNING ${RELEASE_ITEM_COLUMNS}`,
        [uuidv7(), tx.workspaceId, id, input.entryId, input.locale, input.action],
      );
      if (!item) throw new ReleaseItemExistsError(input.entryId, input.locale);
      // A scheduled release stays one that would run: a new item must pass the check scheduling made.
      if (release.status === 'scheduled') {
        const failures = await this.checker.check(tx, [item]);
        if (failures.length > 0) throw new ReleaseInvalidError(failures);
      }
      return this.view(tx, release);
    });
  }

  async removeItem(ctx: RequestContext, id: string, itemId: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      await this.openRelease(tx, id);
      const manager = this.db.manager(tx);
      const [item]: Array<{ id: string }> = await manager.query(
        `SELECT id FROM content_release_items WHERE id = $1 AND release_id = $2 AND workspace_id = $3`,
        [itemId, id, tx.workspaceId],
      );
      if (!item) throw new ReleaseItemNotFoundError(itemId);
      await manager.query(`DELETE FROM content_release_items WHERE id = $1 AND workspace_id = $2`, [
        itemId,
        tx.workspaceId,
      ]);
    });
  }

  async validate(ctx: RequestContext, id: string): Promise<ReleaseValidationResponse> {
    await this.release(ctx, id);
    const failures = await this.checker.check(ctx, await this.items(ctx, id));
    return { valid: failures.length === 0, failures };
  }

  /** Runs the release now, as the caller: refused with every reason when an item would fail. */
  async publishNow(ctx: RequestContext, id: string): Promise<ReleaseResponse> {
    return this.db.transaction(ctx, async (tx) => {
      await this.openRelease(tx, id);
      const items = await this.items(tx, id);
      if (items.length === 0) throw new ValidationFailedError([{ path: 'items', message: 'must not be empty' }]);
      const failures = await this.checker.check(tx, items);
      if (failures.length > 0) throw new ReleaseInvalidError(failures);
      await this.runner.run(tx, id);
      return this.view(tx, await this.release(tx, id));
    });
  }

  /** The instant and zone an input schedules at, null when it unschedules; 400 naming the field otherwise. */
  private scheduleOf(input: ReleaseInput, storedZone: string | null): { instant: Date; timeZone: string } | null {
    if (input.scheduledAt === undefined || input.scheduledAt === null) {
      if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
        throw new ValidationFailedError([{ path: 'timeZone', message: 'must be an IANA time zone' }]);
      }
      return null;
    }
    const timeZone = input.timeZone ?? storedZone;
    if (timeZone === null || !isTimeZone(timeZone)) {
      throw new ValidationFailedError([{ path: 'timeZone', message: 'must be an IANA time zone, e.g. Europe/Berlin' }]);
    }
    const instant = zonedInstant(input.scheduledAt, timeZone);
    if (instant === null) {
      throw new ValidationFailedError([
        { path: 'scheduledAt', message: 'must be a local date-time without offset, e.g. 2026-12-01T09:00' },
      ]);
    }
    if (instant.getTime() < Date.now() + RELEASE_MIN_LEAD_SECONDS * 1000) {
      throw new ValidationFailedError([
        { path: 'scheduledAt', message: `must be at least ${RELEASE_MIN_LEAD_SECONDS} seconds in the future` },
      ]);
    }
    return { instant, timeZone };
  }

  private async scheduled(tx: RequestContext, row: ReleaseRow): Promise<void> {
    await this.events.publish(tx, 'content.release.scheduled', {
      releaseId: row.id,
      scheduledAt: row.scheduled_at!.toISOString(),
      timeZone: row.time_zone!,
    });
  }

  private async release(ctx: RequestContext, id: string, lock = false): Promise<ReleaseRow> {
    const [row]: ReleaseRow[] = await this.db
      .manager(ctx)
      .query(
        `SELECT ${RELEASE_COLUMNS} FROM content_releases WHERE id = $1 AND workspace_id = $2${lock ? ' FOR UPDATE' : ''}`,
        [id, ctx.workspaceId],
      );
    if (!row) throw new ReleaseNotFoundError(id);
    return row;
  }

  /** The release, locked: the job holds a due release's row while it runs it, so it ran already or waits for us. */
  private async openRelease(tx: RequestContext, id: string): Promise<ReleaseRow> {
    const row = await this.release(tx, id, true);
    if (!OPEN_RELEASE_STATUSES.includes(row.status)) throw new ReleaseNotOpenError(id, row.status);
    return row;
  }

  private items(ctx: RequestContext, id: string): Promise<ReleaseItemRow[]> {
    return this.db
      .manager(ctx)
      .query(
        `SELECT ${RELEASE_ITEM_COLUMNS} FROM content_release_items WHERE release_id = $1 AND workspace_id = $2 ORDER BY id`,
        [id, ctx.workspaceId],
      );
  }

  private async view(ctx: RequestContext, row: ReleaseRow): Promise<ReleaseResponse> {
    return toReleaseResponse(row, await this.items(ctx, row.id));
  }
}
