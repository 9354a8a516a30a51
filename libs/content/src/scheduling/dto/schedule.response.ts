import { ApiProperty } from '@nestjs/swagger';
import { SCHEDULE_ACTIONS, SCHEDULE_STATUSES } from '../schedule-record';

export class ScheduleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty({ example: 'en' }) locale!: string;
  @ApiProperty({ enum: SCHEDULE_ACTIONS }) action!: string;
  @ApiProperty({ format: 'date-time' }) runAt!: string;
  @ApiProperty({ enum: SCHEDULE_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Member who scheduled it' })
  createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the job ran it' })
  executedAt!: string | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'For status failed: the problem (code, detail, errors listing each failing field)',
  })
  error!: Record<string, unknown> | null;
}

export class ScheduleListResponse {
  @ApiProperty({ type: [ScheduleResponse], description: 'Newest run time first' })
  items!: ScheduleResponse[];
}
