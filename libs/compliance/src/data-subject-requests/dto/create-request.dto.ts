import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { REQUEST_TYPES, type RequestType } from '../data-subject-request.types';

const DETAILS_DESCRIPTION =
  'What the request asks, by type: rectification `{ displayName?, language? }` (the email has its own flow); ' +
  'objection `{ purposes?: string[], note? }`; restriction `{ note? }`; any type `{ note? }`.';

/** A request of the signed-in user about their own data. */
export class CreateOwnRequestDto {
  @ApiProperty({ enum: REQUEST_TYPES })
  @IsIn(REQUEST_TYPES)
  type!: RequestType;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: DETAILS_DESCRIPTION })
  @IsOptional()
  @IsObject()
  details?: Record<string, unknown>;

  /** Only the caller's own id is accepted here; anyone else's is a 403. */
  @ApiPropertyOptional({ format: 'uuid', description: 'Optional; must be your own id' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class AttestedVerificationDto {
  @ApiProperty({ enum: ['administrator-attested', 'email-code'] })
  @IsIn(['administrator-attested', 'email-code'])
  method!: 'administrator-attested' | 'email-code';

  /** For administrator-attested: how the identity was checked (ID document seen, call-back to the known number…). */
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note?: string;
}

/** A request recorded by a platform administrator for a person (by mail, by letter, at the desk). */
export class CreateRequestForUserDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ enum: REQUEST_TYPES })
  @IsIn(REQUEST_TYPES)
  type!: RequestType;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: DETAILS_DESCRIPTION })
  @IsOptional()
  @IsObject()
  details?: Record<string, unknown>;

  @ApiProperty({
    type: AttestedVerificationDto,
    description:
      '`administrator-attested` (with a note saying how the identity was checked) verifies at once; ' +
      '`email-code` mails a code to the account address, which the person enters (or reads to the administrator).',
  })
  @ValidateNested()
  @Type(() => AttestedVerificationDto)
  verification!: AttestedVerificationDto;
}

export class VerifyRequestDto {
  @ApiProperty({ example: '123456', description: 'The 6-digit code mailed to the account address' })
  @IsString()
  @MinLength(6)
  @MaxLength(6)
  code!: string;
}

export class RejectRequestDto {
  @ApiProperty({ minLength: 3, maxLength: 2000, example: 'Manifestly unfounded: repeated request (art. 12(5))' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;
}
