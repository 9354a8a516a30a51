import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/** A 2FA recovery code: shown once, stored hashed, single use. */
@Entity({ name: 'identity_recovery_codes' })
@Index('identity_recovery_codes_user', ['userId'])
export class RecoveryCode extends UuidV7Entity {
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'code_hash', type: 'text' }) codeHash!: string;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
