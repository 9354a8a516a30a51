import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Impersonation and platform administrators.
 * - An impersonation session must die with its impersonator's account row: with ON DELETE SET NULL it would turn
 *   into an ordinary session of the user (allowed to change credentials, refreshed for 30 days).
 * - Platform administrators are found (and locked, for the last-administrator rule) by a partial index: a handful
 *   of rows among all accounts.
 */
export class IdentityImpersonation1763900000500 implements MigrationInterface {
  name = 'IdentityImpersonation1763900000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE identity_sessions DROP CONSTRAINT identity_sessions_impersonator_id_fkey`);
    await db.query(`
      ALTER TABLE identity_sessions ADD CONSTRAINT identity_sessions_impersonator_id_fkey
        FOREIGN KEY (impersonator_id) REFERENCES identity_users (id) ON DELETE CASCADE`);
    await db.query(`CREATE INDEX identity_users_platform_admins ON identity_users (id) WHERE platform_admin`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX identity_users_platform_admins`);
    await db.query(`ALTER TABLE identity_sessions DROP CONSTRAINT identity_sessions_impersonator_id_fkey`);
    await db.query(`
      ALTER TABLE identity_sessions ADD CONSTRAINT identity_sessions_impersonator_id_fkey
        FOREIGN KEY (impersonator_id) REFERENCES identity_users (id) ON DELETE SET NULL`);
  }
}
