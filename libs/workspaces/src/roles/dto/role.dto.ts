import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BUILT_IN_ROLES } from '@quire/core';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNotEmpty,
  IsNotIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { MAX_CUSTOM_RULES } from '../custom-role-rules';
import { ROLE_KEY_MAX_LENGTH, ROLE_KEY_MIN_LENGTH, ROLE_KEY_PATTERN } from './role-key';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** One rule of a role: allow `action` on `subject`, optionally only where `conditions` hold and on `fields`. */
export class RoleRuleDto {
  @ApiProperty({
    example: 'update',
    description: 'A declared action (see the permission catalog) or `manage` (every action)',
  })
  action!: string;

  @ApiProperty({ example: 'Team', description: 'A subject declared by a loaded plugin' })
  subject!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { name: 'Blog' },
    description:
      'Only records where these fields have these values: `{ "field": value }` or `{ "field": { "$in": [values] } }` ' +
      'with strings, numbers or booleans; `"{{actor.id}}"` stands for the member holding the role. Only the ' +
      "subject's condition fields (permission catalog).",
  })
  conditions?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: [String],
    example: ['name'],
    description: "Only these fields (for example of an update); only the subject's restrictable fields",
  })
  fields?: string[];
}

export class RoleRuleResponse extends RoleRuleDto {
  @ApiPropertyOptional({ description: 'A forbid rule: only in built-in roles, from plugin grants' })
  inverted?: boolean;
}

export class CreateRoleDto {
  @ApiProperty({
    minLength: ROLE_KEY_MIN_LENGTH,
    maxLength: ROLE_KEY_MAX_LENGTH,
    pattern: ROLE_KEY_PATTERN.source,
    example: 'blog-editor',
    description:
      "What members' `role` holds: lower-case kebab-case, unique in the workspace, not a built-in role's name. " +
      'Cannot change later.',
  })
  @IsString()
  @Length(ROLE_KEY_MIN_LENGTH, ROLE_KEY_MAX_LENGTH, {
    message: `key must be ${ROLE_KEY_MIN_LENGTH} to ${ROLE_KEY_MAX_LENGTH} characters long`,
  })
  @Matches(ROLE_KEY_PATTERN, {
    message: 'key must be lower-case kebab-case: letters a-z, digits and single hyphens between them',
  })
  @IsNotIn(BUILT_IN_ROLES, { message: `key must not be the name of a built-in role (${BUILT_IN_ROLES.join(', ')})` })
  key!: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Blog editor' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, example: 'Edits the Blog team only' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiProperty({ type: [RoleRuleDto], maxItems: MAX_CUSTOM_RULES, description: 'Allow rules (no forbid rules)' })
  @IsArray()
  @ArrayMaxSize(MAX_CUSTOM_RULES)
  rules!: unknown[];
}

/** The key never changes: members hold the role by it. */
export class UpdateRoleDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'Blog editor' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({
    type: [RoleRuleDto],
    maxItems: MAX_CUSTOM_RULES,
    description: 'Replaces every rule; effective on the next request of each member holding the role',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CUSTOM_RULES)
  rules?: unknown[];
}

export class RoleResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for a built-in role' })
  id!: string | null;
  @ApiProperty({ example: 'blog-editor', description: "The built-in role's name or the custom role's key" })
  key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ description: 'Built-in roles are read-only; their rules come from the loaded plugins' })
  builtIn!: boolean;
  @ApiProperty({
    type: [RoleRuleResponse],
    description:
      'Each one action on one subject (built-in grants are listed expanded). Every custom role also lets its ' +
      'members leave the workspace, which is not listed.',
  })
  rules!: RoleRuleResponse[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who created it (a user)' })
  createdBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) createdAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
}
