import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-factor sign-in challenges are one-time codes of their own purpose (ADR 0011), found by the hash of the
 * token the client sends back: the purpose check admits them, and an index on code_hash serves that lookup
 * (and that of mailed link tokens, which are found the same way).
 */
export class IdentityTwoFactorChallenge1763900000200 implements MigrationInterface {
  name = 'IdentityTwoFactorChallenge1763900000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE identity_one_time_codes DROP CONSTRAINT identity_one_time_codes_purpose_check`);
    await db.query(`
      ALTER TABLE identity_one_time_codes ADD CONSTRAINT identity_one_time_codes_purpose_check
        CHECK (purpose IN ('sign-in', 'verify-email', 'reset-password', 'two-factor-challenge'))`);
    await db.query(
      `CREATE INDEX IF NOT EXISTS identity_one_time_codes_code_hash ON identity_one_time_codes (code_hash)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS identity_one_time_codes_code_hash`);
    await db.query(`DELETE FROM identity_one_time_codes WHERE purpose = 'two-factor-challenge'`);
    await db.query(`ALTER TABLE identity_one_time_codes DROP CONSTRAINT identity_one_time_codes_purpose_check`);
    await db.query(`
      ALTER TABLE identity_one_time_codes ADD CONSTRAINT identity_one_time_codes_purpose_check
        CHECK (purpose IN ('sign-in', 'verify-email', 'reset-password'))`);
  }
}
