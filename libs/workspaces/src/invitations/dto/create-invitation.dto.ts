import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** Trimmed and lower-cased: addresses are compared without regard to case, as identity does. */
const normaliseEmail = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateInvitationDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'grace@example.com' })
  @Transform(normaliseEmail)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  /** Checked against the workspace's roles by RoleAssignment (400 naming `role`; 403 for owner unless an owner). */
  @ApiProperty({
    example: 'editor',
    maxLength: 64,
    description: 'A role of this workspace. Only an owner may invite an owner (403 workspaces.owner-role-reserved).',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  role!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A team of this workspace the invitee joins on acceptance' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId?: string;
}
