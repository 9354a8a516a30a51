import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '@quire/core';

/**
 * One file of a workspace's media library (migration 1764600000000): where its bytes are stored, what they are
 * (detected from the bytes), and the metadata editors give it. The bytes never change after upload; a file uploaded
 * again (same SHA-256) is the same asset.
 */
@Entity({ name: 'media_assets' })
export class MediaAsset extends TenantOwnedEntity {
  /** Driver that stored the object (`local`, `s3`): a later driver change can still find old objects. */
  @Column({ name: 'storage_driver', type: 'text' }) storageDriver!: string;
  @Column({ name: 'storage_key', type: 'text' }) storageKey!: string;
  /** Sanitised: no path, no control or format characters; always ends with an extension of its detected type. */
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ name: 'alt_text', type: 'text', nullable: true }) altText!: string | null;
  @Column({ type: 'text', nullable: true }) caption!: string | null;
  /** Detected from the bytes at upload. */
  @Column({ name: 'mime_type', type: 'text' }) mimeType!: string;
  @Column({ type: 'text' }) kind!: string;
  /** Bytes stored (after metadata stripping). bigint: read as a string by pg, mapped to a number. */
  @Column({
    name: 'size_bytes',
    type: 'bigint',
    transformer: { to: (value: number) => value, from: (value: string) => Number(value) },
  })
  sizeBytes!: number;
  @Column({ type: 'integer', nullable: true }) width!: number | null;
  @Column({ type: 'integer', nullable: true }) height!: number | null;
  /** Audio and video length; null until a probe is installed (docs/media/library.md). */
  @Column({ name: 'duration_ms', type: 'integer', nullable: true }) durationMs!: number | null;
  /** SHA-256 of the stored bytes, hex: the dedupe key and the ETag. */
  @Column({ name: 'checksum_sha256', type: 'text' }) checksumSha256!: string;
  /** Focal point for crops, each 0..1 from the left and top; both or neither. */
  @Column({ name: 'focal_x', type: 'real', nullable: true }) focalX!: number | null;
  @Column({ name: 'focal_y', type: 'real', nullable: true }) focalY!: number | null;
  @Column({ name: 'folder_id', type: 'uuid', nullable: true }) folderId!: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags!: string[];
  /** `public`: delivered to anyone; `private`: members and signed URLs only. */
  @Column({ type: 'text' }) visibility!: string;
  /** The image still carries its EXIF/XMP metadata (the workspace keeps it): personal data (data inventory). */
  @Column({ name: 'exif_kept', type: 'boolean', default: false }) exifKept!: boolean;
  /** The uploading member; null for API keys and after erasure. */
  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true }) uploadedBy!: string | null;
}
