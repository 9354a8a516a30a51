import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConsentSource } from '../consent-source';

/** One opt-in or withdrawal, kept as proof of consent; never changed (migration 1764800300000). */
@Entity({ name: 'compliance_consent_records' })
export class ConsentRecord {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  /** A key of the `consentPurposes` option. */
  @Column({ type: 'text' }) purpose!: string;
  @Column({ type: 'boolean' }) granted!: boolean;
  @Column({ type: 'text' }) source!: ConsentSource;
  /** Who recorded it: the user, or the platform administrator recording a paper form. */
  @Column({ name: 'actor_id', type: 'text', nullable: true }) actorId!: string | null;
  @Column({ type: 'text', nullable: true }) ip!: string | null;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent!: string | null;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
}
