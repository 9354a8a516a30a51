import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID, ValidateIf } from 'class-validator';
import { TagsField } from './asset-fields';

export const MAX_BULK_IDS = 500;

class BulkIdsDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: MAX_BULK_IDS, description: 'Assets of this workspace' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_IDS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids!: string[];
}

export class BulkMoveDto extends BulkIdsDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Target folder; null: the root' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  folderId!: string | null;
}

export class BulkTagsDto extends BulkIdsDto {
  @TagsField() add?: string[];
  @TagsField() remove?: string[];
}

export class BulkDeleteDto extends BulkIdsDto {}

export class BulkResultResponse {
  @ApiProperty({ description: 'Assets changed (or deleted)' }) affected!: number;
  @ApiPropertyOptional({ type: [String], description: 'Ids of the assets, in the order given' }) ids!: string[];
}
