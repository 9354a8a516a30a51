import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ContentTypeDefinition } from '../../schema/field-definition';
import { SchemaChangeReportsResponse } from './schema-change.response';

/** Every content type of a workspace, components first, then by API id: export, diff and apply it elsewhere. */
export class ContentSchemaSnapshotResponse {
  @ApiProperty({ example: 'quire.content-schema' }) format!: string;
  @ApiProperty({ example: 1 }) formatVersion!: number;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  types!: ContentTypeDefinition[];
}

export class ContentSchemaUpdateResponse {
  @ApiProperty({ example: 'blog-post' }) apiId!: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) changes!: unknown[];
  @ApiPropertyOptional({ example: 3, description: 'apply: entries rewritten (or, dry run, that would be)' })
  wouldMigrate?: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'apply dry run: the refusal this update would meet',
  })
  refusal?: string | null;
  @ApiPropertyOptional({ type: SchemaChangeReportsResponse }) report?: SchemaChangeReportsResponse;
}

/** What applying a snapshot does (diff) or did (apply) to this workspace. */
export class ContentSchemaDiffResponse {
  @ApiProperty({ type: [String], example: ['author'] }) create!: string[];
  @ApiProperty({ type: [ContentSchemaUpdateResponse] }) update!: ContentSchemaUpdateResponse[];
  @ApiProperty({ type: [String], example: [] }) delete!: string[];
}

export class ContentSchemaApplyResponse extends ContentSchemaDiffResponse {
  @ApiProperty({ example: false }) dryRun!: boolean;
}
