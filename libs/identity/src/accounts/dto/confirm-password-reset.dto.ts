import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsLinkToken } from './link-token.decorator';

export class ConfirmPasswordResetDto {
  @ApiProperty({ description: 'The `token` query parameter of the link in the reset mail' })
  @IsLinkToken()
  token!: string;

  /** Length and strength are the password policy's (every problem listed with path `password`). */
  @ApiProperty({ minLength: 12, maxLength: 128, description: 'The new password, checked by the password policy' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}
