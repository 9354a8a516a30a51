import { UuidV7Entity } from '@quire/core';
import { Column, Entity } from 'typeorm';

export const LEGAL_HOLD_SCOPES = ['workspace', 'user', 'time-range'] as const;
export type LegalHoldScope = (typeof LEGAL_HOLD_SCOPES)[number];

/**
 * A legal hold: while active (not released), the rows it covers are exempt from every retention policy and from
 * erasure. Scope `workspace` holds a workspace's rows, `user` a person's, `time-range` the rows whose age falls in
 * [held_from, held_until] (of one workspace, or of the whole installation when workspace_id is null).
 */
@Entity({ name: 'compliance_legal_holds' })
export class LegalHold extends UuidV7Entity {
  @Column({ type: 'text' }) scope!: LegalHoldScope;
  @Column({ name: 'workspace_id', type: 'uuid', nullable: true }) workspaceId!: string | null;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId!: string | null;
  @Column({ name: 'held_from', type: 'timestamptz', nullable: true }) heldFrom!: Date | null;
  @Column({ name: 'held_until', type: 'timestamptz', nullable: true }) heldUntil!: Date | null;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'placed_by', type: 'uuid' }) placedBy!: string;
  @Column({ name: 'placed_at', type: 'timestamptz', default: () => 'now()' }) placedAt!: Date;
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true }) releasedAt!: Date | null;
  @Column({ name: 'released_by', type: 'uuid', nullable: true }) releasedBy!: string | null;
  @Column({ name: 'release_reason', type: 'text', nullable: true }) releaseReason!: string | null;
}
