import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';

/** Trimmed; no control or format characters and no slashes (a folder name is not a path). */
const NameField = (required: boolean) =>
  applyDecorators(
    required
      ? ApiProperty({ example: 'Team photos', minLength: 1, maxLength: 255 })
      : ApiPropertyOptional({ example: 'Team photos', minLength: 1, maxLength: 255 }),
    ...(required ? [] : [IsOptional()]),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value)),
    IsString(),
    Length(1, 255),
    Matches(/^[^\p{Cc}\p{Cf}/\\]*$/u, { message: 'name must not contain slashes or control characters' }),
  );

export class CreateFolderDto {
  @NameField(true) name!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'Parent folder; absent or null: the root',
  })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsUUID()
  parentId?: string | null;
}

export class UpdateFolderDto {
  @NameField(false) name?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'Move under this folder (null: the root); not the folder itself nor one below it (409)',
  })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsUUID()
  parentId?: string | null;
}

export class DeleteFolderQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: delete the subfolders and the assets in them too (each asset needs delete permission)',
  })
  @IsOptional()
  @Matches(/^(true|false)$/, { message: 'recursive must be true or false' })
  recursive?: string;
}
