import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

export class StartSsoQuery {
  @ApiPropertyOptional({
    example: '/admin/content',
    description: 'Path on this installation to land on after the sign-in (default: the console, /admin/)',
  })
  @IsOptional()
  @IsString()
  returnTo?: string;
}
