import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The end of one workspace's audit chain (or the installation's): locked FOR UPDATE while a record is appended,
 * which serialises appends per chain. The anchor is the hash of the last record a purge removed.
 */
@Entity({ name: 'compliance_audit_chain_heads' })
export class AuditChainHead {
  /** The workspace id, or `installation`. */
  @PrimaryColumn({ name: 'chain_key', type: 'text' }) chainKey!: string;
  @Column({ name: 'workspace_id', type: 'uuid', nullable: true }) workspaceId!: string | null;
  @Column({ name: 'last_sequence', type: 'bigint' }) lastSequence!: string;
  @Column({ name: 'last_hash', type: 'text' }) lastHash!: string;
  @Column({ name: 'anchor_sequence', type: 'bigint' }) anchorSequence!: string;
  @Column({ name: 'anchor_hash', type: 'text' }) anchorHash!: string;
}
