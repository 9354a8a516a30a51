import { Injectable } from '@nestjs/common';
import { ForbiddenError, subject } from '@casl/ability';
import { EventBus, InjectPluginOptions, TenantDataSource, type FieldProblem, type RequestContext } from '@quire/core';
import { ENTRY_SUBJECT } from '../content.permissions';
import type { ContentOptions } from '../content.options';
import { actorUserId } from '../entries/entry-store';
import { EntryNotFoundError } from '../entries/entries.errors';
import { RevisionRecorder } from '../entries/revision-recorder';
import { effectiveFields } from '../schema/effective-fields';
import { isLocalizedField } from '../schema/field-definition';
import { lockUniqueField } from './unique-field-lock';
import { ContentTypeLookup, type LoadedContentType } from '../shared/content-type-lookup';
import { bumpDeliveryGeneration } from '../shared/delivery-generation';
import type { MovedToTrashResponse, DetachedFrom } from './dto/moved-to-trash.response';
import type { DetachedReference, RestoredEntryResponse } from './dto/trash-item.response';
import { fieldAtPath, onDeleteRule, parseFieldPath, withoutReference } from './reference-path';
import { EntryReferencedError, TrashRestoreConflictError, type ReferencingEntry } from './trash.errors';
import { purgeAt } from './trash-retention';
import { revisionChanges } from '../entries/revision-changes';

interface EntryRow {
  id: string;
  content_type_id: string;
  api_id: string;
  created_by: string | null;
  deleted_at: Date | null;
}

interface IncomingLink {
  source_entry_id: string;
  content_type_id: string;
  api_id: string;
  locale: string;
  field_path: string;
}

/**
 * Moving entries to the trash and back, and deleting them for good. Each operation is one transaction: the
 * entry's rows, the referential rule's edits of other entries, the delivery generation bump and the events
 * commit together or not at all.
 */
