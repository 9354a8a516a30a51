import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comments on entries (optionally about one locale) and the members each one mentions. They go with their entry:
 * the trash purge and a permanent delete erase them through the foreign key.
 */
export class ContentComments1764400000080 implements MigrationInterface {
  name = 'ContentComments1764400000080';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE content_entry_comments (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        entry_id uuid NOT NULL REFERENCES content_entries (id) ON DELETE CASCADE,
        locale text,
        author_id uuid,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz
      )`);
    await db.query(`CREATE INDEX content_entry_comments_entry ON content_entry_comments (entry_id, created_at, id)`);
    await db.query(`CREATE INDEX content_entry_comments_workspace ON content_entry_comments (workspace_id)`);
    await db.query(`CREATE INDEX content_entry_comments_author ON content_entry_comments (author_id)`);
    await db.query(`
      CREATE TABLE content_comment_mentions (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        comment_id uuid NOT NULL REFERENCES content_entry_comments (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX content_comment_mentions_once ON content_comment_mentions (comment_id, user_id)`,
    );
    await db.query(`CREATE INDEX content_comment_mentions_user ON content_comment_mentions (user_id)`);
    await db.query(`CREATE INDEX content_comment_mentions_workspace ON content_comment_mentions (workspace_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE content_comment_mentions`);
    await db.query(`DROP TABLE content_entry_comments`);
  }
}
