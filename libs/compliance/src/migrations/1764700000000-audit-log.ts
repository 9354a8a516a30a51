import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log (issue #8, docs/adr/0023-audit-log.md): one row per published event, written in the publishing
 * transaction, hash-chained per workspace. The chain head (one row per workspace, and one for installation-level
 * events) is locked FOR UPDATE while a record is appended, so sequences and links are gap-free; after a retention
 * purge it keeps the hash of the last purged record as the chain's anchor. A trigger refuses UPDATE and DELETE unless
 * the transaction set `quire.audit_purge = 'on'` (the retention purge does, with SET LOCAL).
 */
export class ComplianceAuditLog1764700000000 implements MigrationInterface {
  name = 'ComplianceAuditLog1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE compliance_audit_log (
        id uuid PRIMARY KEY,
        workspace_id uuid,
        sequence bigint NOT NULL,
        event_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_type text NOT NULL,
        actor_id text,
        impersonator_id uuid,
        action text NOT NULL,
        subject_type text,
        subject_id text,
        request_id text,
        ip text,
        user_agent text,
        changes jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )
    `);
    // On the chain key, so the installation-level chain (workspace_id NULL) is one chain too.
    await db.query(
      `CREATE UNIQUE INDEX compliance_audit_log_chain
         ON compliance_audit_log ((coalesce(workspace_id::text, 'installation')), sequence)`,
    );
    await db.query(
      `CREATE INDEX compliance_audit_log_workspace_time ON compliance_audit_log (workspace_id, occurred_at)`,
    );
    await db.query(`
      CREATE TABLE compliance_audit_chain_heads (
        chain_key text PRIMARY KEY,
        workspace_id uuid,
        last_sequence bigint NOT NULL DEFAULT 0,
        last_hash text NOT NULL,
        anchor_sequence bigint NOT NULL DEFAULT 0,
        anchor_hash text NOT NULL
      )
    `);
    await db.query(
      `CREATE INDEX compliance_audit_chain_heads_workspace ON compliance_audit_chain_heads (workspace_id)`,
    );
    await db.query(`
      CREATE FUNCTION compliance_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('quire.audit_purge', true) = 'on' AND TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'compliance_audit_log is append-only: % refused (only the retention purge may delete records)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `);
    await db.query(`
      CREATE TRIGGER compliance_audit_log_append_only
        BEFORE UPDATE OR DELETE ON compliance_audit_log
        FOR EACH ROW EXECUTE FUNCTION compliance_audit_log_append_only()
    `);
    await db.query(`
      CREATE TRIGGER compliance_audit_log_no_truncate
        BEFORE TRUNCATE ON compliance_audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION compliance_audit_log_append_only()
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE compliance_audit_chain_heads`);
    await db.query(`DROP TABLE compliance_audit_log`);
    await db.query(`DROP FUNCTION compliance_audit_log_append_only()`);
  }
}
