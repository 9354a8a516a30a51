import { ApiProperty } from '@nestjs/swagger';
import { BUILT_IN_ROLES } from '@quire/core';
import { IsIn } from 'class-validator';

export class ChangeMemberRoleDto {
  @ApiProperty({ enum: BUILT_IN_ROLES, example: 'editor' })
  @IsIn(BUILT_IN_ROLES, { message: `role must be one of: ${BUILT_IN_ROLES.join(', ')}` })
  role!: string;
}

export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: BUILT_IN_ROLES }) role!: string;
  @ApiProperty({ format: 'date-time', description: 'When they joined' }) createdAt!: string;
}
