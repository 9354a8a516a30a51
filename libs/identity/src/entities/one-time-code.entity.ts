import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

export type OneTimeCodePurpose =
  | 'sign-in'
  | 'verify-email'
  | 'reset-password'
  /** The second step of a sign-in with 2FA: a random token bound to the user, attempt-limited (ADR 0011). */
  | 'two-factor-challenge';

/** A single-use code or link token sent by mail: stored only as a hash, limited in time and attempts. */
@Entity({ name: 'identity_one_time_codes' })
@Index('identity_one_time_codes_lookup', ['email', 'purpose'])
export class OneTimeCode extends UuidV7Entity {
  /** Normalised (lower-case) address the code was sent to. */
  @Column({ type: 'text' }) email!: string;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId!: string | null;
  @Column({ type: 'text' }) purpose!: OneTimeCodePurpose;
  @Column({ name: 'code_hash', type: 'text' }) codeHash!: string;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true }) consumedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
