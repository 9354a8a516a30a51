import { ApiProperty } from '@nestjs/swagger';
import type { SystemLog } from '../entities/system-log.entity';

export class SystemLogResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time', description: 'When the request arrived' }) occurredAt!: string;
  @ApiProperty({ example: 'GET' }) method!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '/api/v1/workspaces/:workspace/entries/:id',
    description: 'The matched route pattern (never the URL); null when no route matched',
  })
  route!: string | null;
  @ApiProperty({ example: 200, description: '499: the client went away before the response was complete' })
  status!: number;
  @ApiProperty({ example: 12 }) durationMs!: number;
  @ApiProperty({ enum: ['user', 'api-key', 'anonymous'] }) actorType!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) impersonatorId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) workspaceId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty() requestId!: string;
  @ApiProperty({ description: 'A rate limit refused the request' }) rateLimited!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'content.entry-not-found' }) errorCode!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The open incident keeping this record past its retention',
  })
  incidentId!: string | null;
}

export class SystemLogPageMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class SystemLogListResponse {
  @ApiProperty({ type: [SystemLogResponse] }) data!: Array<Partial<SystemLogResponse>>;
  @ApiProperty({ type: SystemLogPageMeta }) meta!: SystemLogPageMeta;
}

export function toSystemLogResponse(row: SystemLog): SystemLogResponse {
  return {
    id: row.id,
    occurredAt: new Date(row.occurredAt).toISOString(),
    method: row.method,
    route: row.route,
    status: row.status,
    durationMs: row.durationMs,
    actorType: row.actorType,
    actorId: row.actorId,
    impersonatorId: row.impersonatorId,
    workspaceId: row.workspaceId,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    rateLimited: row.rateLimited,
    errorCode: row.errorCode,
    incidentId: row.incidentId,
  };
}
