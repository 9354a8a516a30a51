import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateEntryDto {
  @ApiPropertyOptional({
    example: 'en',
    description: 'An enabled locale of the workspace; default: its default locale',
  })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  locale?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { title: 'Hello world', body: 'First post' },
    description: "Field values by field name (shared and localized together); checked against the type's fields",
  })
  @IsObject()
  data!: Record<string, unknown>;
}
