import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, uuidv7, type RequestContext, isUuid } from '@quire/core';
import type { EntityManager } from 'typeorm';
import { ContentTypeVersion } from '../entities/content-type-version.entity';
import { ContentType } from '../entities/content-type.entity';
import { RevisionRecorder, type RevisionKind } from '../entries/revision-recorder';
import { compileEntryValidator } from '../schema/entry-validator';
import type { ContentTypeDefinition } from '../schema/field-definition';
import { publishedDocument } from '../schema/published-document';
import { collectReferences } from '../schema/references';
import { changeMayInvalidateEntries, diffDefinitions, type SchemaChange } from '../schema/schema-change';
import { searchText } from '../schema/search-text';
import { textSearchConfig } from '../schema/text-search-config';
import { bumpDeliveryGeneration } from '../shared/delivery-generation';
import {
  KindChangeRefusedError,
  SchemaChangeDuplicateValuesError,
  SchemaChangeInvalidatesEntriesError,
  SchemaChangeOrphansDataError,
  type AffectedEntry,
  type SchemaChangeReport,
} from './content-types.errors';
import {
  migrateEntry,
  planEntryMigration,
  type EntryMigrationPlan,
  type MigratedEntry,
  type StoredEntryState,
} from './entry-migration';
import { applyBulkRewrite, findOrphanedValues } from './bulk-entry-rewrite';
import { syncFieldIndexes } from './field-indexes';
import { isBulkEmpty, planSchemaChange } from './schema-change-plan';
import { findDuplicateValues, type DuplicateValue } from './unique-values';
import { allowanceOf, type SchemaChangeOptions } from './schema-change-request';
import { embeddersOf } from './type-dependencies';
import { anyKeyPath, componentKeyMoves, hasKeyMoves, keysConcerned, moveComponentKeys } from './component-key-moves';
import { effectiveFields } from '../schema/effective-fields';
import { schemaChanges } from './schema-changes';

/** Entries read per query while a change checks or migrates them: bounded memory on types of any size. */
export const MIGRATION_BATCH_SIZE = 500;
/** Affected entries listed in a report; `total` still counts them all. */
export const REPORT_CAP = 100;
/** Wraps a dry run's writes, taken back before it answers. */
const DRY_RUN_SAVEPOINT = 'content_schema_change_dry_run';
/** Revision kind of an entry rewritten by a schema change. */
const SCHEMA_MIGRATION_REVISION: RevisionKind = 'schema-migration';

/** What a schema change did, or would do (dry run), to the type and its entries. */
export interface SchemaChangeOutcome {
  changes: SchemaChange[];
  /** `duplicates`: entries sharing a value of a field unique from now on. */
  report: { orphaned: SchemaChangeReport; invalid: SchemaChangeReport; duplicates: SchemaChangeReport };
  /** Entries whose stored values the change rewrites (or would). */
  wouldMigrate: number;
  /** The problem code the change is refused with, or null; a dry run reports it instead of throwing. */
  refusal:
    | 'content.schema-change-orphans-data'
    | 'content.schema-change-invalidates-entries'
    | 'content.schema-change-duplicate-values'
    | null;
  version: number;
}

/** The entries of one type walked by a change (see `SchemaChangeService.change`). */
interface WalkTarget {
  id: string;
  definition: ContentTypeDefinition;
  plan: EntryMigrationPlan;
  /** Top-level keys read (null: whole entries). */
  keys: string[] | null;
  /** Whether values are checked against the new definition (and reset under `reset-invalid-values`). */
  validate: boolean;
  /** Only entries holding one of these keys at some depth (null: every entry). */
  containing: { drafts: string[]; published: string[] } | null;
  /** A rewritten entry gets a revision even when nothing was reset (moves between shared and localized). */
  revisionAlways: boolean;
}

