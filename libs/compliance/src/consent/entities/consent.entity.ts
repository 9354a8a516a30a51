import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConsentSource } from '../consent-source';

/** A user's current answer for one purpose: the last record of its history (no row: never asked). */
@Entity({ name: 'compliance_consents' })
export class Consent {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @PrimaryColumn({ type: 'text' }) purpose!: string;
  @Column({ type: 'boolean' }) granted!: boolean;
  @Column({ type: 'text' }) source!: ConsentSource;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt!: Date;
}
