import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { UploadFieldsDto } from '../../upload/dto/upload-fields.dto';

/** POST /media/import: the file at `url`, with the same fields as a multipart upload. */
export class ImportUrlDto extends UploadFieldsDto {
  @ApiProperty({
    format: 'uri',
    maxLength: 2048,
    description: 'http(s) URL of the file; private, loopback and link-local addresses are refused (redirects too)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url!: string;

  @ApiPropertyOptional({
    maxLength: 255,
    description: "The asset's file name; absent: the last segment of the URL's path (after redirects)",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  fileName?: string;
}
