import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_REQUIRED_APPROVALS, MAX_STAGES, MAX_TRANSITIONS, STAGE_KEY_PATTERN } from '../workflow-definition';

const COLOR = /^#[0-9a-fA-F]{6}$/;
const ROLES_DOC =
  'Role keys of the workspace: built-in (owner, admin, editor, author, reviewer, viewer, auditor) or custom';

export class WorkflowStageDto {
  @ApiProperty({ example: 'review', description: 'Kebab-case, unique in the workflow' })
  @IsString()
  @Length(1, 40)
  @Matches(STAGE_KEY_PATTERN, { message: 'key must be kebab-case (e.g. "in-review")' })
  key!: string;

  @ApiProperty({ example: 'In review' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '#f59e0b' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @Matches(COLOR, { message: 'color must be #rrggbb' })
  color?: string | null;

  @ApiPropertyOptional({
    default: 0,
    minimum: 0,
    maximum: MAX_REQUIRED_APPROVALS,
    description: 'Approvals by distinct members, on the current values, needed to move forward out of the stage',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_REQUIRED_APPROVALS)
  requiredApprovals?: number;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    example: ['reviewer'],
    description: `Who may approve in this stage (${ROLES_DOC}); null or absent: whoever may approve entries`,
  })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  approverRoles?: string[] | null;

  @ApiPropertyOptional({
    default: false,
    description: 'Every reviewer assigned to the entry locale must also have approved to move forward',
  })
  @IsOptional()
  @IsBoolean()
  requireAssignedReviewers?: boolean;
}

export class WorkflowTransitionDto {
  @ApiProperty({ example: 'draft' })
  @IsString()
  @Length(1, 40)
  from!: string;

  @ApiProperty({ example: 'review' })
  @IsString()
  @Length(1, 40)
  to!: string;

  @ApiProperty({
    type: [String],
    example: ['author', 'editor'],
    description: `${ROLES_DOC}; no role bypasses this list`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  roles!: string[];
}

/** A whole workflow: what POST creates and PUT replaces. */
export class WorkflowDto {
  @ApiProperty({ example: 'Editorial review' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ type: [WorkflowStageDto], description: 'In order; every entry locale starts in the first' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_STAGES)
  @ValidateNested({ each: true })
  @Type(() => WorkflowStageDto)
  stages!: WorkflowStageDto[];

  @ApiPropertyOptional({ type: [WorkflowTransitionDto], default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TRANSITIONS)
  @ValidateNested({ each: true })
  @Type(() => WorkflowTransitionDto)
  transitions?: WorkflowTransitionDto[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'approved',
    description: 'The stage an entry locale must be in to be published (not the first stage); null: not gated',
  })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsString()
  publishStage?: string | null;

  @ApiPropertyOptional({ default: false, description: 'The author of a change may not approve it' })
  @IsOptional()
  @IsBoolean()
  fourEyes?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Governs every type of the workspace that no workflow names (one default per workspace)',
  })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;

  @ApiPropertyOptional({
    type: [String],
    example: ['article'],
    default: [],
    description: 'API ids of the collection and singleton types it governs; a type is in one workflow at most',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  contentTypes?: string[];
}
