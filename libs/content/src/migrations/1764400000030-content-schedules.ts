import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled publish and unpublish of one locale of an entry, run by the `content.scheduled-publishing` job. At most
 * one pending schedule per entry, locale and action (a partial unique index), so two clicks never publish twice;
 * done, failed and cancelled schedules stay as the record of what happened.
 */
export class ContentSchedules1764400000030 implements MigrationInterface {
  name = 'ContentSchedules1764400000030';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE content_schedules (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        entry_id uuid NOT NULL REFERENCES content_entries (id) ON DELETE CASCADE,
        locale text NOT NULL,
        action text NOT NULL CHECK (action IN ('publish', 'unpublish')),
        run_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed', 'cancelled')),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        executed_at timestamptz,
        error jsonb
      )`);
    await db.query(`
      CREATE UNIQUE INDEX content_schedules_one_pending
        ON content_schedules (entry_id, locale, action) WHERE status = 'pending'`);
    // The job's scan: due pending schedules, oldest first, across workspaces.
    await db.query(`CREATE INDEX content_schedules_due ON content_schedules (run_at) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX content_schedules_entry ON content_schedules (workspace_id, entry_id, locale)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE content_schedules`);
  }
}
