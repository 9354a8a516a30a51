import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExampleNotesInit1763800100000 implements MigrationInterface {
  name = 'ExampleNotesInit1763800100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE example_notes (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        priority integer NOT NULL DEFAULT 0,
        created_by_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX "IDX_example_notes_workspace_id" ON example_notes (workspace_id)`);
    await db.query(`CREATE INDEX example_notes_ws_created ON example_notes (workspace_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE example_notes`);
  }
}
