import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, uuidv7, type FieldProblem, type RequestContext, isUuid } from '@quire/core';
import { actorUserId } from '../entries/entry-store';
import { RevisionRecorder, type RevisionKind } from '../entries/revision-recorder';
import { jsonEqual } from '../schema/deep-equal';
import { compileEntryValidator, type EntryValidator } from '../schema/entry-validator';
import { isLocalizedField, type ContentTypeDefinition, type ContentTypeKind } from '../schema/field-definition';
import { effectiveFields } from '../schema/effective-fields';
import { mergeLocalization } from '../schema/localization';
import { publishedDocument } from '../schema/published-document';
import { collectReferences, type EntryReference } from '../schema/references';
import { sanitizeEntryData } from '../schema/sanitize-entry';
import { searchText } from '../schema/search-text';
import { textSearchConfig } from '../schema/text-search-config';
import { bumpDeliveryGeneration } from '../shared/delivery-generation';
import type { ImportResultResponse } from './dto/import-result.response';
import { readContentExport, refusal, type ContentExport, type ExportedEntry } from './content-export-format';
import { lockUniqueField } from '../trash/unique-field-lock';
import { SchemaTransfer } from './schema-transfer';
import { ImportIdConflictError } from './transfer.errors';

/** Revision kind of an entry written by an import (RevisionRecorder's list does not name it yet). */
const IMPORT_REVISION: RevisionKind = 'import';
/** Rows per multi-row statement. */
const WRITE_BATCH = 500;

interface TypeRow {
  id: string;
  apiId: string;
  kind: ContentTypeKind;
  definition: ContentTypeDefinition;
}

/** One entry of the import, checked and ready to store. */
interface PreparedEntry {
  index: number;
  id: string;
  type: TypeRow;
  shared: Record<string, unknown>;
  locales: Array<{
    locale: string;
    draft: Record<string, unknown>;
    published: Record<string, unknown> | null;
    publishedAt: string | null;
  }>;
  existed: boolean;
}

/** Thrown inside the transaction of a dry run so that everything it wrote rolls back. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResultResponse) {
    super('dry run');
  }
}

/**
 * Imports an export into this workspace in ONE transaction: applies its schema snapshot (creating and updating
 * types, never deleting), upserts its entries by id, then checks what only the stored whole can tell (relations
 * point at live entries of the right type, unique and slug values are free), writes references, one revision per
 * entry (kind `import`), the delivery generation and the event. Any problem refuses the whole import with every
 * problem listed (`entries[i].…`); nothing is written. Ids are kept, so entries keep pointing at each other.
 */
