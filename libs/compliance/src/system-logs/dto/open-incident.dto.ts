import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIP, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

/** Which system-log rows to keep for an incident: those of the time range matching every filter given. */
export class OpenIncidentDto {
  @ApiProperty({ example: 'Credential stuffing from 203.0.113.0/24, ticket SEC-142', maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;

  @ApiProperty({ format: 'date-time', description: 'First moment of the range (inclusive)' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({
    format: 'date-time',
    description:
      'Last moment of the range (inclusive); may be in the future: requests recorded until then are kept too',
  })
  @IsISO8601({ strict: true })
  until!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only requests of this user or API key' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: '203.0.113.7', description: 'Only requests from this IP address' })
  @IsOptional()
  @IsIP()
  ip?: string;

  @ApiPropertyOptional({ example: '/api/v1/auth/sign-in', description: 'Only requests to this route pattern' })
  @IsOptional()
  @IsString()
  @Matches(/^\/api\//, { message: 'route must be a route pattern starting with /api/' })
  @MaxLength(500)
  route?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only requests in this workspace' })
  @IsOptional()
  @IsUUID()
  workspaceId?: string;
}

export class CloseIncidentDto {
  @ApiProperty({ example: 'Investigation finished, ticket SEC-142 closed', maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}
