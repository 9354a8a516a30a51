import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'title' }) path!: string;
  @ApiProperty({ example: 'title must be shorter than or equal to 200 characters' }) message!: string;
}

/** RFC 9457 problem details, as every error response carries them. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'urn:quire:problem:core.validation-failed' }) type!: string;
  @ApiProperty({ example: 'Validation failed' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiPropertyOptional({ example: 'The request has invalid fields; see errors.' }) detail?: string;
  @ApiPropertyOptional({ example: '/api/v1/workspaces/acme/notes' }) instance?: string;
  @ApiPropertyOptional({ example: '01930c3e-8a4b-7cc2-9d7e-3f1a2b4c5d6e' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldProblemDto] }) errors?: FieldProblemDto[];
}
