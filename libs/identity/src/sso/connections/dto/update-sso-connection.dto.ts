import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotIn, IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ROLE_NAME } from './create-sso-connection.dto';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** Kind and preset cannot change: create another connection instead. */
export class UpdateSsoConnectionDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'editor' })
  @IsOptional()
  @IsString()
  @Matches(ROLE_NAME, { message: 'defaultRole must be a role name (lower-case letters, digits and dashes)' })
  @IsNotIn(['owner'], { message: 'defaultRole cannot be owner: a sign-in never makes an owner' })
  defaultRole?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Members given replace the stored ones (null clears an optional one); the result is checked whole',
  })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;

  @ApiPropertyOptional({ minLength: 1, maxLength: 1024, writeOnly: true, description: 'Replaces the stored secret' })
  @IsOptional()
  @IsString()
  @Length(1, 1024)
  clientSecret?: string;
}
