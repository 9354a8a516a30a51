import { Injectable } from '@nestjs/common';
import { TenantDataSource, uuidv7, type RequestContext } from '@quire/core';
import { actorUserId } from '../../entries/entry-store';

export interface Assignment {
  assigneeId: string | null;
  reviewerIds: string[];
}

/** The assignee and reviewers of entry locales, with explicit SQL in the context's workspace and transaction. */
@Injectable()
export class AssignmentStore {
  constructor(private readonly db: TenantDataSource) {}

  async of(ctx: RequestContext, entryId: string, locale: string): Promise<Assignment> {
    const rows: Array<{ user_id: string; role: string }> = await this.db.manager(ctx).query(
      `SELECT user_id, role FROM content_entry_assignments
        WHERE entry_id = $1 AND locale = $2 AND workspace_id = $3 ORDER BY assigned_at, user_id`,
      [entryId, locale, ctx.workspaceId],
    );
    return {
      assigneeId: rows.find((row) => row.role === 'assignee')?.user_id ?? null,
      reviewerIds: rows.filter((row) => row.role === 'reviewer').map((row) => row.user_id),
    };
  }

  /** Replaces the locale's assignment; members who keep their role keep when they were assigned. */
  async replace(tx: RequestContext, entryId: string, locale: string, next: Assignment): Promise<void> {
    const manager = this.db.manager(tx);
    const wanted = [
      ...(next.assigneeId ? [{ userId: next.assigneeId, role: 'assignee' }] : []),
      ...next.reviewerIds.map((userId) => ({ userId, role: 'reviewer' })),
    ];
    await manager.query(
      `DELETE FROM content_entry_assignments
        WHERE entry_id = $1 AND locale = $2 AND workspace_id = $3
          AND (role, user_id) NOT IN (SELECT * FROM unnest($4::text[], $5::uuid[]))`,
      [entryId, locale, tx.workspaceId, wanted.map((w) => w.role), wanted.map((w) => w.userId)],
    );
    for (const { userId, role } of wanted) {
      await manager.query(
        `INSERT INTO content_entry_assignments (id, workspace_id, entry_id, locale, user_id, role, assigned_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (entry_id, locale, role, user_id) DO NOTHING`,
        [uuidv7(), tx.workspaceId, entryId, locale, userId, role, actorUserId(tx)],
      );
    }
  }
}
