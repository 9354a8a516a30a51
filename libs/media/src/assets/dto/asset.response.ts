import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MediaAsset } from '../../entities/media-asset.entity';
import { MEDIA_KINDS } from '../../upload/media-types';
import type { MediaUrls } from '../../serving/media-urls';

export class FocalPoint {
  @ApiProperty({ minimum: 0, maximum: 1, description: 'From the left edge, 0..1', example: 0.5 }) x!: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'From the top edge, 0..1', example: 0.3 }) y!: number;
}

export class AssetResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    example: 'team-photo.jpg',
    description: 'Sanitised (no path, no control characters); always ends with an extension of its type',
  })
  fileName!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) altText!: string | null;
  @ApiProperty({ type: String, nullable: true }) caption!: string | null;
  @ApiProperty({ example: 'image/jpeg', description: 'Detected from the bytes at upload' }) mimeType!: string;
  @ApiProperty({ enum: MEDIA_KINDS }) kind!: string;
  @ApiProperty({ description: 'Bytes stored' }) size!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Images only' }) width!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Images only' }) height!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Audio and video length (not probed yet: null)' })
  durationMs!: number | null;
  @ApiProperty({ description: 'SHA-256 of the stored bytes, hex; also the ETag of the file' }) checksum!: string;
  @ApiProperty({ type: FocalPoint, nullable: true }) focalPoint!: FocalPoint | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null: the root of the library' })
  folderId!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: ['public', 'private'] }) visibility!: string;
  @ApiProperty({
    description: "The stored image still holds its EXIF/XMP metadata (the workspace's keepImageMetadata setting)",
  })
  imageMetadataKept!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Member who uploaded it' })
  uploadedBy!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Public delivery URL (through MEDIA_CDN_BASE_URL when set); null for a private asset',
  })
  url!: string | null;
  @ApiProperty({ description: 'Download of the original for members (the member route)' }) fileUrl!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    description:
      "A public raster image's variants of the installation's presets (thumbnail, small, medium, large, social), " +
      'each URL versioned (`?v=`, cacheable for a year); null for private assets and files that are not raster images',
    example: { thumbnail: 'https://cms.example.com/api/v1/delivery/0193…/media/0193…/variants/thumbnail?v=3f2a…' },
  })
  variants!: Record<string, string> | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UploadedAssetResponse extends AssetResponse {
  @ApiPropertyOptional({
    description:
      'true: the workspace already had this exact file (same SHA-256); this is that asset, unchanged (answered 200)',
  })
  duplicate!: boolean;
}

export class AssetListMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class AssetListResponse {
  @ApiProperty({ type: [AssetResponse], description: 'Each item limited to `fields` when given' })
  data!: Array<Partial<AssetResponse>>;
  @ApiProperty({ type: AssetListMeta }) meta!: AssetListMeta;
}

export function toAssetResponse(asset: MediaAsset, urls: MediaUrls): AssetResponse {
  return {
    id: asset.id,
    fileName: asset.fileName,
    title: asset.title,
    altText: asset.altText,
    caption: asset.caption,
    mimeType: asset.mimeType,
    kind: asset.kind,
    size: asset.sizeBytes,
    width: asset.width,
    height: asset.height,
    durationMs: asset.durationMs,
    checksum: asset.checksumSha256,
    focalPoint: asset.focalX === null || asset.focalY === null ? null : { x: asset.focalX, y: asset.focalY },
    folderId: asset.folderId,
    tags: asset.tags,
    visibility: asset.visibility,
    imageMetadataKept: asset.exifKept,
    uploadedBy: asset.uploadedBy,
    url: urls.publicUrl(asset),
    fileUrl: urls.fileUrl(asset),
    variants: urls.variantUrls(asset),
    createdAt: asset.createdAt.toISOString(),
    updatedAt: asset.updatedAt.toISOString(),
  };
}
