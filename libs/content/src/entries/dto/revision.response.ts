import { ApiProperty } from '@nestjs/swagger';

export class RevisionActor {
  @ApiProperty({ enum: ['user', 'api-key', 'system', 'anonymous'] }) type!: string;
  @ApiProperty({ type: String, nullable: true }) id!: string | null;
}

export class FieldChangeDto {
  @ApiProperty({ example: 'title', description: '`field` or `field.sub[2].x`' }) path!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for a shared field' }) locale!: string | null;
  @ApiProperty({ required: false, description: 'Absent when the field had no value' }) before?: unknown;
  @ApiProperty({ required: false, description: 'Absent when the field has no value now' }) after?: unknown;
  @ApiProperty({
    required: false,
    enum: ['published'],
    description:
      "`published`: the change was made to the locale's published version (a deleted media asset removed from it); " +
      'absent: to the draft',
  })
  version?: 'published';
}

export class RevisionSummary {
  @ApiProperty({ example: 3 }) number!: number;
  @ApiProperty({
    enum: [
      'create',
      'save',
      'publish',
      'unpublish',
      'translate',
      'restore',
      'trash',
      'untrash',
      'reference-removed',
      'schema-migration',
      'import',
    ],
  })
  kind!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The locale the change was made in; null for all' })
  locale!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'For kind restore: the revision restored' })
  restoredFrom!: number | null;
  @ApiProperty({ type: RevisionActor }) actor!: RevisionActor;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [FieldChangeDto], description: 'What changed against the previous revision' })
  diff!: FieldChangeDto[];
}

export class RevisionSnapshotDto {
  @ApiProperty({ type: 'object', additionalProperties: true }) shared!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object' } })
  locales!: Record<string, Record<string, unknown>>;
}

export class RevisionResponse extends RevisionSummary {
  @ApiProperty({ type: RevisionSnapshotDto, description: 'The whole draft state after the change' })
  snapshot!: RevisionSnapshotDto;
}

export class RevisionPageMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class RevisionListResponse {
  @ApiProperty({ type: [RevisionSummary] }) data!: RevisionSummary[];
  @ApiProperty({ type: RevisionPageMeta }) meta!: RevisionPageMeta;
}

export class RevisionComparisonResponse {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: [FieldChangeDto] }) changes!: FieldChangeDto[];
}
