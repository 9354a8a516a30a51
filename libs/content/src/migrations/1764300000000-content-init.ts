import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Content types, entries per locale, revisions, references and the delivery generation. Entries are JSONB
 * (ADR 0019): shared fields once on `content_entries`, localized fields per locale on `content_entry_locales`,
 * whose `published_data` is the whole published document of that locale, apart from the working draft.
 */
export class ContentInit1764300000000 implements MigrationInterface {
  name = 'ContentInit1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE content_types (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        api_id text NOT NULL CHECK (api_id ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length(api_id) BETWEEN 2 AND 60),
        kind text NOT NULL CHECK (kind IN ('collection', 'singleton', 'component')),
        name text NOT NULL,
        definition jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
        version integer NOT NULL DEFAULT 1,
        public_read boolean NOT NULL DEFAULT false,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX content_types_api_id ON content_types (workspace_id, api_id)`);

    // Every version of every type, with what changed and who changed it: the schema's history.
    await db.query(`
      CREATE TABLE content_type_versions (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        content_type_id uuid NOT NULL REFERENCES content_types (id) ON DELETE CASCADE,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        changes jsonb NOT NULL DEFAULT '[]',
        actor_type text NOT NULL,
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX content_type_versions_version ON content_type_versions (content_type_id, version)`,
    );
    await db.query(`CREATE INDEX content_type_versions_workspace ON content_type_versions (workspace_id)`);

    await db.query(`
      CREATE TABLE content_entries (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        content_type_id uuid NOT NULL REFERENCES content_types (id) ON DELETE RESTRICT,
        shared_data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(shared_data) = 'object'),
        revision integer NOT NULL DEFAULT 0,
        created_by uuid,
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        deleted_by uuid
      )`);
    await db.query(`CREATE INDEX content_entries_workspace ON content_entries (workspace_id)`);
    await db.query(
      `CREATE INDEX content_entries_type ON content_entries (content_type_id, created_at) WHERE deleted_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX content_entries_trash ON content_entries (workspace_id, deleted_at) WHERE deleted_at IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX content_entries_shared_data ON content_entries USING gin (shared_data jsonb_path_ops)`,
    );

    // One row per locale of an entry. content_type_id and in_trash repeat the entry's so that the delivery
    // read is one index range on this table alone.
    await db.query(`
      CREATE TABLE content_entry_locales (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        entry_id uuid NOT NULL REFERENCES content_entries (id) ON DELETE CASCADE,
        content_type_id uuid NOT NULL REFERENCES content_types (id) ON DELETE RESTRICT,
        locale text NOT NULL,
        draft_data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(draft_data) = 'object'),
        published_data jsonb CHECK (published_data IS NULL OR jsonb_typeof(published_data) = 'object'),
        published_at timestamptz,
        first_published_at timestamptz,
        published_by uuid,
        published_revision integer,
        search_vector tsvector,
        in_trash boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((published_data IS NULL) = (published_at IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX content_entry_locales_entry ON content_entry_locales (entry_id, locale)`);
    await db.query(`CREATE INDEX content_entry_locales_workspace ON content_entry_locales (workspace_id)`);
    await db.query(`
      CREATE INDEX content_entry_locales_delivery ON content_entry_locales (content_type_id, locale, published_at DESC, id)
        WHERE published_data IS NOT NULL AND NOT in_trash`);
    await db.query(`
      CREATE INDEX content_entry_locales_published_data ON content_entry_locales USING gin (published_data jsonb_path_ops)
        WHERE published_data IS NOT NULL AND NOT in_trash`);
    await db.query(`
      CREATE INDEX content_entry_locales_search ON content_entry_locales USING gin (search_vector)
        WHERE published_data IS NOT NULL AND NOT in_trash`);
    await db.query(
      `CREATE INDEX content_entry_locales_draft_data ON content_entry_locales USING gin (draft_data jsonb_path_ops)`,
    );

    // Every save keeps the whole draft state (shared + every locale), so a restore brings relations and media
    // references back too; `diff` is the field-level change against the previous revision.
    await db.query(`
      CREATE TABLE content_revisions (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        entry_id uuid NOT NULL REFERENCES content_entries (id) ON DELETE CASCADE,
        number integer NOT NULL,
        kind text NOT NULL,
        locale text,
        snapshot jsonb NOT NULL,
        diff jsonb NOT NULL DEFAULT '[]',
        restored_from integer,
        actor_type text NOT NULL,
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX content_revisions_number ON content_revisions (entry_id, number)`);
    await db.query(`CREATE INDEX content_revisions_workspace ON content_revisions (workspace_id)`);

    // Outgoing links of each entry's draft (relations and media), rewritten on every save: referential rules on
    // delete, "used in" for media, and batched populate read this instead of scanning JSON.
    await db.query(`
      CREATE TABLE content_references (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        source_entry_id uuid NOT NULL REFERENCES content_entries (id) ON DELETE CASCADE,
        locale text NOT NULL DEFAULT '',
        field_path text NOT NULL,
        target_kind text NOT NULL CHECK (target_kind IN ('entry', 'media')),
        target_id uuid NOT NULL
      )`);
    await db.query(
      `CREATE UNIQUE INDEX content_references_link ON content_references (source_entry_id, locale, field_path, target_id)`,
    );
    await db.query(
      `CREATE INDEX content_references_target ON content_references (workspace_id, target_kind, target_id)`,
    );

    // Bumped by every change the delivery API can see (publish, unpublish, trash, restore, type change): the
    // delivery ETag is derived from it, so a revalidation costs one primary-key read.
    await db.query(`
      CREATE TABLE content_delivery_generations (
        workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
        generation bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE content_delivery_generations`);
    await db.query(`DROP TABLE content_references`);
    await db.query(`DROP TABLE content_revisions`);
    await db.query(`DROP TABLE content_entry_locales`);
    await db.query(`DROP TABLE content_entries`);
    await db.query(`DROP TABLE content_type_versions`);
    await db.query(`DROP TABLE content_types`);
  }
}
