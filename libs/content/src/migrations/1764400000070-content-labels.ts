import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Labels of a workspace (name unique regardless of case, optional colour) and the entries they are attached to.
 * Both go with the workspace; an attachment goes with its entry or its label.
 */
export class ContentLabels1764400000070 implements MigrationInterface {
  name = 'ContentLabels1764400000070';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE content_labels (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        color text CHECK (color IS NULL OR color ~ '^#[0-9a-f]{6}$'),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX content_labels_name ON content_labels (workspace_id, lower(name))`);
    await db.query(`
      CREATE TABLE content_entry_labels (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        entry_id uuid NOT NULL REFERENCES content_entries (id) ON DELETE CASCADE,
        label_id uuid NOT NULL REFERENCES content_labels (id) ON DELETE CASCADE,
        added_by uuid,
        added_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX content_entry_labels_once ON content_entry_labels (entry_id, label_id)`);
    // The entry list's label filter: entries carrying a label.
    await db.query(`CREATE INDEX content_entry_labels_label ON content_entry_labels (label_id, entry_id)`);
    await db.query(`CREATE INDEX content_entry_labels_workspace ON content_entry_labels (workspace_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE content_entry_labels`);
    await db.query(`DROP TABLE content_labels`);
  }
}
