import { ApiProperty } from '@nestjs/swagger';
import { RELEASE_ACTIONS } from '../release-record';

export class ReleaseItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty({ example: 'en' }) locale!: string;
  @ApiProperty({ enum: RELEASE_ACTIONS }) action!: string;
}

export class ReleaseResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Winter campaign' }) name!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The instant it runs' })
  scheduledAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Europe/Berlin', description: 'Zone the time was chosen in' })
  timeZone!: string | null;
  @ApiProperty({ enum: ['pending', 'scheduled', 'done', 'failed', 'cancelled'] }) status!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) executedAt!: string | null;
  @ApiProperty({
    type: Object,
    nullable: true,
    description: 'Of a failed run: code content.release-invalid and `failures` (item, entry, locale, field, message)',
  })
  error!: Record<string, unknown> | null;
  @ApiProperty({ type: [ReleaseItemResponse] }) items!: ReleaseItemResponse[];
}

export class ReleaseListResponse {
  @ApiProperty({ type: [ReleaseResponse] }) items!: ReleaseResponse[];
}

export class ReleaseFailureResponse {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty() locale!: string;
  @ApiProperty({ enum: RELEASE_ACTIONS }) action!: string;
  @ApiProperty({ example: 'content.publish-invalid' }) code!: string;
  @ApiProperty({ type: String, nullable: true, example: 'title' }) field!: string | null;
  @ApiProperty() message!: string;
}

export class ReleaseValidationResponse {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: [ReleaseFailureResponse] }) failures!: ReleaseFailureResponse[];
}
