import { Injectable } from '@nestjs/common';
import { TenantDataSource, uuidv7, type RequestContext } from '@quire/core';

/** Who holds a lock: the member's id and, when the identity table has it, the name the console shows. */
export interface LockHolder {
  id: string;
  displayName: string | null;
}

/** A lock row as the service uses it. */
export interface StoredLock {
  entryId: string;
  holder: LockHolder;
  sessionId: string | null;
  acquiredAt: Date;
  heartbeatAt: Date;
  expiresAt: Date;
}

/** Who acquires, from which session, for how long. */
export interface LockRequest {
  entryId: string;
  userId: string;
  sessionId: string | null;
  ttlSeconds: number;
  /** Take the lock even when another member holds a live one. */
  takeOver: boolean;
}

const LOCK_COLUMNS = `l.entry_id, l.holder_user_id, l.holder_session_id, l.acquired_at, l.heartbeat_at, l.expires_at`;

/**
 * Entry locks with explicit SQL, inside the context's workspace. "Live" means `expires_at` is still ahead: an
 * expired row is the same as no row (nothing has to sweep them for that to hold).
 */
@Injectable()
export class EntryLockStore {
  constructor(private readonly db: TenantDataSource) {}

  private query<R>(ctx: RequestContext, sql: string, parameters: unknown[]): Promise<R[]> {
    return this.db.manager(ctx).query(sql, parameters);
  }

  /** The live lock of the entry, with its holder's display name; `forUpdate` holds the row to the transaction's end. */
  async live(ctx: RequestContext, entryId: string, forUpdate = false): Promise<StoredLock | null> {
    const rows = await this.query<Record<string, unknown>>(
      ctx,
      `SELECT ${LOCK_COLUMNS}, u.display_name
         FROM content_entry_locks l LEFT JOIN identity_users u ON u.id = l.holder_user_id
        WHERE l.entry_id = $1 AND l.workspace_id = $2 AND l.expires_at > now()${forUpdate ? ' FOR UPDATE OF l' : ''}`,
      [entryId, ctx.workspaceId],
    );
    return rows[0] ? toLock(rows[0]) : null;
  }

  /**
   * Takes or renews the lock in one statement: inserted when the entry has none; otherwise overwritten only when
   * the existing one is expired, already the caller's (a heartbeat, keeping `acquired_at`), or `takeOver` is set.
   * Two members racing for a free entry: the unique `entry_id` makes the second one's insert an update whose
   * condition fails against the first one's row, so exactly one gets a row back. Null: someone else holds it.
   */
  async acquire(ctx: RequestContext, request: LockRequest): Promise<StoredLock | null> {
    const rows = await this.query<Record<string, unknown>>(
      ctx,
      `INSERT INTO content_entry_locks AS l
              (id, workspace_id, entry_id, holder_user_id, holder_session_id, acquired_at, heartbeat_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, now(), now(), now() + make_interval(secs => $6))
       ON CONFLICT (entry_id) DO UPDATE SET
              holder_user_id = EXCLUDED.holder_user_id,
              holder_session_id = EXCLUDED.holder_session_id,
              acquired_at = CASE WHEN l.holder_user_id = EXCLUDED.holder_user_id AND l.expires_at > now()
                                 THEN l.acquired_at ELSE EXCLUDED.acquired_at END,
              heartbeat_at = EXCLUDED.heartbeat_at,
              expires_at = EXCLUDED.expires_at
        WHERE l.workspace_id = EXCLUDED.workspace_id
          AND ($7 OR l.expires_at <= now() OR l.holder_user_id = EXCLUDED.holder_user_id)
       RETURNING ${LOCK_COLUMNS}, (SELECT display_name FROM identity_users WHERE id = l.holder_user_id) AS display_name`,
      [
        uuidv7(),
        ctx.workspaceId,
        request.entryId,
        request.userId,
        request.sessionId,
        request.ttlSeconds,
        request.takeOver,
      ],
    );
    return rows[0] ? toLock(rows[0]) : null;
  }

  /**
   * Deletes the entry's lock when it is the member's (live or not) or expired (anyone's). Returns whether the
   * deleted row was the member's live lock; null when nothing was deleted.
   */
  async release(ctx: RequestContext, entryId: string, userId: string): Promise<{ live: boolean } | null> {
    const rows = await this.query<{ live: boolean }>(
      ctx,
      // Through a CTE: a bare DELETE … RETURNING comes back from the driver as [rows, count], not as rows.
      `WITH deleted AS (
         DELETE FROM content_entry_locks
          WHERE entry_id = $1 AND workspace_id = $2 AND (holder_user_id = $3 OR expires_at <= now())
         RETURNING holder_user_id = $3 AND expires_at > now() AS live)
       SELECT live FROM deleted`,
      [entryId, ctx.workspaceId, userId],
    );
    return rows[0] ?? null;
  }
}

function toLock(row: Record<string, unknown>): StoredLock {
  return {
    entryId: row.entry_id as string,
    holder: { id: row.holder_user_id as string, displayName: (row.display_name as string | null) ?? null },
    sessionId: (row.holder_session_id as string | null) ?? null,
    acquiredAt: row.acquired_at as Date,
    heartbeatAt: row.heartbeat_at as Date,
    expiresAt: row.expires_at as Date,
  };
}
