import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { ExactlyOneOf } from './exactly-one-of';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** Apps show "123 456"; users paste it with the space. */
export const TOTP_CODE_PATTERN = /^\d{3} ?\d{3}$/;
const SECOND_FACTOR = ['code', 'recoveryCode'] as const;

export class TwoFactorSignInDto {
  @ApiProperty({ description: 'The `challengeToken` of the first sign-in step; works once, for 5 minutes' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  challengeToken!: string;

  @ApiPropertyOptional({ example: '123456', description: 'The current code of the authenticator app' })
  @ExactlyOneOf(SECOND_FACTOR)
  @Transform(trim)
  @IsString()
  @Matches(TOTP_CODE_PATTERN, { message: 'code must be the 6 digits of the authenticator app' })
  code?: string;

  @ApiPropertyOptional({ example: 'ab3d-ef7h-jk', description: 'One of the recovery codes, instead of `code`' })
  @ExactlyOneOf(SECOND_FACTOR)
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  recoveryCode?: string;
}
