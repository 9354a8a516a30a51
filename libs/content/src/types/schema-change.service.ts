import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, uuidv7, type RequestContext } from '@quire/core';
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
  SchemaChangeInvalidatesEntriesError,
  SchemaChangeOrphansDataError,
  type AffectedEntry,
  type SchemaChangeReport,
} from './content-types.errors';
import { migrateEntry, planEntryMigration, type EntryMigrationPlan, type StoredEntryState } from './entry-migration';
import { syncFieldIndexes } from './field-indexes';
import { allowanceOf, type SchemaChangeOptions } from './schema-change-request';
import { embeddersOf } from './type-dependencies';

/** Entries read per query while a change checks or migrates them: bounded memory on types of any size. */
export const MIGRATION_BATCH_SIZE = 500;
/** Affected entries listed in a report; `total` still counts them all. */
export const REPORT_CAP = 100;
/** Revision kind of an entry rewritten by a schema change. */
const SCHEMA_MIGRATION_REVISION: RevisionKind = 'schema-migration';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a schema change did, or would do (dry run), to the type and its entries. */
export interface SchemaChangeOutcome {
  changes: SchemaChange[];
  report: { orphaned: SchemaChangeReport; invalid: SchemaChangeReport };
  /** Entries whose stored values the change rewrites (or would). */
  wouldMigrate: number;
  /** The problem code the change is refused with, or null; a dry run reports it instead of throwing. */
  refusal: 'content.schema-change-orphans-data' | 'content.schema-change-invalidates-entries' | null;
  version: number;
}

class ReportBuilder {
  readonly entries: AffectedEntry[] = [];
  private readonly ids = new Set<string>();
  add(items: AffectedEntry[]): void {
    for (const item of items) {
      this.ids.add(item.entryId);
      if (this.entries.length < REPORT_CAP) this.entries.push(item);
    }
  }
  get total(): number {
    return this.ids.size;
  }
  build(): SchemaChangeReport {
    return { entries: this.entries, total: this.total };
  }
}

