import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The media library (issue #7): folders (a tree per workspace, names unique per parent regardless of case) and
 * assets (one row per distinct file of a workspace: SHA-256 unique per workspace). An asset's folder is in the
 * same workspace by a composite foreign key, and a folder holding assets or subfolders cannot be deleted from
 * under them (NO ACTION, checked at the end of each statement, so a whole subtree goes in one DELETE): the service
 * empties it first when asked to.
 */
export class MediaInit1764600000000 implements MigrationInterface {
  name = 'MediaInit1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE media_folders (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        parent_id uuid,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, id),
        CHECK (parent_id IS DISTINCT FROM id),
        FOREIGN KEY (workspace_id, parent_id) REFERENCES media_folders (workspace_id, id)
      )`);
    // NULL parents (the root) compare equal through the COALESCE, so two root folders cannot share a name either.
    await db.query(`
      CREATE UNIQUE INDEX media_folders_name ON media_folders
        (workspace_id, COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name))`);
    await db.query(`CREATE INDEX media_folders_parent ON media_folders (workspace_id, parent_id)`);

    await db.query(`
      CREATE TABLE media_assets (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        storage_driver text NOT NULL,
        storage_key text NOT NULL,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        title text CHECK (length(title) <= 500),
        alt_text text CHECK (length(alt_text) <= 1000),
        caption text CHECK (length(caption) <= 2000),
        mime_type text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('image', 'video', 'audio', 'document', 'font', 'other')),
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        width integer CHECK (width > 0),
        height integer CHECK (height > 0),
        duration_ms integer CHECK (duration_ms >= 0),
        checksum_sha256 text NOT NULL CHECK (checksum_sha256 ~ '^[0-9a-f]{64}$'),
        focal_x real CHECK (focal_x BETWEEN 0 AND 1),
        focal_y real CHECK (focal_y BETWEEN 0 AND 1),
        folder_id uuid,
        tags text[] NOT NULL DEFAULT '{}',
        visibility text NOT NULL CHECK (visibility IN ('public', 'private')),
        exif_kept boolean NOT NULL DEFAULT false,
        uploaded_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((focal_x IS NULL) = (focal_y IS NULL)),
        FOREIGN KEY (workspace_id, folder_id) REFERENCES media_folders (workspace_id, id)
      )`);
    // The same bytes are stored once per workspace: an upload of a known file answers the existing asset.
    await db.query(`CREATE UNIQUE INDEX media_assets_checksum ON media_assets (workspace_id, checksum_sha256)`);
    await db.query(`CREATE UNIQUE INDEX media_assets_storage_key ON media_assets (storage_key)`);
    // The library's list: newest first by default, per folder, by kind and type, by name; tags by containment.
    await db.query(`CREATE INDEX media_assets_created ON media_assets (workspace_id, created_at DESC, id)`);
    await db.query(`CREATE INDEX media_assets_folder ON media_assets (workspace_id, folder_id, created_at DESC)`);
    await db.query(`CREATE INDEX media_assets_kind ON media_assets (workspace_id, kind, created_at DESC)`);
    await db.query(`CREATE INDEX media_assets_mime_type ON media_assets (workspace_id, mime_type)`);
    await db.query(`CREATE INDEX media_assets_file_name ON media_assets (workspace_id, file_name)`);
    await db.query(`CREATE INDEX media_assets_tags ON media_assets USING gin (tags)`);
    // Erasure and "my uploads" look assets up by uploader.
    await db.query(`CREATE INDEX media_assets_uploaded_by ON media_assets (workspace_id, uploaded_by)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE media_assets`);
    await db.query(`DROP TABLE media_folders`);
  }
}
