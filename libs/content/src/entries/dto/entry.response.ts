import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const ENTRY_STATUSES = ['draft', 'published', 'changed'] as const;
/** `draft`: never published (or unpublished); `published`: the draft is what is published; `changed`: edited since. */
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export class EntryLocaleSummary {
  @ApiProperty({ example: 'en' }) locale!: string;
  @ApiProperty({ enum: ENTRY_STATUSES }) status!: EntryStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class EntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'blog-post', description: 'API id of the content type' }) contentType!: string;
  @ApiProperty({ example: 'en' }) locale!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The draft of this locale: shared and localized values together',
  })
  data!: Record<string, unknown>;
  @ApiProperty({
    enum: [...ENTRY_STATUSES, 'missing'],
    description: '`missing`: the entry has no version in this locale (read with fallback=true)',
  })
  status!: EntryStatus | 'missing';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ description: 'Number of the latest revision' }) revision!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) updatedById!: string | null;
  @ApiProperty({ type: [EntryLocaleSummary], description: 'Every locale the entry exists in' })
  locales!: EntryLocaleSummary[];
  @ApiProperty({ type: [String], description: 'Enabled locales of the workspace the entry has no version in' })
  missingLocales!: string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'With fallback=true: the fields read from another locale, and from which',
  })
  fallbackFrom?: Record<string, string>;
}

export class EntryListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() locale!: string;
  @ApiProperty({ enum: ENTRY_STATUSES }) status!: EntryStatus;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) updatedById!: string | null;
}

export class EntryPageMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class EntryListResponse {
  @ApiProperty({ type: [EntryListItem] }) data!: Partial<EntryListItem>[];
  @ApiProperty({ type: EntryPageMeta }) meta!: EntryPageMeta;
}
