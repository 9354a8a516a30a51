import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityApiKeys1763900000300 implements MigrationInterface {
  name = 'IdentityApiKeys1763900000300';

  async up(db: QueryRunner): Promise<void> {
    // workspace_id has no foreign key: workspaces belong to another plugin, which may not be loaded.
    await db.query(`
      CREATE TABLE identity_api_keys (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        name text NOT NULL,
        prefix text NOT NULL UNIQUE,
        secret_hash text NOT NULL UNIQUE,
        scopes text[] NOT NULL,
        kind text NOT NULL CHECK (kind IN ('delivery', 'management')),
        expires_at timestamptz,
        rate_limit_per_minute integer CHECK (rate_limit_per_minute > 0),
        created_by uuid REFERENCES identity_users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        request_count bigint NOT NULL DEFAULT 0,
        revoked_at timestamptz,
        revoked_by uuid
      )`);
    await db.query(`CREATE INDEX identity_api_keys_workspace ON identity_api_keys (workspace_id)`);
    await db.query(`CREATE INDEX identity_api_keys_created_by ON identity_api_keys (created_by)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity_api_keys`);
  }
}
