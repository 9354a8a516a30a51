import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/** What an entry's draft looked like after one change: `snapshot` is the whole state, `diff` the field-level change. */
@Entity({ name: 'content_revisions' })
export class ContentRevision extends UuidV7Entity {
  @Index() @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @Column({ type: 'integer' }) number!: number;
  /** `create`, `save`, `publish`, `unpublish`, `restore`, `translate`, `trash`, `untrash`, `reference-removed`. */
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text', nullable: true }) locale!: string | null;
  @Column({ type: 'jsonb' }) snapshot!: EntrySnapshot;
  @Column({ type: 'jsonb', default: () => `'[]'` }) diff!: FieldChange[];
  @Column({ name: 'restored_from', type: 'integer', nullable: true }) restoredFrom!: number | null;
  @Column({ name: 'actor_type', type: 'text' }) actorType!: string;
  @Column({ name: 'actor_id', type: 'text', nullable: true }) actorId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** The whole draft state of an entry: shared values and each locale's localized values. */
export interface EntrySnapshot {
  shared: Record<string, unknown>;
  locales: Record<string, Record<string, unknown>>;
}

/** One changed value: `path` is `field` or `field.sub[2].x`, `locale` null for a shared field. */
export interface FieldChange {
  path: string;
  locale: string | null;
  before?: unknown;
  after?: unknown;
  /** `published`: a change to the locale's published document (a deleted asset removed from it); absent: the draft. */
  version?: 'published';
}
