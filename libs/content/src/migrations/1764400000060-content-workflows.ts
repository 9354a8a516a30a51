import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The editorial workflow (issue #6, docs/content/workflow.md, ADR 0020): workflows of a workspace and the types
 * they govern; per entry locale its current stage, the approvals it received, its assignee and reviewers; the
 * authors of its changes; and the publication history with the approval evidence of every publish.
 *
 * `content_change_authors` is kept by a trigger on `content_revisions`: every revision that changes values, by
 * whichever code path wrote it, notes its actor per locale ('' for shared fields) with the revision number. Four-eyes
 * and approval staleness read it; it outlives the type's revision cap, which deletes old revisions.
 */
export class ContentWorkflows1764400000060 implements MigrationInterface {
  name = 'ContentWorkflows1764400000060';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE content_workflows (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name text NOT NULL,
        stages jsonb NOT NULL CHECK (jsonb_typeof(stages) = 'array'),
        transitions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(transitions) = 'array'),
        publish_stage text,
        four_eyes boolean NOT NULL DEFAULT false,
        is_default boolean NOT NULL DEFAULT false,
        created_by uuid,
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX content_workflows_name ON content_workflows (workspace_id, lower(name))`);
    // At most one default workflow per workspace: it governs every type no workflow names.
    await db.query(
      `CREATE UNIQUE INDEX content_workflows_default ON content_workflows (workspace_id) WHERE is_default`,
    );

    await db.query(`
      CREATE TABLE content_workflow_types (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        workflow_id uuid NOT NULL REFERENCES content_workflows (id) ON DELETE CASCADE,
        content_type_id uuid NOT NULL REFERENCES content_types (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A type belongs to one workflow at most.
    await db.query(`CREATE UNIQUE INDEX content_workflow_types_type ON content_workflow_types (content_type_id)`);
    await db.query(`CREATE INDEX content_workflow_types_workflow ON content_workflow_types (workflow_id)`);
    await db.query(`CREATE INDEX content_workflow_types_workspace ON content_workflow_types (workspace_id)`);

    // No row: the entry locale is in the first stage of its type's workflow.
    await db.query(`
      CREATE TABLE content_workflow_states (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        entry_id uuid NOT NULL,
        locale text NOT NULL,
        workflow_id uuid NOT NULL REFERENCES content_workflows (id) ON DELETE CASCADE,
        stage text NOT NULL,
        visit_id uuid NOT NULL,
        entered_at timestamptz NOT NULL DEFAULT now(),
        entered_by uuid,
        entered_revision integer NOT NULL DEFAULT 0,
        FOREIGN KEY (entry_id, locale) REFERENCES content_entry_locales (entry_id, locale) ON DELETE CASCADE
      )`);
    await db.query(`CREATE UNIQUE INDEX content_workflow_states_locale ON content_workflow_states (entry_id, locale)`);
    await db.query(`CREATE INDEX content_workflow_states_workspace ON content_workflow_states (workspace_id)`);
    await db.query(`CREATE INDEX content_workflow_states_workflow ON content_workflow_states (workflow_id, stage)`);

    await db.query(`
      CREATE TABLE content_workflow_approvals (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        entry_id uuid NOT NULL,
        locale text NOT NULL,
        workflow_id uuid REFERENCES content_workflows (id) ON DELETE SET NULL,
        stage text NOT NULL,
        visit_id uuid NOT NULL,
        revision integer NOT NULL,
        approver_id uuid,
        note text CHECK (note IS NULL OR length(note) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (entry_id, locale) REFERENCES content_entry_locales (entry_id, locale) ON DELETE CASCADE
      )`);
    await db.query(
      `CREATE INDEX content_workflow_approvals_locale ON content_workflow_approvals (entry_id, locale, created_at)`,
    );
    await db.query(`CREATE INDEX content_workflow_approvals_workspace ON content_workflow_approvals (workspace_id)`);
    await db.query(`CREATE INDEX content_workflow_approvals_approver ON content_workflow_approvals (approver_id)`);

    await db.query(`
      CREATE TABLE content_entry_assignments (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        entry_id uuid NOT NULL,
        locale text NOT NULL,
        user_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('assignee', 'reviewer')),
        assigned_by uuid,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (entry_id, locale) REFERENCES content_entry_locales (entry_id, locale) ON DELETE CASCADE
      )`);
    await db.query(
      `CREATE UNIQUE INDEX content_entry_assignments_once ON content_entry_assignments (entry_id, locale, role, user_id)`,
    );
    await db.query(
      `CREATE UNIQUE INDEX content_entry_assignments_assignee ON content_entry_assignments (entry_id, locale) WHERE role = 'assignee'`,
    );
    await db.query(`CREATE INDEX content_entry_assignments_workspace ON content_entry_assignments (workspace_id)`);
    await db.query(`CREATE INDEX content_entry_assignments_user ON content_entry_assignments (user_id)`);

    await db.query(`
      CREATE TABLE content_change_authors (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        entry_id uuid NOT NULL REFERENCES content_entries (id) ON DELETE CASCADE,
        locale text NOT NULL,
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        last_revision integer NOT NULL,
        last_changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (entry_id, locale, actor_type, actor_id)
      )`);
    await db.query(`CREATE INDEX content_change_authors_workspace ON content_change_authors (workspace_id)`);
    await db.query(`
      CREATE FUNCTION content_note_change_authors() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO content_change_authors
               (workspace_id, entry_id, locale, actor_type, actor_id, last_revision, last_changed_at)
        SELECT DISTINCT NEW.workspace_id, NEW.entry_id, COALESCE(change->>'locale', ''), NEW.actor_type,
               COALESCE(NEW.actor_id, ''), NEW.number, NEW.created_at
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(NEW.diff) = 'array' THEN NEW.diff ELSE '[]' END) AS change
        ON CONFLICT (entry_id, locale, actor_type, actor_id) DO UPDATE
           SET last_revision = GREATEST(content_change_authors.last_revision, EXCLUDED.last_revision),
               last_changed_at = EXCLUDED.last_changed_at;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER content_note_change_authors AFTER INSERT ON content_revisions
        FOR EACH ROW WHEN (NEW.diff IS NOT NULL AND NEW.diff <> '[]'::jsonb)
        EXECUTE FUNCTION content_note_change_authors()`);
    // The revisions kept so far tell who changed what before this migration.
    await db.query(`
      INSERT INTO content_change_authors
             (workspace_id, entry_id, locale, actor_type, actor_id, last_revision, last_changed_at)
      SELECT r.workspace_id, r.entry_id, COALESCE(change->>'locale', ''), r.actor_type, COALESCE(r.actor_id, ''),
             max(r.number), max(r.created_at)
        FROM content_revisions r,
             jsonb_array_elements(CASE WHEN jsonb_typeof(r.diff) = 'array' THEN r.diff ELSE '[]' END) AS change
       GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT DO NOTHING`);

    await db.query(`
      CREATE TABLE content_publications (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        entry_id uuid NOT NULL REFERENCES content_entries (id) ON DELETE CASCADE,
        locale text NOT NULL,
        revision integer NOT NULL,
        published_by uuid,
        actor_type text NOT NULL,
        actor_id text,
        published_at timestamptz NOT NULL DEFAULT now(),
        evidence jsonb NOT NULL CHECK (jsonb_typeof(evidence) = 'object')
      )`);
    await db.query(
      `CREATE INDEX content_publications_locale ON content_publications (entry_id, locale, published_at DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX content_publications_workspace ON content_publications (workspace_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE content_publications`);
    await db.query(`DROP TRIGGER content_note_change_authors ON content_revisions`);
    await db.query(`DROP FUNCTION content_note_change_authors()`);
    await db.query(`DROP TABLE content_change_authors`);
    await db.query(`DROP TABLE content_entry_assignments`);
    await db.query(`DROP TABLE content_workflow_approvals`);
    await db.query(`DROP TABLE content_workflow_states`);
    await db.query(`DROP TABLE content_workflow_types`);
    await db.query(`DROP TABLE content_workflows`);
  }
}
