import { ApiProperty } from '@nestjs/swagger';

export class ExportedLocaleDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The locale's draft (localized values)" })
  draft!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The published document of the locale (shared and localized values, private fields left out)',
  })
  published!: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
}

export class ExportedEntryDto {
  @ApiProperty({ format: 'uuid', description: 'Kept on import, so relations between entries keep working' })
  id!: string;
  @ApiProperty({ example: 'blog-post' }) contentType!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Shared (not localized) values' })
  shared!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/ExportedLocaleDto' } })
  locales!: Record<string, ExportedLocaleDto>;
}

/** A workspace's content types and entries, as written by GET content-export and read by POST content-import. */
export class ContentExportDto {
  @ApiProperty({ example: 'quire.content-export' }) format!: string;
  @ApiProperty({ example: 1 }) formatVersion!: number;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The schema snapshot, as GET content-schema returns it ({ format, formatVersion, types })',
  })
  schema!: Record<string, unknown>;
  @ApiProperty({ type: [ExportedEntryDto], description: 'Every entry not in the trash' })
  entries!: ExportedEntryDto[];
}
