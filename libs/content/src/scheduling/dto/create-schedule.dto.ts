import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601 } from 'class-validator';
import { SCHEDULE_ACTIONS, type ScheduleAction } from '../schedule-record';

export class CreateScheduleDto {
  @ApiProperty({ enum: SCHEDULE_ACTIONS, example: 'publish' })
  @IsIn(SCHEDULE_ACTIONS)
  action!: ScheduleAction;

  @ApiProperty({
    format: 'date-time',
    example: '2030-01-01T09:00:00Z',
    description: 'When to run, with its offset; at least a few seconds in the future. Runs within a minute of it.',
  })
  @IsISO8601({ strict: true })
  runAt!: string;
}
