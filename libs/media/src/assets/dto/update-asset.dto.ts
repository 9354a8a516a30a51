import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { AltTextField, CaptionField, TagsField, TitleField, VisibilityField } from './asset-fields';

export class FocalPointDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.5, description: 'From the left edge' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  x!: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.3, description: 'From the top edge' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  y!: number;
}

/** PATCH /media/{id}: only the members sent change; `null` clears a nullable one. */
export class UpdateAssetDto {
  @TitleField() title?: string | null;
  @AltTextField() altText?: string | null;
  @CaptionField() caption?: string | null;

  @ApiPropertyOptional({ type: FocalPointDto, nullable: true, description: 'Where crops centre; null clears it' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @ValidateNested()
  @Type(() => FocalPointDto)
  focalPoint?: FocalPointDto | null;

  @TagsField() tags?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'Move to a folder; null: the root',
  })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsUUID()
  folderId?: string | null;

  @ApiPropertyOptional({
    example: 'team-photo.jpg',
    description:
      "Sanitised like an upload name; its extension must name the file's type (a JPEG stays .jpg/.jpeg), one without an extension gets it",
  })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  fileName?: string;

  @VisibilityField() visibility?: 'public' | 'private';
}
