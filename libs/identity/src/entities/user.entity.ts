import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

export interface UserPreferences {
  theme?: 'light' | 'dark' | 'system';
  language?: string;
  notifications?: Record<string, boolean>;
}

/** An account. Installation-wide (not tenant-owned): a user joins many workspaces through memberships. */
@Entity({ name: 'identity_users' })
export class User extends UuidV7Entity {
  /** Stored as given; uniqueness is on lower(email) (see the migration). */
  @Column({ type: 'text' }) email!: string;
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true }) emailVerifiedAt!: Date | null;
  @Column({ name: 'display_name', type: 'text' }) displayName!: string;
  @Column({ name: 'avatar_url', type: 'text', nullable: true }) avatarUrl!: string | null;
  /** argon2id; null for accounts that only sign in with email codes or SSO. */
  @Column({ name: 'password_hash', type: 'text', nullable: true }) passwordHash!: string | null;
  /** TOTP secret sealed with SecretCipher; null until 2FA is set up. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true }) totpSecret!: string | null;
  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true }) totpEnabledAt!: Date | null;
  /** The last accepted TOTP time step: a code is never accepted twice (replay). */
  @Column({ name: 'totp_last_used_step', type: 'bigint', nullable: true }) totpLastUsedStep!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) preferences!: UserPreferences;
  @Column({ name: 'platform_admin', type: 'boolean', default: false }) platformAdmin!: boolean;
  @Index('identity_users_closed_at')
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
