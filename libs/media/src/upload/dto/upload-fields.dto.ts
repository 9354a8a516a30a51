import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { AltTextField, CaptionField, TagsField, TitleField, VisibilityField } from '../../assets/dto/asset-fields';

/** The text parts of an upload besides the file, validated like the JSON of PATCH /media/{id}. */
export class UploadFieldsDto {
  @TitleField() title?: string | null;
  @AltTextField() altText?: string | null;
  @CaptionField() caption?: string | null;
  @TagsField() tags?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Folder to put it in; absent: the root' })
  @IsOptional()
  @IsUUID()
  folderId?: string;

  @VisibilityField() visibility?: 'public' | 'private';
}

/** What OpenAPI shows for the multipart body. */
export class UploadAssetBody extends UploadFieldsDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'The file (exactly one part named "file"). Its type is detected from its bytes.',
  })
  file!: unknown;
}

/** Multipart text parts an upload takes (tags may repeat, or come as one comma-separated value). */
export const UPLOAD_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'title',
  'altText',
  'caption',
  'tags',
  'folderId',
  'visibility',
]);
