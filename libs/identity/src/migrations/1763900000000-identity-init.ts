import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityInit1763900000000 implements MigrationInterface {
  name = 'IdentityInit1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity_users (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        email_verified_at timestamptz,
        display_name text NOT NULL,
        avatar_url text,
        password_hash text,
        totp_secret text,
        totp_enabled_at timestamptz,
        totp_last_used_step bigint,
        preferences jsonb NOT NULL DEFAULT '{}'::jsonb,
        platform_admin boolean NOT NULL DEFAULT false,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Emails are unique without regard to case: Alice@Example.com and alice@example.com are one account.
    await db.query(`CREATE UNIQUE INDEX identity_users_email ON identity_users (lower(email))`);
    await db.query(`CREATE INDEX identity_users_closed_at ON identity_users (closed_at)`);
    await db.query(`
      CREATE TABLE identity_sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES identity_users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        refresh_token_hash text NOT NULL UNIQUE,
        ip text,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        active_workspace_id uuid,
        active_team_id uuid,
        impersonator_id uuid REFERENCES identity_users (id) ON DELETE SET NULL
      )`);
    await db.query(`CREATE INDEX identity_sessions_user ON identity_sessions (user_id)`);
    await db.query(`CREATE INDEX identity_sessions_family ON identity_sessions (family_id)`);
    // Every refresh token a session has rotated away from: presenting one again is theft (the family is revoked).
    await db.query(`
      CREATE TABLE identity_rotated_refresh_tokens (
        token_hash text PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES identity_sessions (id) ON DELETE CASCADE,
        rotated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX identity_rotated_refresh_tokens_session ON identity_rotated_refresh_tokens (session_id)`,
    );
    await db.query(`
      CREATE TABLE identity_one_time_codes (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        user_id uuid REFERENCES identity_users (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('sign-in', 'verify-email', 'reset-password')),
        code_hash text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX identity_one_time_codes_lookup ON identity_one_time_codes (email, purpose)`);
    await db.query(`
      CREATE TABLE identity_recovery_codes (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES identity_users (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX identity_recovery_codes_user ON identity_recovery_codes (user_id)`);
    await db.query(`
      CREATE TABLE identity_mail_outbox (
        id uuid PRIMARY KEY,
        recipient text NOT NULL,
        template text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'logged')),
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX identity_mail_outbox_recipient ON identity_mail_outbox (recipient)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'identity_mail_outbox',
      'identity_recovery_codes',
      'identity_one_time_codes',
      'identity_sessions',
      'identity_users',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
