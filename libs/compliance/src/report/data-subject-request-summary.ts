import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';
import { OPEN_STATUSES } from '../data-subject-requests/data-subject-request.types';
import type { RequestSummaryResponse } from './dto/compliance-report.response';

const OVERDUE_LISTED = 100;

/** Open and overdue data-subject requests, counted for the compliance report. */
@Injectable()
export class DataSubjectRequestSummary {
  constructor(private readonly db: TenantDataSource) {}

  async summarize(ctx: RequestContext): Promise<RequestSummaryResponse> {
    const manager = this.db.manager(ctx);
    const open = [...OPEN_STATUSES];
    const byType: Array<{ type: string; open: number; overdue: number }> = await manager.query(
      `SELECT type, count(*)::int AS open, (count(*) FILTER (WHERE due_at < now()))::int AS overdue
         FROM compliance_data_subject_requests
        WHERE status = ANY($1::text[])
        GROUP BY type ORDER BY type`,
      [open],
    );
    const overdue: Array<{ id: string; type: string; status: string; user_id: string; due_at: Date }> =
      await manager.query(
        `SELECT id, type, status, user_id, due_at FROM compliance_data_subject_requests
          WHERE status = ANY($1::text[]) AND due_at < now()
          ORDER BY due_at LIMIT $2`,
        [open, OVERDUE_LISTED],
      );
    return {
      open: byType.reduce((sum, row) => sum + row.open, 0),
      overdue: byType.reduce((sum, row) => sum + row.overdue, 0),
      byType,
      overdueRequests: overdue.map((row) => ({
        id: row.id,
        type: row.type,
        status: row.status,
        userId: row.user_id,
        dueAt: new Date(row.due_at).toISOString(),
      })),
    };
  }
}
