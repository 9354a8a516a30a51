import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';

/** Which policies to run (or dry-run); all of them when omitted. */
export class RetentionRunDto {
  @ApiPropertyOptional({
    type: [String],
    example: ['compliance.system-logs'],
    description: 'Names of retention policies (GET /retention/policies); every policy when omitted',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  policies?: string[];
}
