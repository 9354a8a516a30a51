import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/** A preview token, kept as its SHA-256 only; read and written with explicit SQL by PreviewTokenStore. */
@Entity({ name: 'content_preview_tokens' })
export class ContentPreviewToken extends UuidV7Entity {
  @Index() @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Index({ unique: true }) @Column({ name: 'token_hash', type: 'text' }) tokenHash!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  /** What the token may preview: one type, one entry, or (both null) the whole workspace. */
  @Column({ name: 'content_type_id', type: 'uuid', nullable: true }) contentTypeId!: string | null;
  @Column({ name: 'entry_id', type: 'uuid', nullable: true }) entryId!: string | null;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
