import { ApiProperty } from '@nestjs/swagger';

export class AffectedFieldResponse {
  @ApiProperty({ example: 'title' }) path!: string;
  @ApiProperty({ example: 'must be at most 20 characters' }) message!: string;
}

export class AffectedEntryResponse {
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'en', description: 'null: the shared values' })
  locale!: string | null;
  @ApiProperty({ enum: ['draft', 'published'] }) state!: string;
  @ApiProperty({ type: [AffectedFieldResponse] }) fields!: AffectedFieldResponse[];
}

export class SchemaChangeReportResponse {
  @ApiProperty({ type: [AffectedEntryResponse], description: 'At most 100 listed' }) entries!: AffectedEntryResponse[];
  @ApiProperty({ example: 3, description: 'Every affected entry' }) total!: number;
}

export class SchemaChangeReportsResponse {
  @ApiProperty({ type: SchemaChangeReportResponse, description: 'Values the change drops (removed fields, …)' })
  orphaned!: SchemaChangeReportResponse;
  @ApiProperty({ type: SchemaChangeReportResponse, description: 'Values the new definition refuses' })
  invalid!: SchemaChangeReportResponse;
  @ApiProperty({
    type: SchemaChangeReportResponse,
    description: 'Entries sharing a value of a field that is unique from now on',
  })
  duplicates!: SchemaChangeReportResponse;
}

/** A dry run: what the change would do, nothing written. */
export class SchemaChangePreviewResponse {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) changes!: unknown[];
  @ApiProperty({ type: SchemaChangeReportsResponse }) report!: SchemaChangeReportsResponse;
  @ApiProperty({ example: 12, description: 'Entries whose stored values would be rewritten' }) wouldMigrate!: number;
  @ApiProperty({
    nullable: true,
    type: String,
    enum: [
      'content.schema-change-orphans-data',
      'content.schema-change-invalidates-entries',
      'content.schema-change-duplicate-values',
    ],
    description: 'The refusal the change would meet with these options; null when it would apply',
  })
  refusal!: string | null;
}
