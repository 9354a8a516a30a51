import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoreInit1763800000000 implements MigrationInterface {
  name = 'CoreInit1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE quire_outbox (
        id uuid PRIMARY KEY,
        workspace_id uuid,
        event_name text NOT NULL,
        payload jsonb NOT NULL,
        actor jsonb NOT NULL,
        request_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      )`);
    await db.query(`CREATE INDEX quire_outbox_pending ON quire_outbox (id) WHERE dispatched_at IS NULL`);
    await db.query(`
      CREATE TABLE quire_job_runs (
        id uuid PRIMARY KEY,
        job_name text NOT NULL,
        plugin text NOT NULL,
        scheduled_for timestamptz NOT NULL,
        instance_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        affected_rows integer,
        details jsonb,
        error text
      )`);
    await db.query(`CREATE UNIQUE INDEX quire_job_runs_slot ON quire_job_runs (job_name, scheduled_for)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE quire_job_runs`);
    await db.query(`DROP TABLE quire_outbox`);
  }
}
