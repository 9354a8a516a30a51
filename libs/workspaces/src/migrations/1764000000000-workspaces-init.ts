import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkspacesInit1764000000000 implements MigrationInterface {
  name = 'WorkspacesInit1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workspaces (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        slug text NOT NULL,
        logo_url text,
        default_locale text NOT NULL DEFAULT 'en',
        enabled_locales text[] NOT NULL DEFAULT '{en}',
        time_zone text NOT NULL DEFAULT 'UTC',
        plan text NOT NULL DEFAULT 'free',
        trial_ends_at timestamptz,
        settings jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX workspaces_slug ON workspaces (lower(slug))`);
    // An old slug keeps answering for its workspace; no other workspace may take it while it does.
    await db.query(`
      CREATE TABLE workspace_slug_redirects (
        id uuid PRIMARY KEY,
        old_slug text NOT NULL,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX workspace_slug_redirects_old_slug ON workspace_slug_redirects (lower(old_slug))`,
    );
    await db.query(`CREATE INDEX workspace_slug_redirects_workspace ON workspace_slug_redirects (workspace_id)`);
    await db.query(`
      CREATE TABLE workspace_members (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES identity_users (id) ON DELETE CASCADE,
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT workspace_members_unique UNIQUE (workspace_id, user_id)
      )`);
    await db.query(`CREATE INDEX workspace_members_user ON workspace_members (user_id)`);
    await db.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX teams_name ON teams (workspace_id, lower(name))`);
    // A team member is a workspace member: leaving the workspace leaves its teams (the cascade).
    await db.query(`
      CREATE TABLE team_members (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT team_members_unique UNIQUE (team_id, user_id),
        FOREIGN KEY (workspace_id, user_id) REFERENCES workspace_members (workspace_id, user_id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX team_members_member ON team_members (workspace_id, user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE team_members`);
    await db.query(`DROP TABLE teams`);
    await db.query(`DROP TABLE workspace_members`);
    await db.query(`DROP TABLE workspace_slug_redirects`);
    await db.query(`DROP TABLE workspaces`);
  }
}
