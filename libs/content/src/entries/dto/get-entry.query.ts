import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class GetEntryQuery {
  @ApiPropertyOptional({ example: 'de', description: "The locale to read; default: the workspace's default locale" })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  locale?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: "Fill fields empty in the locale from the locale's fallback chain (`fallbackFrom` says from where)",
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  fallback?: 'true' | 'false';
}
