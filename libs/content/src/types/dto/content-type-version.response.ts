import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ContentTypeDefinition } from '../../schema/field-definition';
import { DEFINITION_SCHEMA } from './content-type.response';

export class VersionActorResponse {
  @ApiProperty({ example: 'user', enum: ['user', 'api-key', 'system', 'anonymous'] }) type!: string;
  @ApiProperty({ nullable: true, type: String }) id!: string | null;
}

/** One version of a type: what changed and who changed it; with its definition when read alone. */
export class ContentTypeVersionResponse {
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [{ kind: 'field-changed', field: 'title', details: ['maxLength 200 → 100'] }],
  })
  changes!: unknown[];
  @ApiProperty({ type: VersionActorResponse }) actor!: VersionActorResponse;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional(DEFINITION_SCHEMA) definition?: ContentTypeDefinition;
}
