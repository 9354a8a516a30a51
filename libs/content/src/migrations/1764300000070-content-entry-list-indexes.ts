import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The management list's default order (`-updatedAt`, then the entry id) as an index range of one type and locale,
 * leaving trashed entries out like the list does. `published_at` is included so that the `status` filter and the
 * total of a page are answered from the index alone (an index-only scan), however many entries the type has.
 */
export class ContentEntryListIndexes1764300000070 implements MigrationInterface {
  name = 'ContentEntryListIndexes1764300000070';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX content_entry_locales_list
        ON content_entry_locales (workspace_id, content_type_id, locale, updated_at DESC, entry_id) INCLUDE (published_at)
        WHERE NOT in_trash`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX content_entry_locales_list`);
  }
}
