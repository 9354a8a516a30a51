import { ApiProperty } from '@nestjs/swagger';

/** What one policy did in a run (or, in a dry run, would do). */
export class RetentionPolicyOutcome {
  @ApiProperty({ example: 'identity.expired-sessions' }) policy!: string;
  @ApiProperty({ enum: ['delete', 'anonymize'] }) action!: 'delete' | 'anonymize';
  @ApiProperty({ description: 'Rows deleted or anonymized; in a dry run, the rows the next run would change' })
  rowsAffected!: number;
  @ApiProperty({ description: 'Due rows spared because an active legal hold covers them' }) rowsHeld!: number;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the policy failed; the other policies still ran' })
  error!: string | null;
}

export class RetentionRunResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['schedule', 'manual'] }) trigger!: 'schedule' | 'manual';
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed', 'interrupted'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who asked for a manual run' })
  requestedBy!: string | null;
  @ApiProperty({ type: [RetentionPolicyOutcome] }) results!: RetentionPolicyOutcome[];
}

export class RetentionPageMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class RetentionRunListResponse {
  @ApiProperty({ type: [RetentionRunResponse] }) data!: RetentionRunResponse[];
  @ApiProperty({ type: RetentionPageMeta }) meta!: RetentionPageMeta;
}
