import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * System logs (issue #8, docs/adr/0026-system-logs.md): one row per finished API request, written in batches by the
 * SystemLogRecorder, purged after 180 days by the `compliance.system-logs` retention policy unless an open incident
 * holds the row (`incident_id`). No foreign keys: the rows outlive workspaces and users, and must never slow a purge
 * of either.
 */
export class ComplianceSystemLogs1764800100000 implements MigrationInterface {
  name = 'ComplianceSystemLogs1764800100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE compliance_incidents (
        id uuid PRIMARY KEY,
        reason text NOT NULL,
        from_time timestamptz NOT NULL,
        until_time timestamptz NOT NULL,
        filter jsonb NOT NULL DEFAULT '{}'::jsonb,
        flagged_rows integer NOT NULL DEFAULT 0,
        opened_by uuid NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        closed_by uuid,
        close_reason text,
        CONSTRAINT compliance_incidents_range CHECK (from_time <= until_time)
      )
    `);
    // The recorder looks up open incidents on every batch it writes: this keeps that lookup on a tiny index.
    await db.query(
      `CREATE INDEX compliance_incidents_open ON compliance_incidents (from_time, until_time) WHERE closed_at IS NULL`,
    );
    await db.query(`
      CREATE TABLE compliance_system_logs (
        id uuid PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        method text NOT NULL,
        route text,
        status integer NOT NULL,
        duration_ms integer NOT NULL,
        actor_type text NOT NULL,
        actor_id uuid,
        impersonator_id uuid,
        workspace_id uuid,
        ip text,
        user_agent text,
        request_id text NOT NULL,
        rate_limited boolean NOT NULL DEFAULT false,
        error_code text,
        incident_id uuid
      )
    `);
    await db.query(`CREATE INDEX compliance_system_logs_time ON compliance_system_logs (occurred_at)`);
    await db.query(
      `CREATE INDEX compliance_system_logs_incident ON compliance_system_logs (incident_id) WHERE incident_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE compliance_system_logs`);
    await db.query(`DROP TABLE compliance_incidents`);
  }
}
