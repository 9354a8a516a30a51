import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkspaceInvitations1764100000000 implements MigrationInterface {
  name = 'WorkspaceInvitations1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workspace_invitations (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        role text NOT NULL,
        team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
        invited_by uuid REFERENCES identity_users (id) ON DELETE SET NULL,
        token_hash text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'accepted', 'rejected', 'cancelled', 'expired')),
        expires_at timestamptz NOT NULL,
        responded_at timestamptz,
        accepted_user_id uuid REFERENCES identity_users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status IN ('accepted', 'rejected', 'cancelled')) = (responded_at IS NOT NULL)),
        CHECK (status = 'accepted' OR accepted_user_id IS NULL)
      )`);
    // The token is the credential of the public routes: found by its hash, from any workspace.
    await db.query(`CREATE UNIQUE INDEX workspace_invitations_token ON workspace_invitations (token_hash)`);
    // One pending invitation per address and workspace (emails are stored lower-cased).
    await db.query(
      `CREATE UNIQUE INDEX workspace_invitations_pending_email ON workspace_invitations (workspace_id, email)
        WHERE status = 'pending'`,
    );
    await db.query(`CREATE INDEX workspace_invitations_workspace ON workspace_invitations (workspace_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE workspace_invitations`);
  }
}