/**
 * Applies a new definition to an existing type inside the caller's transaction: compares it with the current one,
 * walks the entries concerned in batches (keyset by id) to carry their values over (renames, removals, moves between
 * shared and localized storage, private fields out of published documents) and to validate them under the new
 * definition, refuses with a report what would lose or break data without the matching migration option, then
 * writes the entries, the type, its version, its expression indexes, the event and the delivery generation.
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
    const outcome = (wouldMigrate: number, refusal: SchemaChangeOutcome['refusal'], version: number) => ({
      changes,
      report: { orphaned: orphaned.build(), invalid: invalid.build() },
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
    const validating = changes.some(changeMayInvalidateEntries);
    const allowance = allowanceOf(options.migration);
    // A component's entries are those of the types embedding it: their values are checked, not moved.
    const targets: Array<{ id: string; definition: ContentTypeDefinition; plan: EntryMigrationPlan }> = [];
    if (after.kind === 'component') {
      const embedders = embeddersOf([after.apiId], [...workspaceTypes.values()]).filter(
        (apiId) => workspaceTypes.get(apiId)?.kind !== 'component',
      );
      if (embedders.length > 0 && validating) {
        const ids: Array<{ id: string; api_id: string }> = await manager.query(
          `SELECT id, api_id FROM content_types WHERE workspace_id = $1 AND api_id = ANY($2::text[])`,
          [tx.workspaceId, embedders],
        );
        for (const { id, api_id } of ids) {
          const definition = workspaceTypes.get(api_id)!;
          targets.push({ id, definition, plan: planEntryMigration(definition, definition, {}, defaultLocale) });
        }
      }
    } else {
      targets.push({
        id: row.id,
        definition: after,
        plan: planEntryMigration(before, after, options.renames, defaultLocale),
      });
    }

    let migrated = 0;
    let refusal: SchemaChangeOutcome['refusal'] = null;
    for (const target of targets) {
      target.plan.cleanPublished = (doc) => publishedDocument(target.definition, components, doc);
      const validator = validating ? compileEntryValidator(target.definition, components, 'draft') : null;
      const validate = validator ? (data: Record<string, unknown>) => validator(data) : null;
      await this.forEachEntryBatch(tx, manager, target.id, async (entries) => {
        for (const entry of entries) {
          const result = migrateEntry(entry, target.plan, validate);
          orphaned.add(result.dropped);
          invalid.add(allowance.resetInvalid ? result.unresolved : result.invalid);
          if (result.dropped.length > 0 && !allowance.dropData) refusal ??= 'content.schema-change-orphans-data';
          if (result.unresolved.length > 0 || (result.invalid.length > 0 && !allowance.resetInvalid))
            refusal ??= 'content.schema-change-invalidates-entries';
          const { changed } = result;
          if (!changed.shared && changed.drafts.size === 0 && changed.published.size === 0) continue;
          migrated++;
          // Once the change is refused nothing more is written; the transaction is rolled back anyway.
          if (!options.dryRun && !refusal)
            await this.writeEntry(tx, manager, target.definition, components, entry, result);
        }
      });
    }

    if (options.dryRun) return outcome(migrated, refusal, row.version);
    if (refusal === 'content.schema-change-orphans-data')
      throw new SchemaChangeOrphansDataError(row.apiId, orphaned.build());
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
    await this.events.publish(tx, 'content.type.updated', {
      contentTypeId: row.id,
      apiId: row.apiId,
      version,
      changes: changes.map((c) => (c.field ? { kind: c.kind, field: c.field } : { kind: c.kind })),
      migrated,
    });
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

  /** The type's entries (trash included) in batches, each with its locale rows. */
  private async forEachEntryBatch(
    tx: RequestContext,
    manager: EntityManager,
    contentTypeId: string,
    visit: (entries: Array<StoredEntryState & { localeIds: Map<string, string> }>) => Promise<void>,
  ): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ id: string; shared_data: Record<string, unknown> }> = await manager.query(
        `SELECT id, shared_data FROM content_entries WHERE workspace_id = $1 AND content_type_id = $2 AND id > $3
          ORDER BY id LIMIT $4`,
        [tx.workspaceId, contentTypeId, after, MIGRATION_BATCH_SIZE],
      );
      if (rows.length === 0) return;
      const localeRows: Array<{
        id: string;
        entry_id: string;
        locale: string;
        draft_data: Record<string, unknown>;
        published_data: Record<string, unknown> | null;
      }> = await manager.query(
        `SELECT id, entry_id, locale, draft_data, published_data FROM content_entry_locales
          WHERE workspace_id = $1 AND entry_id = ANY($2::uuid[]) ORDER BY entry_id, locale`,
        [tx.workspaceId, rows.map((r) => r.id)],
      );
      const entries = rows.map((r) => {
        const own = localeRows.filter((l) => l.entry_id === r.id);
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

  /** Writes what changed of one entry, its references and search text, and a revision when its draft changed. */
  private async writeEntry(
    tx: RequestContext,
    manager: EntityManager,
    definition: ContentTypeDefinition,
    components: ReadonlyMap<string, ContentTypeDefinition>,
    original: StoredEntryState & { localeIds: Map<string, string> },
    result: ReturnType<typeof migrateEntry>,
  ): Promise<void> {
    const { state, changed } = result;
    if (changed.shared) {
      await manager.query(
        `UPDATE content_entries SET shared_data = $3, updated_at = now() WHERE id = $1 AND workspace_id = $2`,
        [state.id, tx.workspaceId, JSON.stringify(state.shared)],
      );
    }
    for (const locale of state.locales) {
      const id = original.localeIds.get(locale.locale)!;
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
    await this.revisions.record(tx, state.id, SCHEMA_MIGRATION_REVISION, null);
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
        if (!UUID.test(reference.targetId)) continue;
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
