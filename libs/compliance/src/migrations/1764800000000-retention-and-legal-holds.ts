import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The retention engine's record of runs (one row per run, one per policy run in it) and legal holds
 * (docs/adr/0025-retention-engine-and-legal-holds.md). A hold has no foreign key to its workspace: holds are a record
 * of their own (audited, kept after release) and must not block or vanish with a workspace's erasure.
 */
export class ComplianceRetentionAndLegalHolds1764800000000 implements MigrationInterface {
  name = 'ComplianceRetentionAndLegalHolds1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE compliance_retention_runs (
        id uuid PRIMARY KEY,
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
        dry_run boolean NOT NULL DEFAULT false,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
        requested_by uuid
      )
    `);
    await db.query(`CREATE INDEX compliance_retention_runs_started ON compliance_retention_runs (started_at DESC, id)`);
    await db.query(`
      CREATE TABLE compliance_retention_results (
        run_id uuid NOT NULL REFERENCES compliance_retention_runs (id) ON DELETE CASCADE,
        policy text NOT NULL,
        action text NOT NULL,
        rows_affected bigint NOT NULL DEFAULT 0,
        rows_held bigint NOT NULL DEFAULT 0,
        duration_ms integer NOT NULL DEFAULT 0,
        error text,
        PRIMARY KEY (run_id, policy)
      )
    `);
    await db.query(`CREATE INDEX compliance_retention_results_policy ON compliance_retention_results (policy)`);
    await db.query(`
      CREATE TABLE compliance_legal_holds (
        id uuid PRIMARY KEY,
        scope text NOT NULL CHECK (scope IN ('workspace', 'user', 'time-range')),
        workspace_id uuid,
        user_id uuid,
        held_from timestamptz,
        held_until timestamptz,
        reason text NOT NULL,
        placed_by uuid NOT NULL,
        placed_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz,
        released_by uuid,
        release_reason text,
        CHECK (scope <> 'workspace' OR workspace_id IS NOT NULL),
        CHECK (scope <> 'user' OR user_id IS NOT NULL),
        CHECK (scope <> 'time-range' OR (held_from IS NOT NULL AND held_until IS NOT NULL AND held_from < held_until))
      )
    `);
    // The engine reads the active holds on every batch: they are few, and this keeps them together.
    await db.query(
      `CREATE INDEX compliance_legal_holds_active ON compliance_legal_holds (scope) WHERE released_at IS NULL`,
    );
    await db.query(`CREATE INDEX compliance_legal_holds_workspace ON compliance_legal_holds (workspace_id, placed_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE compliance_legal_holds`);
    await db.query(`DROP TABLE compliance_retention_results`);
    await db.query(`DROP TABLE compliance_retention_runs`);
  }
}
