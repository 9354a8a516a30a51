import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class PreviewUrlQuery {
  @ApiPropertyOptional({ example: 'de', description: "The locale to preview; default: the workspace's default locale" })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  locale?: string;
}
