import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';

export const MAX_MENTIONS = 20;
const MENTIONS_DOC =
  'User ids of members to notify by mail; each must be a member who may read the entry (400 naming mentions.<i>)';

export class CreateCommentDto {
  @ApiProperty({ example: 'Can you check the second paragraph?', maxLength: 10000 })
  @IsString()
  @Length(1, 10000)
  body!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'de',
    description: 'The locale version it is about (one the entry has); absent or null: the entry as a whole',
  })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsString()
  @Length(2, 35)
  locale?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', default: [], description: MENTIONS_DOC })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MENTIONS)
  @IsUUID('all', { each: true })
  mentions?: string[];
}

export class UpdateCommentDto {
  @ApiPropertyOptional({ example: 'Can you check the third paragraph?', maxLength: 10000 })
  @IsOptional()
  @IsString()
  @Length(1, 10000)
  body?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: `${MENTIONS_DOC}. Replaces the list; only members newly mentioned are notified`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MENTIONS)
  @IsUUID('all', { each: true })
  mentions?: string[];
}
