import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live event stream (issue #6, docs/content/realtime.md): every `content.*` row written to the outbox sends a
 * NOTIFY on `quire_content_events` naming the event and its workspace. PostgreSQL delivers a NOTIFY only when the
 * writing transaction commits, so rolled-back writes never reach a stream; the payload stays tiny (the 8000-byte
 * NOTIFY limit): listeners read the row by id.
 */
export class ContentRealtime1764400000040 implements MigrationInterface {
  name = 'ContentRealtime1764400000040';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION content_notify_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('quire_content_events', json_build_object('id', NEW.id, 'workspaceId', NEW.workspace_id)::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER content_notify_event AFTER INSERT ON quire_outbox
        FOR EACH ROW WHEN (NEW.event_name LIKE 'content.%' AND NEW.workspace_id IS NOT NULL)
        EXECUTE FUNCTION content_notify_event()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER content_notify_event ON quire_outbox`);
    await db.query(`DROP FUNCTION content_notify_event()`);
  }
}
