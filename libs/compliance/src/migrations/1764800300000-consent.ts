import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent (issue #8, docs/adr/0028-consent-and-audit-diffs.md): `compliance_consent_records` is the append-only
 * history (proof of consent, GDPR art. 7(1)): one row per opt-in or withdrawal with time and source.
 * `compliance_consents` is the current state per user and purpose, written in the same transaction. A trigger
 * refuses UPDATE, DELETE and TRUNCATE on the history unless the transaction set `quire.consent_purge = 'on'` (the
 * retention executor does, with SET LOCAL, and only to DELETE).
 */
export class ComplianceConsent1764800300000 implements MigrationInterface {
  name = 'ComplianceConsent1764800300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE compliance_consent_records (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        purpose text NOT NULL,
        granted boolean NOT NULL,
        source text NOT NULL CHECK (source IN ('console', 'api', 'administrator', 'import')),
        actor_id text,
        ip text,
        user_agent text,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await db.query(
      `CREATE INDEX compliance_consent_records_user ON compliance_consent_records (user_id, occurred_at DESC, id DESC)`,
    );
    await db.query(`
      CREATE TABLE compliance_consents (
        user_id uuid NOT NULL,
        purpose text NOT NULL,
        granted boolean NOT NULL,
        source text NOT NULL CHECK (source IN ('console', 'api', 'administrator', 'import')),
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, purpose)
      )
    `);
    await db.query(`
      CREATE FUNCTION compliance_consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('quire.consent_purge', true) = 'on' AND TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'compliance_consent_records is append-only: % refused (only retention may delete records)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `);
    await db.query(`
      CREATE TRIGGER compliance_consent_records_append_only
        BEFORE UPDATE OR DELETE ON compliance_consent_records
        FOR EACH ROW EXECUTE FUNCTION compliance_consent_records_append_only()
    `);
    await db.query(`
      CREATE TRIGGER compliance_consent_records_no_truncate
        BEFORE TRUNCATE ON compliance_consent_records
        FOR EACH STATEMENT EXECUTE FUNCTION compliance_consent_records_append_only()
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE compliance_consents`);
    await db.query(`DROP TABLE compliance_consent_records`);
    await db.query(`DROP FUNCTION compliance_consent_records_append_only()`);
  }
}
