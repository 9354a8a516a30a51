import { Injectable } from '@nestjs/common';
import {
  EventBus,
  fetchPage,
  parseListQuery,
  selectFields,
  TenantDataSource,
  uuidv7,
  ValidationFailedError,
  type RequestContext,
} from '@quire/core';
import { platformAdminActor } from '@quire/identity';
import type { CloseIncidentDto, OpenIncidentDto } from './dto/open-incident.dto';
import {
  toIncidentResponse,
  type ClosedIncidentResponse,
  type IncidentListResponse,
  type IncidentResponse,
} from './dto/incident.response';
import { toSystemLogResponse, type SystemLogListResponse } from './dto/system-log.response';
import { Incident, type IncidentFilter } from './entities/incident.entity';
import { SystemLog } from './entities/system-log.entity';
import { coveringIncidentId, openIncidentCovers } from './incident-match';
import { incidentListSpec, systemLogListSpec } from './system-log.list-spec';
import { IncidentClosedError, IncidentNotFoundError } from './system-log.errors';
import { SystemLogRecorder } from './system-log.recorder';
import './system-log.events';

/** Installation-wide: platform administrators read the system logs and flag rows for incident response. */
@Injectable()
export class SystemLogsService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly recorder: SystemLogRecorder,
  ) {}

  async list(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<SystemLogListResponse> {
    platformAdminActor(ctx);
    const query = parseListQuery(rawQuery, systemLogListSpec);
    const builder = this.db.manager(ctx).getRepository(SystemLog).createQueryBuilder('log');
    const page = await fetchPage(builder, 'log', query, systemLogListSpec);
    return {
      data: page.data.map((row) => selectFields(toSystemLogResponse(row), query.fields)),
      meta: page.meta,
    };
  }

  async listIncidents(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<IncidentListResponse> {
    platformAdminActor(ctx);
    const query = parseListQuery(rawQuery, incidentListSpec);
    const builder = this.db.manager(ctx).getRepository(Incident).createQueryBuilder('incident');
    const page = await fetchPage(builder, 'incident', query, incidentListSpec);
    return {
      data: page.data.map((row) => selectFields(toIncidentResponse(row), query.fields)),
      meta: page.meta,
    };
  }

  /**
   * Opens an incident and flags the rows of its range matching its filters, in one statement; rows recorded later
   * that it covers are flagged as they are written, until it closes. Rows another open incident holds stay with it.
   */
  async open(ctx: RequestContext, dto: OpenIncidentDto): Promise<IncidentResponse> {
    const admin = platformAdminActor(ctx);
    if (Date.parse(dto.until) < Date.parse(dto.from)) {
      throw new ValidationFailedError([{ path: 'until', message: 'until must not be before from' }]);
    }
    const filter: IncidentFilter = {};
    if (dto.actorId !== undefined) filter.actorId = dto.actorId.toLowerCase();
    if (dto.ip !== undefined) filter.ip = dto.ip;
    if (dto.route !== undefined) filter.route = dto.route;
    if (dto.workspaceId !== undefined) filter.workspaceId = dto.workspaceId.toLowerCase();
    // Requests answered a moment ago may still be in this instance's buffer.
    await this.recorder.flush();
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const id = uuidv7();
      await manager.query(
        `INSERT INTO compliance_incidents (id, reason, from_time, until_time, filter, opened_by)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, dto.reason, dto.from, dto.until, JSON.stringify(filter), admin.userId],
      );
      const [, flaggedRows] = (await manager.query(
        `UPDATE compliance_system_logs log SET incident_id = incident.id
           FROM compliance_incidents incident
          WHERE incident.id = $1 AND log.incident_id IS NULL AND ${openIncidentCovers('incident', 'log')}`,
        [id],
      )) as [unknown, number];
      await manager.query(`UPDATE compliance_incidents SET flagged_rows = $2 WHERE id = $1`, [id, flaggedRows]);
      const incident = await manager.findOneByOrFail(Incident, { id });
      await this.events.publish(tx, 'compliance.incident.opened', {
        incidentId: id,
        reason: dto.reason,
        from: incident.from.toISOString(),
        until: incident.until.toISOString(),
        filter,
        flaggedRows,
      });
      return toIncidentResponse(incident);
    });
  }

  /** Closes the incident: its rows go to another open incident covering them, or back to normal retention. */
  async close(ctx: RequestContext, id: string, dto: CloseIncidentDto): Promise<ClosedIncidentResponse> {
    const admin = platformAdminActor(ctx);
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const incident = await manager.findOne(Incident, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!incident) throw new IncidentNotFoundError(id);
      if (incident.closedAt) throw new IncidentClosedError(id);
      await manager.query(
        `UPDATE compliance_incidents SET closed_at = now(), closed_by = $2, close_reason = $3 WHERE id = $1`,
        [id, admin.userId, dto.reason],
      );
      const [counts] = (await manager.query(
        `WITH changed AS (
           UPDATE compliance_system_logs log SET incident_id = ${coveringIncidentId('log')}
            WHERE log.incident_id = $1
            RETURNING log.incident_id)
         SELECT count(*) FILTER (WHERE incident_id IS NULL)::int AS released,
                count(*) FILTER (WHERE incident_id IS NOT NULL)::int AS handed_over
           FROM changed`,
        [id],
      )) as Array<{ released: number; handed_over: number }>;
      const closed = await manager.findOneByOrFail(Incident, { id });
      const releasedRows = counts?.released ?? 0;
      const handedOverRows = counts?.handed_over ?? 0;
      await this.events.publish(tx, 'compliance.incident.closed', {
        incidentId: id,
        reason: dto.reason,
        releasedRows,
        handedOverRows,
      });
      return { ...toIncidentResponse(closed), releasedRows, handedOverRows };
    });
  }
}