@Injectable()
export class ContentImportService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly schema: SchemaTransfer,
    private readonly revisions: RevisionRecorder,
  ) {}

  async import(ctx: RequestContext, body: unknown, dryRunQuery: boolean): Promise<ImportResultResponse> {
    const doc = readContentExport(body);
    const dryRun = dryRunQuery || (doc as ContentExport & { dryRun?: boolean }).dryRun === true;
    try {
      return await this.db.transaction(ctx, async (tx) => {
        const applied = await this.schema.apply(tx, doc.schema);
        const result = await this.importEntries(tx, doc.entries);
        const outcome: ImportResultResponse = { dryRun, schema: applied, entries: result };
        await bumpDeliveryGeneration(tx, this.db.manager(tx));
        await this.events.publish(tx, 'content.import.completed', {
          contentTypes: applied.created.length + applied.updated.length,
          entries: result.created + result.updated,
        });
        if (dryRun) throw new DryRunRollback(outcome);
        return outcome;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.result;
      throw error;
    }
  }

  private async importEntries(
    tx: RequestContext,
    entries: ExportedEntry[],
  ): Promise<{ created: number; updated: number }> {
    if (entries.length === 0) return { created: 0, updated: 0 };
    const manager = this.db.manager(tx);
    const ids = entries.map((e) => e.id.toLowerCase());
    const existing: Array<{ id: string; own: boolean; content_type_id: string }> = await manager.query(
      `SELECT id, workspace_id = $2 AS own, content_type_id FROM content_entries WHERE id = ANY($1::uuid[])`,
      [ids, tx.workspaceId],
    );
    const foreign = new Set(existing.filter((r) => !r.own).map((r) => r.id));
    if (foreign.size > 0) {
      throw new ImportIdConflictError(ids.flatMap((id, i) => (foreign.has(id) ? [`entries[${i}].id`] : [])));
    }
    const ownTypeOf = new Map(existing.map((r) => [r.id, r.content_type_id]));
    const { types, components } = await this.workspaceTypes(tx);
    const locales = await this.enabledLocales(tx);

    const problems: FieldProblem[] = [];
    const validators = new Map<string, { draft: EntryValidator; publish: EntryValidator }>();
    const validatorsOf = (type: TypeRow) => {
      let pair = validators.get(type.id);
      if (!pair) {
        pair = {
          draft: compileEntryValidator(type.definition, components, 'draft'),
          publish: compileEntryValidator(type.definition, components, 'publish'),
        };
        validators.set(type.id, pair);
      }
      return pair;
    };

    const prepared: PreparedEntry[] = [];
    entries.forEach((entry, index) => {
      const at = `entries[${index}]`;
      const id = entry.id.toLowerCase();
      const type = types.get(entry.contentType);
      if (!type || type.kind === 'component') {
        problems.push({
          path: `${at}.contentType`,
          message: type
            ? `"${entry.contentType}" is a component: components hold no entries`
            : `no content type "${entry.contentType}" in the import's schema or this workspace`,
        });
        return;
      }
      const storedType = ownTypeOf.get(id);
      if (storedType !== undefined && storedType !== type.id) {
        problems.push({ path: `${at}.contentType`, message: 'this entry exists here with another content type' });
        return;
      }
      const { draft: draftValidator, publish: publishValidator } = validatorsOf(type);
      const shared = sanitizeEntryData(type.definition, components, entry.shared ?? {});
      for (const p of draftValidator(shared, { only: 'shared' })) problems.push(at_(`${at}.shared`, p));
      const preparedLocales: PreparedEntry['locales'] = [];
      for (const [locale, value] of Object.entries(entry.locales)) {
        const path = `${at}.locales.${locale}`;
        if (!locales.includes(locale)) {
          problems.push({
            path,
            message: `"${locale}" is not an enabled locale of this workspace (${locales.join(', ')})`,
          });
          continue;
        }
        const draft = sanitizeEntryData(type.definition, components, value.draft);
        for (const p of draftValidator(draft, { only: 'localized' })) problems.push(at_(`${path}.draft`, p));
        let published: Record<string, unknown> | null = null;
        if (value.published) {
          const sanitized = sanitizeEntryData(type.definition, components, value.published);
          // A published document leaves private fields out: give the check the draft's private values back.
          const privateValues = privateFieldValues(type.definition, mergeLocalization(shared, draft));
          for (const p of publishValidator({ ...privateValues, ...sanitized })) {
            problems.push(at_(`${path}.published`, p));
          }
          published = publishedDocument(type.definition, components, sanitized);
        }
        preparedLocales.push({ locale, draft, published, publishedAt: value.published ? value.publishedAt : null });
      }
      prepared.push({ index, id, type, shared, locales: preparedLocales, existed: storedType !== undefined });
    });
    if (problems.length > 0) throw refusal(problems);

    const singletonProblems = await this.singletonProblems(tx, prepared);
    if (singletonProblems.length > 0) throw refusal(singletonProblems);

    await this.lockUniqueFields(tx, prepared);
    await this.writeEntries(tx, prepared, components);
    const stored = [
      ...(await this.relationProblems(tx, prepared, components)),
      ...(await this.uniqueProblems(tx, prepared)),
    ];
    if (stored.length > 0) throw refusal(stored);
    await this.writeReferences(tx, prepared, components);
    for (const entry of prepared) await this.revisions.record(tx, entry.id, IMPORT_REVISION, null);
    const updated = prepared.filter((e) => e.existed).length;
    return { created: prepared.length - updated, updated };
  }

  /** Every type of the workspace after the schema was applied, by API id, and the components by API id. */
  private async workspaceTypes(
    tx: RequestContext,
  ): Promise<{ types: Map<string, TypeRow>; components: Map<string, ContentTypeDefinition> }> {
    const rows: Array<{ id: string; api_id: string; kind: ContentTypeKind; definition: ContentTypeDefinition }> =
      await this.db
        .manager(tx)
        .query(`SELECT id, api_id, kind, definition FROM content_types WHERE workspace_id = $1`, [tx.workspaceId]);
    const types = new Map<string, TypeRow>();
    const components = new Map<string, ContentTypeDefinition>();
    for (const row of rows) {
      types.set(row.api_id, { id: row.id, apiId: row.api_id, kind: row.kind, definition: row.definition });
      if (row.kind === 'component') components.set(row.api_id, row.definition);
    }
    return { types, components };
  }

  private async enabledLocales(tx: RequestContext): Promise<string[]> {
    const [row]: Array<{ default_locale: string; enabled_locales: string[] }> = await this.db
      .manager(tx)
      .query(`SELECT default_locale, enabled_locales FROM workspaces WHERE id = $1`, [tx.workspaceId]);
    return row ? [...new Set([row.default_locale, ...row.enabled_locales])] : [];
  }

  /** A singleton has one entry: two in the import, or one beside another entry already here, is refused. */
  private async singletonProblems(tx: RequestContext, prepared: PreparedEntry[]): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    const byType = new Map<string, PreparedEntry[]>();
    for (const e of prepared)
      if (e.type.kind === 'singleton') byType.set(e.type.id, [...(byType.get(e.type.id) ?? []), e]);
    for (const [typeId, list] of byType) {
      const others: Array<{ id: string }> = await this.db
        .manager(tx)
        .query(
          `SELECT id FROM content_entries WHERE workspace_id = $1 AND content_type_id = $2 AND NOT (id = ANY($3::uuid[]))`,
          [tx.workspaceId, typeId, list.map((e) => e.id)],
        );
      for (const e of list.slice(others.length > 0 ? 0 : 1)) {
        problems.push({
          path: `entries[${e.index}].contentType`,
          message: `"${e.type.apiId}" is a singleton and already has ${others.length > 0 ? 'an entry here' : `entries[${list[0].index}]`}`,
        });
      }
    }
    return problems;
  }

  /** The locks saves take on unique and slug fields, for every imported type: no save takes a value meanwhile. */
  private async lockUniqueFields(tx: RequestContext, prepared: PreparedEntry[]): Promise<void> {
    const types = new Map(prepared.map((e) => [e.type.id, e.type]));
    for (const type of [...types.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const fields = effectiveFields(type.definition)
        .filter((f) => f.unique === true || f.type === 'slug')
        .map((f) => f.name)
        .sort();
      for (const field of fields) await lockUniqueField(this.db.manager(tx), type.id, field);
    }
  }

  /** Upserts entry and locale rows (published documents with their search vectors), in multi-row statements. */
  private async writeEntries(
    tx: RequestContext,
    prepared: PreparedEntry[],
    components: ReadonlyMap<string, ContentTypeDefinition>,
  ): Promise<void> {
    const manager = this.db.manager(tx);
    const actor = actorUserId(tx);
    for (const batch of chunks(prepared, WRITE_BATCH)) {
      const written: Array<{ id: string }> = await manager.query(
        `INSERT INTO content_entries (id, workspace_id, content_type_id, shared_data, revision, created_by, updated_by)
         SELECT r.id, $1, r.content_type_id, r.shared_data, 0, $2, $2
           FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, content_type_id uuid, shared_data jsonb)
         ON CONFLICT (id) DO UPDATE
            SET shared_data = EXCLUDED.shared_data, updated_by = $2, updated_at = now(), deleted_at = NULL, deleted_by = NULL
          WHERE content_entries.workspace_id = $1
         RETURNING id`,
        [
          tx.workspaceId,
          actor,
          JSON.stringify(batch.map((e) => ({ id: e.id, content_type_id: e.type.id, shared_data: e.shared }))),
        ],
      );
      // An id another workspace took since the check above: the upsert's guard skipped it.
      if (written.length !== batch.length) {
        const done = new Set(written.map((w) => w.id));
        throw new ImportIdConflictError(batch.filter((e) => !done.has(e.id)).map((e) => `entries[${e.index}].id`));
      }
      await manager.query(
        `DELETE FROM content_entry_locales
          WHERE workspace_id = $1 AND entry_id = ANY($2::uuid[]) AND NOT ((entry_id::text || ':' || locale) = ANY($3::text[]))`,
        [tx.workspaceId, batch.map((e) => e.id), batch.flatMap((e) => e.locales.map((l) => `${e.id}:${l.locale}`))],
      );
      const rows = batch.flatMap((e) =>
        e.locales.map((l) => {
          const text = l.published ? searchText(e.type.definition, components, l.published) : null;
          // A draft that is what was published reads as "published", not "changed since".
          const unchanged =
            l.published !== null &&
            jsonEqual(
              publishedDocument(e.type.definition, components, mergeLocalization(e.shared, l.draft)),
              l.published,
            );
          return {
            id: uuidv7(),
            entry_id: e.id,
            content_type_id: e.type.id,
            locale: l.locale,
            draft_data: l.draft,
            published_data: l.published,
            published_at: l.publishedAt,
            unchanged,
            config: textSearchConfig(l.locale),
            primary_text: text?.primary ?? null,
            secondary_text: text?.secondary ?? null,
          };
        }),
      );
      await manager.query(
        `INSERT INTO content_entry_locales
           (id, workspace_id, entry_id, content_type_id, locale, draft_data, published_data, published_at,
            first_published_at, published_by, search_vector, in_trash, updated_at)
         SELECT r.id, $1, r.entry_id, r.content_type_id, r.locale, r.draft_data, r.published_data, r.published_at,
                r.published_at, CASE WHEN r.published_at IS NULL THEN NULL ELSE $2::uuid END,
                CASE WHEN r.published_data IS NULL THEN NULL
                     ELSE setweight(to_tsvector(r.config::regconfig, r.primary_text), 'A')
                       || setweight(to_tsvector(r.config::regconfig, r.secondary_text), 'B') END,
                false,
                CASE WHEN r.unchanged THEN r.published_at ELSE now() END
           FROM jsonb_to_recordset($3::jsonb) AS r(
                  id uuid, entry_id uuid, content_type_id uuid, locale text, draft_data jsonb, published_data jsonb,
                  published_at timestamptz, unchanged boolean, config text, primary_text text, secondary_text text)
         ON CONFLICT (entry_id, locale) DO UPDATE
            SET draft_data = EXCLUDED.draft_data, published_data = EXCLUDED.published_data,
                published_at = EXCLUDED.published_at,
                first_published_at = COALESCE(content_entry_locales.first_published_at, EXCLUDED.first_published_at),
                published_by = EXCLUDED.published_by, search_vector = EXCLUDED.search_vector, in_trash = false,
                updated_at = EXCLUDED.updated_at`,
        [tx.workspaceId, actor, JSON.stringify(rows)],
      );
    }
  }

  /** Relations (drafts and published documents) must point at live entries of this workspace of the target type. */
  private async relationProblems(
    tx: RequestContext,
    prepared: PreparedEntry[],
    components: ReadonlyMap<string, ContentTypeDefinition>,
  ): Promise<FieldProblem[]> {
    const checks: Array<{ path: string; ref: EntryReference }> = [];
    for (const e of prepared) {
      const at = `entries[${e.index}]`;
      const add = (prefix: string, data: Record<string, unknown>) => {
        for (const ref of collectReferences(e.type.definition, components, data)) {
          if (ref.targetKind === 'entry') checks.push({ path: `${prefix}.${ref.fieldPath}`, ref });
        }
      };
      add(`${at}.shared`, e.shared);
      for (const l of e.locales) {
        add(`${at}.locales.${l.locale}.draft`, l.draft);
        if (l.published) add(`${at}.locales.${l.locale}.published`, l.published);
      }
    }
    if (checks.length === 0) return [];
    const targets = [...new Set(checks.map((c) => c.ref.targetId))];
    const live: Array<{ id: string; api_id: string }> = await this.db.manager(tx).query(
      `SELECT e.id, t.api_id FROM content_entries e JOIN content_types t ON t.id = e.content_type_id
        WHERE e.workspace_id = $1 AND e.id = ANY($2::uuid[]) AND e.deleted_at IS NULL`,
      [tx.workspaceId, targets.filter((id) => isUuid(id))],
    );
    const typeOf = new Map(live.map((r) => [r.id, r.api_id]));
    const problems: FieldProblem[] = [];
    for (const { path, ref } of checks) {
      const found = typeOf.get(ref.targetId.toLowerCase());
      if (found === undefined) {
        problems.push({
          path,
          message: `links to ${ref.targetId}, which is no live entry of this workspace or of the import`,
        });
      } else if (ref.relationTarget !== undefined && found !== ref.relationTarget) {
        problems.push({
          path,
          message: `links to a "${found}" entry; this field links to "${ref.relationTarget}" entries`,
        });
      }
    }
    return problems;
  }

  /** Unique and slug values, after the upsert: an imported entry may not share one with another live entry. */
  private async uniqueProblems(tx: RequestContext, prepared: PreparedEntry[]): Promise<FieldProblem[]> {
    const manager = this.db.manager(tx);
    const problems: FieldProblem[] = [];
    const byType = new Map<string, { type: TypeRow; entries: PreparedEntry[] }>();
    for (const e of prepared) {
      const group = byType.get(e.type.id) ?? { type: e.type, entries: [] };
      group.entries.push(e);
      byType.set(e.type.id, group);
    }
    for (const { type, entries } of byType.values()) {
      const indexOf = new Map(entries.map((e) => [e.id, e.index]));
      const ids = entries.map((e) => e.id);
      for (const field of effectiveFields(type.definition).filter((f) => f.unique === true || f.type === 'slug')) {
        if (!isLocalizedField(field)) {
          const clashes: Array<{ id: string; value: string }> = await manager.query(
            `SELECT a.id, a.shared_data->>$3 AS value FROM content_entries a
              WHERE a.workspace_id = $1 AND a.id = ANY($2::uuid[]) AND a.shared_data->>$3 IS NOT NULL AND a.shared_data->>$3 <> ''
                AND EXISTS (SELECT 1 FROM content_entries b
                             WHERE b.content_type_id = a.content_type_id AND b.id <> a.id AND b.deleted_at IS NULL
                               AND b.shared_data->>$3 = a.shared_data->>$3)`,
            [tx.workspaceId, ids, field.name],
          );
          for (const c of clashes) {
            problems.push({
              path: `entries[${indexOf.get(c.id)}].shared.${field.name}`,
              message: `"${c.value}" is used by another entry of this type`,
            });
          }
          continue;
        }
        for (const column of ['draft_data', 'published_data'] as const) {
          const clashes: Array<{ entry_id: string; locale: string; value: string }> = await manager.query(
            `SELECT a.entry_id, a.locale, a.${column}->>$3 AS value FROM content_entry_locales a
              WHERE a.workspace_id = $1 AND a.entry_id = ANY($2::uuid[]) AND a.${column}->>$3 IS NOT NULL AND a.${column}->>$3 <> ''
                AND EXISTS (SELECT 1 FROM content_entry_locales b
                             WHERE b.content_type_id = a.content_type_id AND b.locale = a.locale AND b.entry_id <> a.entry_id
                               AND NOT b.in_trash AND b.${column}->>$3 = a.${column}->>$3)`,
            [tx.workspaceId, ids, field.name],
          );
          const part = column === 'draft_data' ? 'draft' : 'published';
          for (const c of clashes) {
            problems.push({
              path: `entries[${indexOf.get(c.entry_id)}].locales.${c.locale}.${part}.${field.name}`,
              message: `"${c.value}" is used by another entry of this type in "${c.locale}"`,
            });
          }
        }
      }
    }
    return problems;
  }

  /** The imported entries' outgoing links (relations and media), rewritten from their drafts. */
  private async writeReferences(
    tx: RequestContext,
    prepared: PreparedEntry[],
    components: ReadonlyMap<string, ContentTypeDefinition>,
  ): Promise<void> {
    const manager = this.db.manager(tx);
    const rows: Array<Record<string, string>> = [];
    for (const e of prepared) {
      const add = (locale: string, data: Record<string, unknown>) => {
        for (const ref of collectReferences(e.type.definition, components, data)) {
          rows.push({
            id: uuidv7(),
            source_entry_id: e.id,
            locale,
            field_path: ref.fieldPath,
            target_kind: ref.targetKind,
            target_id: ref.targetId,
          });
        }
      };
      add('', e.shared);
      for (const l of e.locales) add(l.locale, l.draft);
    }
    await manager.query(
      `DELETE FROM content_references WHERE workspace_id = $1 AND source_entry_id = ANY($2::uuid[])`,
      [tx.workspaceId, prepared.map((e) => e.id)],
    );
    for (const batch of chunks(rows, WRITE_BATCH)) {
      await manager.query(
        `INSERT INTO content_references (id, workspace_id, source_entry_id, locale, field_path, target_kind, target_id)
         SELECT r.id, $1, r.source_entry_id, r.locale, r.field_path, r.target_kind, r.target_id
           FROM jsonb_to_recordset($2::jsonb)
             AS r(id uuid, source_entry_id uuid, locale text, field_path text, target_kind text, target_id uuid)
         ON CONFLICT DO NOTHING`,
        [tx.workspaceId, JSON.stringify(batch)],
      );
    }
  }
}

/** A validator's problem under a prefix: `entries[2].locales.en.draft` + `title`. */
function at_(prefix: string, problem: { path: string; message: string }): FieldProblem {
  return { path: problem.path ? `${prefix}.${problem.path}` : prefix, message: problem.message };
}

/** The top-level private fields' values of an entry's merged draft. */
function privateFieldValues(
  definition: ContentTypeDefinition,
  merged: Record<string, unknown>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of effectiveFields(definition)) {
    if (field.private === true && Object.hasOwn(merged, field.name)) values[field.name] = merged[field.name];
  }
  return values;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
