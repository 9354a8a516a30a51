import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

export type SessionRevocationReason =
  | 'sign-out'
  | 'revoked'
  | 'password-changed'
  | 'two-factor-changed'
  | 'refresh-reuse'
  | 'account-closed'
  /** An impersonation session ended on demand (or by signing out of it). */
  | 'impersonation-ended';

/**
 * A signed-in device. The refresh token rotates on every use; all tokens of one sign-in share a family, and a
 * reused (already rotated) refresh token revokes the whole family.
 */
@Entity({ name: 'identity_sessions' })
@Index('identity_sessions_user', ['userId'])
@Index('identity_sessions_family', ['familyId'])
export class Session extends UuidV7Entity {
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'family_id', type: 'uuid' }) familyId!: string;
  /** SHA-256 of the current refresh token; the token itself is never stored. */
  @Column({ name: 'refresh_token_hash', type: 'text', unique: true }) refreshTokenHash!: string;
  @Column({ type: 'text', nullable: true }) ip!: string | null;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'last_seen_at', type: 'timestamptz' }) lastSeenAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoked_reason', type: 'text', nullable: true }) revokedReason!: SessionRevocationReason | null;
  @Column({ name: 'active_workspace_id', type: 'uuid', nullable: true }) activeWorkspaceId!: string | null;
  @Column({ name: 'active_team_id', type: 'uuid', nullable: true }) activeTeamId!: string | null;
  /** The platform administrator acting as this user, for impersonation sessions. */
  @Column({ name: 'impersonator_id', type: 'uuid', nullable: true }) impersonatorId!: string | null;
}
