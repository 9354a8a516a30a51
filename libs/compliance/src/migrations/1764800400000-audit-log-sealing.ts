import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit records are written unsealed in the business transaction and sealed (sequence, prev_hash, hash) by the
 * sealer in commit order (docs/adr/0023-audit-log.md, "Sealing"), so a business write never waits on a chain lock.
 * The append-only trigger now lets exactly one kind of UPDATE through: sealing an unsealed record, which sets those
 * three columns once and changes nothing else. Sealed records stay immutable; DELETE stays the purge's alone.
 */
export class ComplianceAuditLogSealing1764800400000 implements MigrationInterface {
  name = 'ComplianceAuditLogSealing1764800400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE compliance_audit_log ALTER COLUMN sequence DROP NOT NULL`);
    await db.query(`ALTER TABLE compliance_audit_log ALTER COLUMN prev_hash DROP NOT NULL`);
    await db.query(`ALTER TABLE compliance_audit_log ALTER COLUMN hash DROP NOT NULL`);
    // The sealer's work list: tiny, since records are sealed within a second or so of their commit.
    await db.query(
      `CREATE INDEX compliance_audit_log_unsealed
         ON compliance_audit_log ((coalesce(workspace_id::text, 'installation')), occurred_at, id)
         WHERE hash IS NULL`,
    );
    await db.query(`
      CREATE OR REPLACE FUNCTION compliance_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('quire.audit_purge', true) = 'on' AND TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
           AND NEW.sequence IS NOT NULL
           AND (to_jsonb(NEW) - 'sequence' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'sequence' - 'prev_hash' - 'hash') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'compliance_audit_log is append-only: % refused (records are sealed once; only the retention purge may delete them)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX compliance_audit_log_unsealed`);
    await db.query(`
      CREATE OR REPLACE FUNCTION compliance_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('quire.audit_purge', true) = 'on' AND TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'compliance_audit_log is append-only: % refused (only the retention purge may delete records)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `);
    await db.query(`SELECT set_config('quire.audit_purge', 'on', true)`);
    await db.query(`DELETE FROM compliance_audit_log WHERE hash IS NULL`);
    await db.query(`ALTER TABLE compliance_audit_log ALTER COLUMN hash SET NOT NULL`);
    await db.query(`ALTER TABLE compliance_audit_log ALTER COLUMN prev_hash SET NOT NULL`);
    await db.query(`ALTER TABLE compliance_audit_log ALTER COLUMN sequence SET NOT NULL`);
  }
}
