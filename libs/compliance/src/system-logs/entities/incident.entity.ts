import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What an incident flags: system-log rows of its time range matching every filter given. */
export interface IncidentFilter {
  actorId?: string;
  ip?: string;
  route?: string;
  workspaceId?: string;
}

/** An incident under investigation: its system-log rows are kept past their retention until it is closed. */
@Entity({ name: 'compliance_incidents' })
export class Incident {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'from_time', type: 'timestamptz' }) from!: Date;
  @Column({ name: 'until_time', type: 'timestamptz' }) until!: Date;
  @Column({ type: 'jsonb' }) filter!: IncidentFilter;
  /** Rows the incident flagged when it was opened. */
  @Column({ name: 'flagged_rows', type: 'integer' }) flaggedRows!: number;
  @Column({ name: 'opened_by', type: 'uuid' }) openedBy!: string;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'closed_by', type: 'uuid', nullable: true }) closedBy!: string | null;
  @Column({ name: 'close_reason', type: 'text', nullable: true }) closeReason!: string | null;
}
