import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '@quire/core';

/**
 * One locale of an entry: the localized draft values, and the published document of this locale (shared and
 * localized values as they were when it was published, private fields left out), apart from the draft.
 */
@Entity({ name: 'content_entry_locales' })
export class ContentEntryLocale extends TenantOwnedEntity {
  @Column({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @Column({ name: 'content_type_id', type: 'uuid' }) contentTypeId!: string;
  @Column({ type: 'text' }) locale!: string;
  @Column({ name: 'draft_data', type: 'jsonb', default: () => `'{}'` }) draftData!: Record<string, unknown>;
  @Column({ name: 'published_data', type: 'jsonb', nullable: true }) publishedData!: Record<string, unknown> | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ name: 'first_published_at', type: 'timestamptz', nullable: true }) firstPublishedAt!: Date | null;
  @Column({ name: 'published_by', type: 'uuid', nullable: true }) publishedBy!: string | null;
  @Column({ name: 'published_revision', type: 'integer', nullable: true }) publishedRevision!: number | null;
  /** Written with raw SQL at publish (to_tsvector with the locale's text search configuration). */
  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false }) searchVector!: string | null;
  /** The entry's trash state, repeated here so the delivery read needs no join. */
  @Column({ name: 'in_trash', type: 'boolean', default: false }) inTrash!: boolean;
}
