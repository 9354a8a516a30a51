import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CloseAccountDto {
  /** Re-authentication: required when the account has a password; ignored otherwise. */
  @ApiPropertyOptional({ maxLength: 1024, description: 'The account’s password; required if it has one' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password?: string;
}
