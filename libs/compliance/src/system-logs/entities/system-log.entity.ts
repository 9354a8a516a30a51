import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One finished API request (migration 1764800100000); written by SystemLogRecorder, never by a route. */
@Entity({ name: 'compliance_system_logs' })
export class SystemLog {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ type: 'text' }) method!: string;
  /** The matched route pattern; null when no route matched. */
  @Column({ type: 'text', nullable: true }) route!: string | null;
  @Column({ type: 'integer' }) status!: number;
  @Column({ name: 'duration_ms', type: 'integer' }) durationMs!: number;
  @Column({ name: 'actor_type', type: 'text' }) actorType!: string;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ name: 'impersonator_id', type: 'uuid', nullable: true }) impersonatorId!: string | null;
  @Column({ name: 'workspace_id', type: 'uuid', nullable: true }) workspaceId!: string | null;
  @Column({ type: 'text', nullable: true }) ip!: string | null;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent!: string | null;
  @Column({ name: 'request_id', type: 'text' }) requestId!: string;
  @Column({ name: 'rate_limited', type: 'boolean' }) rateLimited!: boolean;
  @Column({ name: 'error_code', type: 'text', nullable: true }) errorCode!: string | null;
  /** The open incident that holds this row past its retention; null: normal retention applies. */
  @Column({ name: 'incident_id', type: 'uuid', nullable: true }) incidentId!: string | null;
}
