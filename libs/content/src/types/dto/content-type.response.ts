import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ContentTypeDefinition } from '../../schema/field-definition';

const DEFINITION_SCHEMA = {
  type: 'object',
  additionalProperties: true,
  description: 'The content type definition (apiId, kind, name, description, fields, options)',
  example: {
    apiId: 'blog-post',
    kind: 'collection',
    name: 'Blog post',
    fields: [
      { name: 'title', type: 'text', required: true, maxLength: 120 },
      { name: 'slug', type: 'slug', sourceField: 'title' },
    ],
    options: { publicRead: true },
  },
} as const;

/** One type in the list. */
export class ContentTypeSummaryResponse {
  @ApiProperty({ example: 'blog-post' }) apiId!: string;
  @ApiProperty({ enum: ['collection', 'singleton', 'component'] }) kind!: string;
  @ApiProperty({ example: 'Blog post' }) name!: string;
  @ApiPropertyOptional({ example: 'Articles of the blog' }) description?: string;
  @ApiProperty({ example: 3, description: 'Current version; every change adds one' }) version!: number;
  @ApiProperty({ example: 5, description: 'Number of fields (the SEO block not counted)' }) fields!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ListMetaResponse {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class ContentTypeListResponse {
  @ApiProperty({ type: [ContentTypeSummaryResponse] }) data!: ContentTypeSummaryResponse[];
  @ApiProperty({ type: ListMetaResponse }) meta!: ListMetaResponse;
}

/** A type with its definition, version and how many entries it has. */
export class ContentTypeResponse {
  @ApiProperty({ example: 'blog-post' }) apiId!: string;
  @ApiProperty({ enum: ['collection', 'singleton', 'component'] }) kind!: string;
  @ApiProperty({ example: 'Blog post' }) name!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty(DEFINITION_SCHEMA) definition!: ContentTypeDefinition;
  @ApiProperty({ example: 12, description: 'Entries not in the trash (always 0 for components)' }) entryCount!: number;
  @ApiProperty({ example: 1, description: 'Entries in the trash' }) trashedCount!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'After PUT: what changed (field-added, field-renamed, field-removed, field-changed, …)',
  })
  changes?: unknown[];
  @ApiPropertyOptional({ example: 12, description: 'After PUT: entries whose stored values the change rewrote' })
  migrated?: number;
}

export { DEFINITION_SCHEMA };
