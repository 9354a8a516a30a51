import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';

const COLOR = /^#[0-9a-fA-F]{6}$/;

export class CreateLabelDto {
  @ApiProperty({ example: 'Legal review' })
  @IsString()
  @Length(1, 60)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '#2563eb' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @Matches(COLOR, { message: 'color must be #rrggbb' })
  color?: string | null;
}

export class UpdateLabelDto {
  @ApiPropertyOptional({ example: 'Legal review' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '#2563eb', description: 'null removes the colour' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @Matches(COLOR, { message: 'color must be #rrggbb' })
  color?: string | null;
}
