import { BeforeInsert, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidv7 } from '@quire/core';

/** A 2FA recovery code: shown once, stored hashed, single use. */
@Entity({ name: 'identity_recovery_codes' })
@Index('identity_recovery_codes_user', ['userId'])
export class RecoveryCode {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'code_hash', type: 'text' }) codeHash!: string;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;

  @BeforeInsert() protected assignId(): void {
    this.id ??= uuidv7();
  }
}
