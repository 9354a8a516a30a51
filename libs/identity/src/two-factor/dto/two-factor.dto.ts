import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { ExactlyOneOf } from '../../auth/dto/exactly-one-of';
import { TOTP_CODE_PATTERN } from '../../auth/dto/two-factor-sign-in.dto';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const CODE_MESSAGE = 'code must be the 6 digits of the authenticator app';

/** A current authenticator code: confirms setup, or authorises new recovery codes. */
export class TwoFactorCodeDto {
  @ApiProperty({ example: '123456', description: 'The current code of the authenticator app' })
  @Transform(trim)
  @IsString()
  @Matches(TOTP_CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;
}

const PROOF = ['code', 'recoveryCode', 'password'] as const;

/** Turning 2FA off needs proof of one of: the authenticator, a recovery code, or the password. */
export class DisableTwoFactorDto {
  @ApiPropertyOptional({ example: '123456', description: 'The current code of the authenticator app' })
  @ExactlyOneOf(PROOF)
  @Transform(trim)
  @IsString()
  @Matches(TOTP_CODE_PATTERN, { message: CODE_MESSAGE })
  code?: string;

  @ApiPropertyOptional({ example: 'ab3d-ef7h-jk', description: 'An unused recovery code (lost authenticator)' })
  @ExactlyOneOf(PROOF)
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  recoveryCode?: string;

  @ApiPropertyOptional({ maxLength: 1024, description: 'The account password' })
  @ExactlyOneOf(PROOF)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password?: string;
}
