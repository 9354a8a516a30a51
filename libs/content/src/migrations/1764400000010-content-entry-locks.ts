import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Soft locks of entries being edited (issue #6): at most one per entry (`entry_id` unique, which is what makes two
 * editors racing for a free entry end with exactly one holder). A lock past `expires_at` counts as free; rows
 * expired for more than a day are erased by the `content.expired-entry-locks` retention policy.
 */
export class ContentEntryLocks1764400000010 implements MigrationInterface {
  name = 'ContentEntryLocks1764400000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE content_entry_locks (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        entry_id uuid NOT NULL REFERENCES content_entries (id) ON DELETE CASCADE,
        holder_user_id uuid NOT NULL REFERENCES identity_users (id) ON DELETE CASCADE,
        holder_session_id text,
        acquired_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CHECK (expires_at > heartbeat_at)
      )`);
    await db.query(`CREATE UNIQUE INDEX content_entry_locks_entry ON content_entry_locks (entry_id)`);
    await db.query(`CREATE INDEX content_entry_locks_workspace ON content_entry_locks (workspace_id)`);
    await db.query(`CREATE INDEX content_entry_locks_expires ON content_entry_locks (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE content_entry_locks`);
  }
}
