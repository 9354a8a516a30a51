import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Preview tokens: only the SHA-256 of each token is kept (the token itself is shown once), with what it may
 * preview (a type, an entry, or the whole workspace) and when it dies. Expired rows are never served; they are
 * erased when the next token of the workspace is minted.
 */
export class ContentPreviewTokens1764400000020 implements MigrationInterface {
  name = 'ContentPreviewTokens1764400000020';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE content_preview_tokens (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        created_by uuid,
        content_type_id uuid REFERENCES content_types (id) ON DELETE CASCADE,
        entry_id uuid REFERENCES content_entries (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX content_preview_tokens_hash ON content_preview_tokens (token_hash)`);
    await db.query(`CREATE INDEX content_preview_tokens_expiry ON content_preview_tokens (workspace_id, expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE content_preview_tokens`);
  }
}
