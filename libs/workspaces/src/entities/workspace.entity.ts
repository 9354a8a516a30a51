import { UuidV7Entity } from '@quire/core';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';

export const WORKSPACE_STATUSES = ['active', 'suspended', 'closed'] as const;
export type WorkspaceStatus = (typeof WORKSPACE_STATUSES)[number];

/** The boundary of all content, media, keys and billing. Closed workspaces are erased by retention. */
@Entity({ name: 'workspaces' })
export class Workspace extends UuidV7Entity {
  @Column({ type: 'text' }) name!: string;
  /** Lower-case kebab-case, unique regardless of case (index on lower(slug)). */
  @Column({ type: 'text' }) slug!: string;
  /** A media asset once media exists; a URL until then. */
  @Column({ name: 'logo_url', type: 'text', nullable: true }) logoUrl!: string | null;
  @Column({ name: 'default_locale', type: 'text', default: 'en' }) defaultLocale!: string;
  @Column({ name: 'enabled_locales', type: 'text', array: true, default: '{en}' }) enabledLocales!: string[];
  /** IANA time zone name. */
  @Column({ name: 'time_zone', type: 'text', default: 'UTC' }) timeZone!: string;
  /** Owned by billing later; every workspace starts on Free. */
  @Column({ type: 'text', default: 'free' }) plan!: string;
  @Column({ name: 'trial_ends_at', type: 'timestamptz', nullable: true }) trialEndsAt!: Date | null;
  /** Per plugin, keyed by plugin name. */
  @Column({ type: 'jsonb', default: {} }) settings!: Record<string, unknown>;
  @Column({ type: 'text', default: 'active' }) status!: WorkspaceStatus;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
