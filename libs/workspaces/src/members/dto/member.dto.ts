import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { ROLE_KEY_MAX_LENGTH, ROLE_KEY_PATTERN } from '../../roles/dto/role-key';

const ROLE_DESCRIPTION =
  'A built-in role (owner, admin, editor, author, reviewer, viewer, auditor) or the key of a custom role of this workspace';

export class ChangeMemberRoleDto {
  @ApiProperty({
    example: 'editor',
    pattern: ROLE_KEY_PATTERN.source,
    maxLength: ROLE_KEY_MAX_LENGTH,
    description: `${ROLE_DESCRIPTION}; another workspace's custom role is refused (400)`,
  })
  @IsString()
  @MaxLength(ROLE_KEY_MAX_LENGTH)
  @Matches(ROLE_KEY_PATTERN, { message: 'role must be a role name or key (lower-case letters, digits and dashes)' })
  role!: string;
}

export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ example: 'editor', description: ROLE_DESCRIPTION }) role!: string;
  @ApiProperty({ format: 'date-time', description: 'When they joined' }) createdAt!: string;
}