@Injectable()
export class EntryTrashService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly types: ContentTypeLookup,
    private readonly revisions: RevisionRecorder,
    @InjectPluginOptions('content') private readonly options: ContentOptions,
  ) {}

  /**
   * Moves a live entry to the trash. Live entries linking to it decide by their field's `onDelete`: any
   * `restrict` link refuses the whole operation (409, listing every such link); `detach` links are removed from
   * the linking entries' drafts, each recorded as a `reference-removed` revision.
   */
  moveToTrash(ctx: RequestContext, id: string): Promise<MovedToTrashResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const entry = await this.entry(tx, id, 'live');
      this.authorize(tx, entry, 'delete');
      const links = await this.incomingLinks(tx, id);
      const loaded = new Map<string, LoadedContentType | null>();
      const typeOf = async (typeId: string) => {
        if (!loaded.has(typeId)) loaded.set(typeId, await this.types.byId(tx, typeId));
        return loaded.get(typeId) ?? null;
      };
      const restricted: ReferencingEntry[] = [];
      for (const link of links) {
        const type = await typeOf(link.content_type_id);
        const field = type ? fieldAtPath(type.definition, type.components, parseFieldPath(link.field_path)) : null;
        if (onDeleteRule(field) === 'restrict') {
          restricted.push({
            entryId: link.source_entry_id,
            contentType: link.api_id,
            field: link.field_path,
            locale: link.locale === '' ? null : link.locale,
          });
        }
      }
      if (restricted.length > 0) throw new EntryReferencedError(id, restricted);

      const detachedFrom = await this.detach(tx, id, links);
      const rows: Array<{ deleted_at: Date }> = await this.sql(
        tx,
        `UPDATE content_entries SET deleted_at = now(), deleted_by = $3, updated_at = now()
          WHERE id = $1 AND workspace_id = $2 RETURNING deleted_at`,
        [id, tx.workspaceId, actorUserId(tx)],
      );
      // Only in_trash: the locale's updated_at tells "edited since published", which trashing is not.
      await this.sql(tx, `UPDATE content_entry_locales SET in_trash = true WHERE entry_id = $1 AND workspace_id = $2`, [
        id,
        tx.workspaceId,
      ]);
      await this.revisions.record(tx, id, 'trash', null);
      await bumpDeliveryGeneration(tx, this.db.manager(tx));
      await this.events.publish(tx, 'content.entry.deleted', { entryId: id, contentType: entry.api_id });
      const deletedAt = new Date(updatedRows(rows)[0].deleted_at);
      return {
        id,
        contentType: entry.api_id,
        deletedAt: deletedAt.toISOString(),
        purgeAt: purgeAt(this.options, await this.planOf(tx), deletedAt).toISOString(),
        detachedFrom,
      };
    });
  }

  /**
   * Takes an entry out of the trash: its published locales are delivered again. Refused (409, nothing changed)
   * when another live entry took one of its unique or slug values meanwhile. Links to entries erased while it
   * was in the trash are removed from its draft (they can never resolve again) and reported.
   */
  restore(ctx: RequestContext, id: string): Promise<RestoredEntryResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const entry = await this.entry(tx, id, 'trashed');
      this.authorize(tx, entry, 'restore');
      const type = await this.types.byId(tx, entry.content_type_id);
      if (type) await this.assertUniqueValuesFree(tx, id, type);

      const detached = await this.dropLinksToErasedEntries(tx, id);
      await this.sql(
        tx,
        `UPDATE content_entries SET deleted_at = NULL, deleted_by = NULL, updated_by = $3, updated_at = now()
          WHERE id = $1 AND workspace_id = $2`,
        [id, tx.workspaceId, actorUserId(tx)],
      );
      await this.sql(
        tx,
        `UPDATE content_entry_locales SET in_trash = false WHERE entry_id = $1 AND workspace_id = $2`,
        [id, tx.workspaceId],
      );
      // One revision: its diff shows any link removed above.
      const revision = await this.revisions.record(tx, id, 'untrash', null);
      await bumpDeliveryGeneration(tx, this.db.manager(tx));
      await this.events.publish(tx, 'content.entry.restored', { entryId: id, contentType: entry.api_id });
      return { id, contentType: entry.api_id, revision: revision.number, detached };
    });
  }

  /** Deletes a trashed entry for good: its locales, revisions and outgoing references go with it (cascade). */
  purge(ctx: RequestContext, id: string): Promise<void> {
    return this.db.transaction(ctx, async (tx) => {
      const entry = await this.entry(tx, id, 'trashed');
      this.authorize(tx, entry, 'delete');
      await this.sql(tx, `DELETE FROM content_entries WHERE id = $1 AND workspace_id = $2`, [id, tx.workspaceId]);
      await bumpDeliveryGeneration(tx, this.db.manager(tx));
      await this.events.publish(tx, 'content.entry.purged', {
        entryId: id,
        contentType: entry.api_id,
        purged: false,
      });
    });
  }

  /** The entry, locked for the transaction; a missing one, one in the other state or one the member may not read: 404. */
  private async entry(ctx: RequestContext, id: string, state: 'live' | 'trashed'): Promise<EntryRow> {
    const rows: EntryRow[] = await this.sql(
      ctx,
      `SELECT e.id, e.content_type_id, t.api_id, e.created_by, e.deleted_at
         FROM content_entries e JOIN content_types t ON t.id = e.content_type_id
        WHERE e.id = $1 AND e.workspace_id = $2 AND e.deleted_at IS ${state === 'live' ? '' : 'NOT '}NULL
          FOR UPDATE OF e`,
      [id, ctx.workspaceId],
    );
    const entry = rows[0];
    if (!entry || !ctx.ability.can('read', entrySubject(entry))) throw new EntryNotFoundError(id);
    return entry;
  }

  private authorize(ctx: RequestContext, entry: EntryRow, action: 'delete' | 'restore'): void {
    ForbiddenError.from(ctx.ability).throwUnlessCan(action, entrySubject(entry));
  }

  /** Links from live entries (other than itself) to this one, in a stable order. */
  private incomingLinks(ctx: RequestContext, id: string): Promise<IncomingLink[]> {
    return this.sql(
      ctx,
      `SELECT r.source_entry_id, s.content_type_id, st.api_id, r.locale, r.field_path
         FROM content_references r
         JOIN content_entries s ON s.id = r.source_entry_id
         JOIN content_types st ON st.id = s.content_type_id
        WHERE r.workspace_id = $1 AND r.target_kind = 'entry' AND r.target_id = $2
          AND s.deleted_at IS NULL AND r.source_entry_id <> $2
        ORDER BY r.source_entry_id, r.locale, r.field_path`,
      [ctx.workspaceId, id],
    );
  }

  /** Removes `targetId` from every linking entry's draft (all links are `detach` here), one revision per entry. */
  private async detach(ctx: RequestContext, targetId: string, links: IncomingLink[]): Promise<DetachedFrom[]> {
    const bySource = new Map<string, IncomingLink[]>();
    for (const link of links) bySource.set(link.source_entry_id, [...(bySource.get(link.source_entry_id) ?? []), link]);
    const detachedFrom: DetachedFrom[] = [];
    // Sorted ids: two concurrent operations lock linking entries in the same order, so they cannot deadlock.
    for (const [sourceId, sourceLinks] of [...bySource].sort(([a], [b]) => a.localeCompare(b))) {
      const locales = await this.removeLinks(ctx, sourceId, sourceLinks, targetId);
      const locale = locales.length === 1 ? locales[0] : null;
      const revision = await this.revisions.record(ctx, sourceId, 'reference-removed', locale);
      const fields = [...new Set(sourceLinks.map((l) => l.field_path))];
      await this.events.publish(
        ctx,
        'content.entry.updated',
        {
          entryId: sourceId,
          contentType: sourceLinks[0].api_id,
          locale,
          revision: revision.number,
          changed: fields,
        },
        { changes: revisionChanges(revision.diff, locale ?? null) },
      );
      detachedFrom.push({ entryId: sourceId, contentType: sourceLinks[0].api_id, fields, revision: revision.number });
    }
    return detachedFrom;
  }

  /**
   * Edits one entry's shared values and locale drafts to drop `targetId` at each link's path, and deletes those
   * reference rows. Returns the locales touched (null for shared values).
   */
  private async removeLinks(
    ctx: RequestContext,
    sourceId: string,
    links: Array<{ locale: string; field_path: string }>,
    targetId: string,
  ): Promise<Array<string | null>> {
    const [source]: Array<{ shared_data: Record<string, unknown> }> = await this.sql(
      ctx,
      `SELECT shared_data FROM content_entries WHERE id = $1 AND workspace_id = $2 FOR UPDATE`,
      [sourceId, ctx.workspaceId],
    );
    const touched: Array<string | null> = [];
    const sharedLinks = links.filter((l) => l.locale === '');
    if (sharedLinks.length > 0) {
      let shared = source?.shared_data ?? {};
      for (const link of sharedLinks) shared = withoutReference(shared, parseFieldPath(link.field_path), targetId);
      await this.sql(
        ctx,
        `UPDATE content_entries SET shared_data = $3, updated_by = $4, updated_at = now() WHERE id = $1 AND workspace_id = $2`,
        [sourceId, ctx.workspaceId, JSON.stringify(shared), actorUserId(ctx)],
      );
      // Shared values are part of every locale's draft: each counts as edited.
      await this.sql(
        ctx,
        `UPDATE content_entry_locales SET updated_at = now() WHERE entry_id = $1 AND workspace_id = $2`,
        [sourceId, ctx.workspaceId],
      );
      touched.push(null);
    }
    for (const locale of [...new Set(links.filter((l) => l.locale !== '').map((l) => l.locale))]) {
      const [row]: Array<{ draft_data: Record<string, unknown> }> = await this.sql(
        ctx,
        `SELECT draft_data FROM content_entry_locales WHERE entry_id = $1 AND workspace_id = $2 AND locale = $3 FOR UPDATE`,
        [sourceId, ctx.workspaceId, locale],
      );
      if (!row) continue;
      let draft = row.draft_data ?? {};
      for (const link of links.filter((l) => l.locale === locale)) {
        draft = withoutReference(draft, parseFieldPath(link.field_path), targetId);
      }
      await this.sql(
        ctx,
        `UPDATE content_entry_locales SET draft_data = $4, updated_at = now()
          WHERE entry_id = $1 AND workspace_id = $2 AND locale = $3`,
        [sourceId, ctx.workspaceId, locale, JSON.stringify(draft)],
      );
      touched.push(locale);
    }
    if (sharedLinks.length === 0) {
      await this.sql(
        ctx,
        `UPDATE content_entries SET updated_by = $3, updated_at = now() WHERE id = $1 AND workspace_id = $2`,
        [sourceId, ctx.workspaceId, actorUserId(ctx)],
      );
    }
    await this.sql(
      ctx,
      `DELETE FROM content_references
        WHERE workspace_id = $1 AND source_entry_id = $2 AND target_kind = 'entry' AND target_id = $3`,
      [ctx.workspaceId, sourceId, targetId],
    );
    return touched;
  }

  /** Links of this entry to entries that no longer exist: removed from its draft, returned for the response. */
  private async dropLinksToErasedEntries(ctx: RequestContext, id: string): Promise<DetachedReference[]> {
    const dangling: Array<{ locale: string; field_path: string; target_id: string }> = await this.sql(
      ctx,
      `SELECT r.locale, r.field_path, r.target_id FROM content_references r
        WHERE r.workspace_id = $1 AND r.source_entry_id = $2 AND r.target_kind = 'entry'
          AND NOT EXISTS (SELECT 1 FROM content_entries t WHERE t.id = r.target_id AND t.workspace_id = r.workspace_id)
        ORDER BY r.locale, r.field_path`,
      [ctx.workspaceId, id],
    );
    for (const targetId of new Set(dangling.map((d) => d.target_id))) {
      await this.removeLinks(
        ctx,
        id,
        dangling.filter((d) => d.target_id === targetId),
        targetId,
      );
    }
    return dangling.map((d) => ({
      field: d.field_path,
      locale: d.locale === '' ? null : d.locale,
      targetId: d.target_id,
    }));
  }

  /**
   * Unique and slug fields must still be free among the type's live entries: shared values against other
   * entries' shared values, localized ones per locale against other entries' drafts and published documents.
   */
  private async assertUniqueValuesFree(ctx: RequestContext, id: string, type: LoadedContentType): Promise<void> {
    const fields = effectiveFields(type.definition)
      .filter((f) => f.unique === true || f.type === 'slug')
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    if (fields.length === 0) return;
    // The lock saves take for these fields (same key, same order): no save can take a value while this checks it.
    for (const field of fields) await lockUniqueField(this.db.manager(ctx), type.id, field.name);
    const problems: FieldProblem[] = [];
    const [entry]: Array<{ shared_data: Record<string, unknown> }> = await this.sql(
      ctx,
      `SELECT shared_data FROM content_entries WHERE id = $1 AND workspace_id = $2`,
      [id, ctx.workspaceId],
    );
    const locales: Array<{
      locale: string;
      draft_data: Record<string, unknown>;
      published_data: Record<string, unknown> | null;
    }> = await this.sql(
      ctx,
      `SELECT locale, draft_data, published_data FROM content_entry_locales
        WHERE entry_id = $1 AND workspace_id = $2 ORDER BY locale`,
      [id, ctx.workspaceId],
    );
    for (const field of fields) {
      if (!isLocalizedField(field)) {
        const value = scalar(entry?.shared_data?.[field.name]);
        if (value === null) continue;
        const taken = await this.sql(
          ctx,
          `SELECT 1 FROM content_entries e
            WHERE e.workspace_id = $1 AND e.content_type_id = $2 AND e.id <> $3 AND e.deleted_at IS NULL
              AND (e.shared_data->>$4 = $5 OR EXISTS (
                    SELECT 1 FROM content_entry_locales l WHERE l.entry_id = e.id AND l.published_data->>$4 = $5))
            LIMIT 1`,
          [ctx.workspaceId, type.id, id, field.name, value],
        );
        if (taken.length > 0) problems.push(takenProblem(field.name, value));
        continue;
      }
      for (const row of locales) {
        const values = [scalar(row.draft_data?.[field.name]), scalar(row.published_data?.[field.name])].filter(
          (v): v is string => v !== null,
        );
        if (values.length === 0) continue;
        const taken: Array<{ value: string }> = await this.sql(
          ctx,
          `SELECT COALESCE(CASE WHEN draft_data->>$5 = ANY($6) THEN draft_data->>$5 END, published_data->>$5) AS value
             FROM content_entry_locales
            WHERE workspace_id = $1 AND content_type_id = $2 AND entry_id <> $3 AND locale = $4 AND NOT in_trash
              AND (draft_data->>$5 = ANY($6) OR published_data->>$5 = ANY($6))
            LIMIT 1`,
          [ctx.workspaceId, type.id, id, row.locale, field.name, [...new Set(values)]],
        );
        if (taken.length > 0) problems.push(takenProblem(`${row.locale}.${field.name}`, taken[0].value));
      }
    }
    if (problems.length > 0) throw new TrashRestoreConflictError(id, problems);
  }

  private async planOf(ctx: RequestContext): Promise<string> {
    const [row]: Array<{ plan: string }> = await this.sql(ctx, `SELECT plan FROM workspaces WHERE id = $1`, [
      ctx.workspaceId,
    ]);
    return row?.plan ?? 'free';
  }

  private sql<R = Record<string, unknown>>(ctx: RequestContext, query: string, parameters: unknown[]): Promise<R[]> {
    return this.db.manager(ctx).query(query, parameters);
  }
}

function entrySubject(entry: EntryRow) {
  return subject(ENTRY_SUBJECT, { contentType: entry.api_id, createdById: entry.created_by });
}

/** A unique value as SQL's `->>` spells it, or null for an empty one (empty values never collide). */
function scalar(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function takenProblem(path: string, value: string): FieldProblem {
  return { path, message: `"${value}" is used by another entry of this type since this one was trashed` };
}

/** TypeORM answers UPDATE … RETURNING with [rows, count] on PostgreSQL. */
function updatedRows<R>(result: R[] | [R[], number]): R[] {
  return Array.isArray(result[0]) ? (result[0] as R[]) : (result as R[]);
}
