import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';

export class SwitchActiveWorkspaceDto {
  @ApiProperty({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: 200,
    example: 'acme',
    description: 'The workspace to work in (id or slug); null to work in none',
  })
  // Required: null clears, a missing member is a 400 naming it.
  @ValidateIf((_dto, value) => value !== null)
  @IsString()
  @Length(1, 200)
  workspace!: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A team of that workspace you are in; left out or null: no active team',
  })
  @IsOptional()
  @IsUUID()
  team?: string | null;
}
