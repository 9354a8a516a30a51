import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outcome of each scheduled verification of each audit chain (docs/compliance/report.md): the compliance report
 * shows the latest per chain, and the history shows since when a chain has verified. Verification results are
 * operational records about the log, not audit records themselves, so they live beside it.
 */
export class ComplianceAuditChainVerifications1764800500000 implements MigrationInterface {
  name = 'ComplianceAuditChainVerifications1764800500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE compliance_audit_chain_verifications (
        id uuid PRIMARY KEY,
        chain_key text NOT NULL,
        workspace_id uuid,
        verified_at timestamptz NOT NULL DEFAULT now(),
        ok boolean NOT NULL,
        checked bigint NOT NULL,
        from_sequence bigint,
        to_sequence bigint,
        first_broken jsonb
      )
    `);
    await db.query(
      `CREATE INDEX compliance_audit_chain_verifications_latest
         ON compliance_audit_chain_verifications (chain_key, verified_at DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE compliance_audit_chain_verifications`);
  }
}
