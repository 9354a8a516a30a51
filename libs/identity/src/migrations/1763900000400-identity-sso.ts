import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentitySso1763900000400 implements MigrationInterface {
  name = 'IdentitySso1763900000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity_sso_connections (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('oidc', 'saml')),
        preset text CHECK (preset IN ('google', 'github')),
        name text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        config jsonb NOT NULL,
        client_secret text,
        default_role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- Presets are OAuth/OIDC providers.
        CHECK (preset IS NULL OR kind = 'oidc')
      )`);
    await db.query(`CREATE INDEX identity_sso_connections_workspace ON identity_sso_connections (workspace_id)`);
    await db.query(`
      CREATE TABLE identity_sso_domains (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        domain text NOT NULL CHECK (domain = lower(domain)),
        verification_token text NOT NULL,
        verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT identity_sso_domains_workspace_domain UNIQUE (workspace_id, domain)
      )`);
    await db.query(`CREATE INDEX identity_sso_domains_workspace ON identity_sso_domains (workspace_id)`);
    // A domain is verified by one workspace at most; the index decides when two verify at once.
    await db.query(
      `CREATE UNIQUE INDEX identity_sso_domains_verified ON identity_sso_domains (domain) WHERE verified_at IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE identity_sso_states (
        id uuid PRIMARY KEY,
        connection_id uuid NOT NULL REFERENCES identity_sso_connections (id) ON DELETE CASCADE,
        state_hash text NOT NULL,
        browser_hash text NOT NULL,
        nonce text,
        code_verifier text,
        saml_request_id text,
        return_to text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT identity_sso_states_state_hash UNIQUE (state_hash)
      )`);
    await db.query(`CREATE INDEX identity_sso_states_connection ON identity_sso_states (connection_id)`);
    await db.query(`CREATE INDEX identity_sso_states_expires_at ON identity_sso_states (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity_sso_states`);
    await db.query(`DROP TABLE identity_sso_domains`);
    await db.query(`DROP TABLE identity_sso_connections`);
  }
}
