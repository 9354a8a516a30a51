import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data-subject requests (issue #8, docs/adr/0027-data-subject-requests.md): one row per request of a person about
 * their personal data, with its verification, due date (30 days from receipt) and result. A partial unique index
 * keeps one open request per person and type, so overlapping requests are refused even when two arrive at once.
 */
export class ComplianceDataSubjectRequests1764800200000 implements MigrationInterface {
  name = 'ComplianceDataSubjectRequests1764800200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE compliance_data_subject_requests (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('access', 'portability', 'rectification', 'erasure', 'restriction', 'objection')),
        status text NOT NULL CHECK (status IN ('awaiting-verification', 'verified', 'in-progress', 'completed', 'rejected', 'cancelled')),
        requested_by uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN ('self-service', 'administrator')),
        verification_method text NOT NULL CHECK (verification_method IN ('email-code', 'administrator-attested')),
        verification_note text,
        verification_code_hash text,
        verification_attempts integer NOT NULL DEFAULT 0,
        verification_expires_at timestamptz,
        verified_at timestamptz,
        due_at timestamptz NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        result jsonb,
        completed_at timestamptz,
        rejected_reason text,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await db.query(`
      CREATE UNIQUE INDEX compliance_data_subject_requests_one_open
        ON compliance_data_subject_requests (user_id, type)
        WHERE status IN ('awaiting-verification', 'verified', 'in-progress')
    `);
    await db.query(
      `CREATE INDEX compliance_data_subject_requests_user ON compliance_data_subject_requests (user_id, created_at)`,
    );
    await db.query(`CREATE INDEX compliance_data_subject_requests_due ON compliance_data_subject_requests (due_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE compliance_data_subject_requests`);
  }
}
