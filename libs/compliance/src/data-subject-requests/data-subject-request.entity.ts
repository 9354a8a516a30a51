import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { RequestChannel, RequestStatus, RequestType, VerificationMethod } from './data-subject-request.types';

/** A person's request about their personal data (GDPR arts. 15–21), from receipt to its answer. */
@Entity({ name: 'compliance_data_subject_requests' })
export class DataSubjectRequest {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  /** The data subject: the account the request is about. */
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'text' }) type!: RequestType;
  @Column({ type: 'text' }) status!: RequestStatus;
  /** The subject themselves (self-service) or the administrator who recorded it. */
  @Column({ name: 'requested_by', type: 'uuid' }) requestedBy!: string;
  @Column({ type: 'text' }) channel!: RequestChannel;
  @Column({ name: 'verification_method', type: 'text' }) verificationMethod!: VerificationMethod;
  @Column({ name: 'verification_note', type: 'text', nullable: true }) verificationNote!: string | null;
  /** SHA-256 of the mailed code; cleared once verified. Never exported. */
  @Column({ name: 'verification_code_hash', type: 'text', nullable: true }) verificationCodeHash!: string | null;
  @Column({ name: 'verification_attempts', type: 'integer', default: 0 }) verificationAttempts!: number;
  @Column({ name: 'verification_expires_at', type: 'timestamptz', nullable: true })
  verificationExpiresAt!: Date | null;
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true }) verifiedAt!: Date | null;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ type: 'jsonb', default: {} }) details!: Record<string, unknown>;
  @Column({ type: 'jsonb', nullable: true }) result!: Record<string, unknown> | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ name: 'rejected_reason', type: 'text', nullable: true }) rejectedReason!: string | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
