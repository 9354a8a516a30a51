import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { DEFAULT_PREVIEW_TTL_SECONDS, MAX_PREVIEW_TTL_SECONDS } from '../preview-token';

export class CreatePreviewTokenDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_PREVIEW_TTL_SECONDS,
    default: DEFAULT_PREVIEW_TTL_SECONDS,
    description: 'How long the token lives, in seconds',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PREVIEW_TTL_SECONDS)
  ttlSeconds?: number;

  @ApiPropertyOptional({ example: 'blog-post', description: 'Preview only entries of this content type (API id)' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, { message: 'contentType must be a content type API id (kebab-case)' })
  contentType?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Preview only this entry' })
  @IsOptional()
  @IsUUID()
  entryId?: string;
}