class ReportBuilder {
  readonly entries: AffectedEntry[] = [];
  private readonly ids = new Set<string>();
  /** Entries counted by a set-based query (which lists only the first of them). */
  private counted = 0;
  add(items: AffectedEntry[]): void {
    for (const item of items) {
      this.ids.add(item.entryId);
      if (this.entries.length < REPORT_CAP) this.entries.push(item);
    }
  }
  addReport(report: SchemaChangeReport): void {
    for (const item of report.entries) if (this.entries.length < REPORT_CAP) this.entries.push(item);
    this.counted += report.total;
  }
  get total(): number {
    return this.counted + this.ids.size;
  }
  build(): SchemaChangeReport {
    return { entries: this.entries, total: this.total };
  }
}

/**
 * Applies a new definition to an existing type inside the caller's transaction: compares it with the current one,
 * then carries the entries over in three steps (see `planSchemaChange`): renames, removals and fields made private
 * with set-based statements over the type's rows (no revision per entry: the type's version records the change);
 * then, only for the fields whose rules may refuse values or whose storage moves between shared and localized, a
 * walk in batches (keyset by id) reading just those fields, validating them under the new definition and
 * rewriting — with a `schema-migration` revision — only the entries it changes; then a duplicate check of fields
 * unique from now on. What would lose or break data without the matching migration option is refused with a
 * report; otherwise the type, its version, its expression indexes, the event and the delivery generation follow.
 * A component's change is carried into the entries of every type embedding it (directly or through components)
 * by the walk: renames and removals move keys inside its values, published documents are rebuilt without the
 * fields made private and their search vectors recomputed; only entries holding a concerned key are read.
 */
