import { Column, Entity, Index } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

/** A soft lock of an entry being edited; read and written with explicit SQL by EntryLockStore. */
@Entity({ name: 'content_entry_locks' })
export class ContentEntryLock extends UuidV7Entity {
  @Index() @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Index({ unique: true }) @Column({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @Column({ name: 'holder_user_id', type: 'uuid' }) holderUserId!: string;
  /** The sign-in session that took the lock (null for tokens without one). */
  @Column({ name: 'holder_session_id', type: 'text', nullable: true }) holderSessionId!: string | null;
  @Column({ name: 'acquired_at', type: 'timestamptz' }) acquiredAt!: Date;
  @Column({ name: 'heartbeat_at', type: 'timestamptz' }) heartbeatAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
}
