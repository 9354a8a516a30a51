import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsUUID, ValidateIf } from 'class-validator';

/** The whole assignment of an entry locale (PUT replaces it). */
export class AssignmentDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'User id of the member who works on the locale (a member who may edit the entry); null: nobody',
  })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    default: [],
    description: 'User ids of the members who review it (members who may approve the entry)',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  reviewerIds?: string[];
}