@Injectable()
export class SchemaChangeService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly revisions: RevisionRecorder,
  ) {}

  /**
   * `row` must be locked (SELECT … FOR UPDATE) by the caller. `workspaceTypes` is every type of the workspace as it
   * will be after the change (this one included), to resolve components.
   */
  async change(
    tx: RequestContext,
    row: ContentType,
    after: ContentTypeDefinition,
    options: SchemaChangeOptions,
    workspaceTypes: ReadonlyMap<string, ContentTypeDefinition>,
  ): Promise<SchemaChangeOutcome> {
    const manager = this.db.manager(tx);
    const before = row.definition;
    const changes = diffDefinitions(before, after, options.renames);
    const orphaned = new ReportBuilder();
    const invalid = new ReportBuilder();
    const duplicates = new ReportBuilder();
    const outcome = (wouldMigrate: number, refusal: SchemaChangeOutcome['refusal'], version: number) => ({
      changes,
      report: { orphaned: orphaned.build(), invalid: invalid.build(), duplicates: duplicates.build() },
      wouldMigrate,
      refusal,
      version,
    });
    if (changes.length === 0) return outcome(0, null, row.version);

    if (before.kind !== after.kind) {
      const [{ count }] = await manager.query(
        `SELECT count(*)::int AS count FROM content_entries WHERE workspace_id = $1 AND content_type_id = $2`,
        [tx.workspaceId, row.id],
      );
      if (before.kind === 'component' || after.kind === 'component' || count > 1)
        throw new KindChangeRefusedError(row.apiId, before.kind, after.kind, count);
    }

    const components = new Map([...workspaceTypes].filter(([, d]) => d.kind === 'component'));
    const defaultLocale = await this.defaultLocale(tx, manager);
    const allowance = allowanceOf(options.migration);
    const plan = planSchemaChange(before, after, changes);
    // Who is walked entry by entry, reading which fields (`keys`; null: whole entries), validated or not, and only
    // the entries holding which keys at some depth (`containing`; null: all).
    const targets: WalkTarget[] = [];
    if (after.kind === 'component') {
      // A component's entries are those of the types embedding it, directly or through other components: its
      // renames and removals move keys inside their values (at any depth), fields made private leave their
      // published documents and search text; other changes that may refuse values have every entry checked.
      const moves = componentKeyMoves(after, changes);
      const checking = changes.some(
        (c) => c.kind !== 'field-renamed' && c.kind !== 'field-removed' && changeMayInvalidateEntries(c),
      );
      const moving = before.kind === 'component' && hasKeyMoves(moves);
      const embedders = embeddersOf([after.apiId], [...workspaceTypes.values()]).filter(
        (apiId) => workspaceTypes.get(apiId)?.kind !== 'component',
      );
      if (embedders.length > 0 && (checking || moving)) {
        const ids: Array<{ id: string; api_id: string }> = await manager.query(
          `SELECT id, api_id FROM content_types WHERE workspace_id = $1 AND api_id = ANY($2::text[]) ORDER BY api_id`,
          [tx.workspaceId, embedders],
        );
        for (const { id, api_id } of ids) {
          const definition = workspaceTypes.get(api_id)!;
          const entryPlan = planEntryMigration(definition, definition, {}, defaultLocale);
          if (moving) {
            const fields = effectiveFields(definition);
            entryPlan.moveNested = (data) => moveComponentKeys(fields, components, data, moves);
          }
          targets.push({
            id,
            definition,
            plan: entryPlan,
            keys: null,
            validate: checking,
            containing: checking ? null : keysConcerned(moves),
            revisionAlways: false,
          });
        }
      }
    } else if (plan.walkFields.length > 0) {
      // Renames are done by then (step 1): the walk reads the new names.
      const entryPlan = { ...planEntryMigration(before, after, options.renames, defaultLocale), renames: {} };
      targets.push({
        id: row.id,
        definition: after,
        plan: entryPlan,
        keys: plan.walkFields,
        validate: true,
        containing: null,
        revisionAlways: true,
      });
    }

    let duplicateValues: DuplicateValue[] = [];
    let migrated = 0;
    let refusal: SchemaChangeOutcome['refusal'] = null;
    // A dry run does the work and takes it back: its figures are those of the real change.
    if (options.dryRun) await manager.query(`SAVEPOINT ${DRY_RUN_SAVEPOINT}`);
    try {
      // 1. Key moves, set-based: renames, removals, fields made private.
      let bulkIds: Set<string> | null = null;
      if (!isBulkEmpty(plan.bulk)) {
        const orphans = await findOrphanedValues(manager, tx.workspaceId, row.id, plan.bulk.removed, REPORT_CAP);
        orphaned.addReport(orphans);
        if (orphans.total > 0 && !allowance.dropData) {
          refusal = 'content.schema-change-orphans-data';
          if (!options.dryRun) throw new SchemaChangeOrphansDataError(row.apiId, orphaned.build());
        }
        const bulk = await applyBulkRewrite(
          manager,
          tx.workspaceId,
          row.id,
          plan.bulk,
          after,
          components,
          targets.length > 0,
        );
        migrated += bulk.migrated;
        bulkIds = bulk.entryIds;
      }

      // 2. Values read per entry (only the fields concerned): rule checks, moves between shared and localized.
      for (const target of targets) {
        target.plan.cleanPublished = (doc) => publishedDocument(target.definition, components, doc);
        const validator = target.validate ? compileEntryValidator(target.definition, components, 'draft') : null;
        const validate = validator && ((data: Record<string, unknown>) => validator(data));
        const keys = target.keys ? new Set(target.keys) : null;
        await this.forEachEntryBatch(tx, manager, target.id, target.keys, target.containing, async (entries) => {
          for (const entry of entries) {
            const result = migrateEntry(entry, target.plan, validate);
            orphaned.add(result.dropped);
            invalid.add(allowance.resetInvalid ? result.unresolved : result.invalid);
            if (result.dropped.length > 0 && !allowance.dropData) refusal ??= 'content.schema-change-orphans-data';
            if (result.unresolved.length > 0 || (result.invalid.length > 0 && !allowance.resetInvalid))
              refusal ??= 'content.schema-change-invalidates-entries';
            const { changed } = result;
            if (!changed.shared && changed.drafts.size === 0 && changed.published.size === 0) continue;
            if (!bulkIds?.has(entry.id)) migrated++;
            // Once the change is refused nothing more is written; the transaction is rolled back anyway.
            if (refusal) continue;
            const state = keys ? await this.completed(tx, manager, entry.id, result.state, keys) : result.state;
            // Keys moved inside components are, like top-level renames, recorded by the type's version only.
            const revision = target.revisionAlways || result.invalid.length > 0;
            await this.writeEntry(
              tx,
              manager,
              target.definition,
              components,
              state,
              entry.localeIds,
              changed,
              revision,
            );
          }
        });
      }

      // 3. Fields unique from now on: values several entries share refuse the change (no option resets them).
      if (plan.newlyUnique.length > 0) {
        const found = await findDuplicateValues(manager, tx.workspaceId, row.id, plan.newlyUnique, REPORT_CAP);
        if (found.report.total > 0) {
          duplicates.addReport(found.report);
          duplicateValues = found.duplicates;
          refusal ??= 'content.schema-change-duplicate-values';
        }
      }
    } finally {
      if (options.dryRun) {
        await manager.query(`ROLLBACK TO SAVEPOINT ${DRY_RUN_SAVEPOINT}`);
        await manager.query(`RELEASE SAVEPOINT ${DRY_RUN_SAVEPOINT}`);
      }
    }

    if (options.dryRun) return outcome(migrated, refusal, row.version);
    if (refusal === 'content.schema-change-orphans-data')
      throw new SchemaChangeOrphansDataError(row.apiId, orphaned.build());
    if (refusal === 'content.schema-change-duplicate-values')
      throw new SchemaChangeDuplicateValuesError(row.apiId, duplicateValues, duplicates.build());
    if (refusal) throw new SchemaChangeInvalidatesEntriesError(row.apiId, invalid.build());

    const version = row.version + 1;
    await manager.update(
      ContentType,
      { id: row.id, workspaceId: tx.workspaceId },
      {
        definition: after as never,
        name: after.name,
        kind: after.kind,
        version,
        publicRead: after.options?.publicRead === true,
      },
    );
    await this.recordVersion(tx, row.id, version, after, changes);
    await syncFieldIndexes(manager, row.id, after);
    // The payload's `changes` lists kinds of change (a public contract); the audit log gets the values.
    await this.events.publish(
      tx,
      'content.type.updated',
      {
        contentTypeId: row.id,
        apiId: row.apiId,
        version,
        changes: changes.map((c) => (c.field ? { kind: c.kind, field: c.field } : { kind: c.kind })),
        migrated,
      },
      { changes: schemaChanges(before, after) },
    );
    await bumpDeliveryGeneration(tx, manager);
    return outcome(migrated, null, version);
  }

  async recordVersion(
    tx: RequestContext,
    contentTypeId: string,
    version: number,
    definition: ContentTypeDefinition,
    changes: unknown[],
  ): Promise<void> {
    await this.db.manager(tx).insert(ContentTypeVersion, {
      id: uuidv7(),
      workspaceId: tx.workspaceId,
      contentTypeId,
      version,
      definition: definition as never,
      changes: changes as never,
      actorType: tx.actor.type,
      actorId: tx.actor.id,
    });
  }

  private async defaultLocale(tx: RequestContext, manager: EntityManager): Promise<string> {
    const rows: Array<{ default_locale: string }> = await manager.query(
      `SELECT default_locale FROM workspaces WHERE id = $1`,
      [tx.workspaceId],
    );
    return rows[0]?.default_locale ?? 'en';
  }

  /**
   * The type's entries (trash included) in batches, each with its locale rows. With `keys`, each stored document
   * holds only those keys: the walk reads what the change concerns, not whole entries.
   */
  private async forEachEntryBatch(
    tx: RequestContext,
    manager: EntityManager,
    contentTypeId: string,
    keys: string[] | null,
    containing: { drafts: string[]; published: string[] } | null,
    visit: (entries: Array<StoredEntryState & { localeIds: Map<string, string> }>) => Promise<void>,
  ): Promise<void> {
    // `$3` (the keys) is named in every statement, read or not, so its type is always known.
    const only = (column: string) =>
      keys
        ? `CASE WHEN ${column} IS NULL THEN NULL ELSE (SELECT coalesce(jsonb_object_agg(k, ${column} -> k), '{}'::jsonb)
             FROM unnest($3::text[]) AS k WHERE ${column} ? k) END AS ${column}`
        : column;
    // With `containing`, only entries whose shared values or drafts hold one of `drafts`, or whose published
    // documents hold one of `published`, at any depth (a jsonpath test in the database, nothing read otherwise).
    const draftPath = containing ? anyKeyPath(containing.drafts) : null;
    const publishedPath = containing ? anyKeyPath(containing.published) : null;
    const filtered = `($6::boolean OR jsonb_path_exists(shared_data, $7::jsonpath)
        OR EXISTS (SELECT 1 FROM content_entry_locales l WHERE l.workspace_id = $1 AND l.entry_id = content_entries.id
                     AND (jsonb_path_exists(l.draft_data, $7::jsonpath) OR jsonb_path_exists(l.published_data, $8::jsonpath))))`;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ id: string; shared_data: Record<string, unknown> }> = await manager.query(
        `SELECT id, ${only('shared_data')} FROM content_entries
          WHERE workspace_id = $1 AND content_type_id = $2 AND id > $4 AND $3::text[] IS NOT NULL AND ${filtered}
          ORDER BY id LIMIT $5`,
        [tx.workspaceId, contentTypeId, keys ?? [], after, MIGRATION_BATCH_SIZE, !containing, draftPath, publishedPath],
      );
      if (rows.length === 0) return;
      const localeRows: Array<{
        id: string;
        entry_id: string;
        locale: string;
        draft_data: Record<string, unknown>;
        published_data: Record<string, unknown> | null;
      }> = await manager.query(
        `SELECT id, entry_id, locale, ${only('draft_data')}, ${only('published_data')} FROM content_entry_locales
          WHERE workspace_id = $1 AND entry_id = ANY($2::uuid[]) AND $3::text[] IS NOT NULL ORDER BY entry_id, locale`,
        [tx.workspaceId, rows.map((r) => r.id), keys ?? []],
      );
      const byEntry = new Map<string, typeof localeRows>();
      for (const l of localeRows) byEntry.set(l.entry_id, [...(byEntry.get(l.entry_id) ?? []), l]);
      const entries = rows.map((r) => {
        const own = byEntry.get(r.id) ?? [];
        return {
          id: r.id,
          shared: r.shared_data ?? {},
          locales: own.map((l) => ({ locale: l.locale, draft: l.draft_data ?? {}, published: l.published_data })),
          localeIds: new Map(own.map((l) => [l.locale, l.id])),
        };
      });
      await visit(entries);
      if (rows.length < MIGRATION_BATCH_SIZE) return;
      after = rows[rows.length - 1].id;
    }
  }

  /**
   * The whole entry as the walk changed it: its stored documents with the walked `keys` replaced by the walk's
   * values (which hold only those keys).
   */
  private async completed(
    tx: RequestContext,
    manager: EntityManager,
    entryId: string,
    partial: StoredEntryState,
    keys: ReadonlySet<string>,
  ): Promise<StoredEntryState> {
    const [entry]: Array<{ shared_data: Record<string, unknown> }> = await manager.query(
      `SELECT shared_data FROM content_entries WHERE id = $1 AND workspace_id = $2`,
      [entryId, tx.workspaceId],
    );
    const locales: Array<{
      locale: string;
      draft_data: Record<string, unknown>;
      published_data: Record<string, unknown> | null;
    }> = await manager.query(
      `SELECT locale, draft_data, published_data FROM content_entry_locales
        WHERE entry_id = $1 AND workspace_id = $2 ORDER BY locale`,
      [entryId, tx.workspaceId],
    );
    const merge = (stored: Record<string, unknown>, walked: Record<string, unknown>) => ({
      ...Object.fromEntries(Object.entries(stored).filter(([key]) => !keys.has(key))),
      ...walked,
    });
    return {
      id: entryId,
      shared: merge(entry?.shared_data ?? {}, partial.shared),
      locales: locales.map((l) => {
        const walked = partial.locales.find((p) => p.locale === l.locale);
        return {
          locale: l.locale,
          draft: merge(l.draft_data ?? {}, walked?.draft ?? {}),
          published: l.published_data ? merge(l.published_data, walked?.published ?? {}) : null,
        };
      }),
    };
  }

  /** Writes what changed of one entry, its references and search text, and a revision when its draft changed. */
  private async writeEntry(
    tx: RequestContext,
    manager: EntityManager,
    definition: ContentTypeDefinition,
    components: ReadonlyMap<string, ContentTypeDefinition>,
    state: StoredEntryState,
    localeIds: ReadonlyMap<string, string>,
    changed: MigratedEntry['changed'],
    revision: boolean,
  ): Promise<void> {
    if (changed.shared) {
      await manager.query(
        `UPDATE content_entries SET shared_data = $3, updated_at = now() WHERE id = $1 AND workspace_id = $2`,
        [state.id, tx.workspaceId, JSON.stringify(state.shared)],
      );
    }
    for (const locale of state.locales) {
      const id = localeIds.get(locale.locale)!;
      if (changed.drafts.has(locale.locale)) {
        await manager.query(
          `UPDATE content_entry_locales SET draft_data = $3, updated_at = now() WHERE id = $1 AND workspace_id = $2`,
          [id, tx.workspaceId, JSON.stringify(locale.draft)],
        );
      }
      if (changed.published.has(locale.locale) && locale.published) {
        // The search vector follows the published document: a field made private must not stay findable.
        const text = searchText(definition, components, locale.published);
        const config = textSearchConfig(locale.locale);
        await manager.query(
          `UPDATE content_entry_locales SET published_data = $3,
                  search_vector = setweight(to_tsvector($4::regconfig, $5), 'A') || setweight(to_tsvector($4::regconfig, $6), 'B')
            WHERE id = $1 AND workspace_id = $2`,
          [id, tx.workspaceId, JSON.stringify(locale.published), config, text.primary, text.secondary],
        );
      }
    }
    if (!changed.shared && changed.drafts.size === 0) return;
    await this.rewriteReferences(tx, manager, definition, components, state);
    if (revision) await this.revisions.record(tx, state.id, SCHEMA_MIGRATION_REVISION, null);
  }

  /** The entry's outgoing links, from its draft as migrated (field paths follow renames, removed fields go). */
  private async rewriteReferences(
    tx: RequestContext,
    manager: EntityManager,
    definition: ContentTypeDefinition,
    components: ReadonlyMap<string, ContentTypeDefinition>,
    state: StoredEntryState,
  ): Promise<void> {
    await manager.query(`DELETE FROM content_references WHERE source_entry_id = $1 AND workspace_id = $2`, [
      state.id,
      tx.workspaceId,
    ]);
    const rows: Array<[string, string, string, string]> = [];
    const seen = new Set<string>();
    const add = (locale: string, data: Record<string, unknown>) => {
      for (const reference of collectReferences(definition, components, data)) {
        if (!isUuid(reference.targetId)) continue;
        const key = `${locale}\u0000${reference.fieldPath}\u0000${reference.targetId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push([locale, reference.fieldPath, reference.targetKind, reference.targetId]);
      }
    };
    add('', state.shared);
    for (const locale of state.locales) add(locale.locale, locale.draft);
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO content_references (id, workspace_id, source_entry_id, locale, field_path, target_kind, target_id)
       SELECT r.id, $1, $2, r.locale, r.field_path, r.target_kind, r.target_id
         FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, locale text, field_path text, target_kind text, target_id uuid)`,
      [
        tx.workspaceId,
        state.id,
        JSON.stringify(
          rows.map(([locale, field_path, target_kind, target_id]) => ({
            id: uuidv7(),
            locale,
            field_path,
            target_kind,
            target_id,
          })),
        ),
      ],
    );
  }
}
