import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkspaceRoles1764200000000 implements MigrationInterface {
  name = 'WorkspaceRoles1764200000000';

  async up(db: QueryRunner): Promise<void> {
    // Members reference a custom role by key in workspace_members.role (built-in names are no rows), so the
    // application refuses deleting a role in use; the key pattern is repeated here as a second wall.
    await db.query(`
      CREATE TABLE workspace_roles (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(key) BETWEEN 3 AND 40),
        name text NOT NULL,
        description text,
        rules jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(rules) = 'array'),
        created_by uuid REFERENCES identity_users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX workspace_roles_key ON workspace_roles (workspace_id, key)`);
    await db.query(`CREATE INDEX workspace_roles_created_by ON workspace_roles (created_by)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE workspace_roles`);
  }
}
