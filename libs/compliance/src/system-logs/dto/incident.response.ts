import { ApiProperty } from '@nestjs/swagger';
import type { Incident } from '../entities/incident.entity';
import { SystemLogPageMeta } from './system-log.response';

export class IncidentFilterResponse {
  @ApiProperty({ required: false, format: 'uuid' }) actorId?: string;
  @ApiProperty({ required: false }) ip?: string;
  @ApiProperty({ required: false }) route?: string;
  @ApiProperty({ required: false, format: 'uuid' }) workspaceId?: string;
}

export class IncidentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) until!: string;
  @ApiProperty({ type: IncidentFilterResponse }) filter!: IncidentFilterResponse;
  @ApiProperty({ description: 'System-log rows the incident flagged when it was opened' }) flaggedRows!: number;
  @ApiProperty({ format: 'uuid', description: 'The platform administrator who opened it' }) openedBy!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) closedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) closeReason!: string | null;
}

export class ClosedIncidentResponse extends IncidentResponse {
  @ApiProperty({ description: 'Rows released to normal retention' }) releasedRows!: number;
  @ApiProperty({ description: 'Rows another open incident covers, now held by that one' }) handedOverRows!: number;
}

export class IncidentListResponse {
  @ApiProperty({ type: [IncidentResponse] }) data!: Array<Partial<IncidentResponse>>;
  @ApiProperty({ type: SystemLogPageMeta }) meta!: SystemLogPageMeta;
}

export function toIncidentResponse(row: Incident): IncidentResponse {
  return {
    id: row.id,
    reason: row.reason,
    from: new Date(row.from).toISOString(),
    until: new Date(row.until).toISOString(),
    filter: row.filter,
    flaggedRows: row.flaggedRows,
    openedBy: row.openedBy,
    openedAt: new Date(row.openedAt).toISOString(),
    closedAt: row.closedAt ? new Date(row.closedAt).toISOString() : null,
    closedBy: row.closedBy,
    closeReason: row.closeReason,
  };
}
