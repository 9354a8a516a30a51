import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Content releases: entry locales of any type published or unpublished together, at a chosen time (kept as the
 * instant, with the time zone it was chosen in) or on demand, run by the `content.release-publishing` job. An entry
 * locale appears once per release (a unique index), so a release never holds two opposite actions for it.
 */
export class ContentReleases1764400000050 implements MigrationInterface {
  name = 'ContentReleases1764400000050';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE content_releases (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name text NOT NULL,
        scheduled_at timestamptz,
        time_zone text,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'scheduled', 'done', 'failed', 'cancelled')),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        executed_at timestamptz,
        error jsonb
      )`);
    // The job's scan: due scheduled releases, oldest first, across workspaces.
    await db.query(`CREATE INDEX content_releases_due ON content_releases (scheduled_at) WHERE status = 'scheduled'`);
    await db.query(`CREATE INDEX content_releases_workspace ON content_releases (workspace_id, created_at)`);
    await db.query(`
      CREATE TABLE content_release_items (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        release_id uuid NOT NULL REFERENCES content_releases (id) ON DELETE CASCADE,
        entry_id uuid NOT NULL REFERENCES content_entries (id) ON DELETE CASCADE,
        locale text NOT NULL,
        action text NOT NULL CHECK (action IN ('publish', 'unpublish')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT content_release_items_once UNIQUE (release_id, entry_id, locale)
      )`);
    await db.query(`CREATE INDEX content_release_items_entry ON content_release_items (workspace_id, entry_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE content_release_items`);
    await db.query(`DROP TABLE content_releases`);
  }
}
