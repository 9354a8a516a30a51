import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateTranslationDto {
  @ApiPropertyOptional({
    example: 'en',
    description:
      "Copy this locale's localized draft values into the new locale; without it the new locale starts empty",
  })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  from?: string;
}
