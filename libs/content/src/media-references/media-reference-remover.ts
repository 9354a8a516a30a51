import { Injectable, Logger } from '@nestjs/common';
import { EventBus, TenantDataSource, type RequestContext } from '@quire/core';
import type { EntityManager } from 'typeorm';
import { actorUserId } from '../entries/entry-store';
import { RevisionRecorder } from '../entries/revision-recorder';
import { searchText } from '../schema/search-text';
import { textSearchConfig } from '../schema/text-search-config';
import { bumpDeliveryGeneration } from '../shared/delivery-generation';
import { entriesUsingAssetSql } from './entries-using-asset';
import { publishedMediaProbes } from './media-probes';
import { removeMediaReferences, type MediaRemoval } from './media-removal';
import { loadWorkspaceDefinitions, type WorkspaceDefinitions } from './workspace-definitions';

/** Entries rewritten per transaction: locks stay short, and a retry after a failure redoes at most one batch. */
export const REMOVAL_BATCH_SIZE = 100;

/** What a removal did. */
export interface MediaRemovalOutcome {
  /** Entries whose drafts or published documents lost the asset (one revision and one event each). */
  entries: number;
  /** Of those, published locale versions rewritten. */
  publishedLocales: number;
}

interface LockedEntry {
  id: string;
  content_type_id: string;
  shared_data: Record<string, unknown>;
}

interface LockedLocale {
  id: string;
  entry_id: string;
  locale: string;
  draft_data: Record<string, unknown>;
  published_data: Record<string, unknown> | null;
  /** Published, and no save since: the draft is what was published. */
  current: boolean;
}

/**
 * Takes a deleted asset out of every entry that uses it (docs/media/references.md): drafts (shared values and
 * every locale) and published documents, trash included, in batches of entries, each batch one transaction with
 * set-based writes — the documents, their search vectors, the entries' `content_references`, one
 * `reference-removed` revision per entry, one `content.entry.media-removed` event per entry and a delivery
 * generation bump. Idempotent: entries are found by what they hold now, so a second run finds nothing to do.
 */
@Injectable()
export class MediaReferenceRemover {
  private readonly logger = new Logger(MediaReferenceRemover.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly revisions: RevisionRecorder,
    private readonly events: EventBus,
  ) {}

  async remove(ctx: RequestContext, assetId: string): Promise<MediaRemovalOutcome> {
    const manager = this.db.manager(ctx);
    // Found once: no new reference can appear once the asset row is gone (saves check it under a share lock).
    const definitions = await loadWorkspaceDefinitions(manager, ctx.workspaceId);
    const probes = publishedMediaProbes(
      [...definitions.byId.values()].map((type) => type.definition),
      definitions.components,
      assetId,
    );
    const using: Array<{ entry_id: string }> = await manager.query(
      `SELECT entry_id FROM (${entriesUsingAssetSql('$1', '$2', '$3')}) hits ORDER BY entry_id`,
      [ctx.workspaceId, assetId, probes],
    );
    const outcome: MediaRemovalOutcome = { entries: 0, publishedLocales: 0 };
    const ids = using.map((row) => row.entry_id);
    for (let start = 0; start < ids.length; start += REMOVAL_BATCH_SIZE) {
      const batch = ids.slice(start, start + REMOVAL_BATCH_SIZE);
      const done = await this.db.transaction(ctx, (tx) => this.removeFromBatch(tx, assetId, batch));
      outcome.entries += done.entries;
      outcome.publishedLocales += done.publishedLocales;
    }
    // Links whose path no longer leads to the id (written before a schema change moved it) go too.
    await manager.query(
      `DELETE FROM content_references WHERE workspace_id = $1 AND target_kind = 'media' AND target_id = $2`,
      [ctx.workspaceId, assetId],
    );
    if (outcome.entries > 0) {
      this.logger.log(
        `Asset ${assetId} removed from ${outcome.entries} entries (${outcome.publishedLocales} published versions)`,
      );
    }
    return outcome;
  }

  private async removeFromBatch(tx: RequestContext, assetId: string, ids: string[]): Promise<MediaRemovalOutcome> {
    const manager = this.db.manager(tx);
    // In id order, as every batch locks them: two removals touching the same entries cannot deadlock.
    const entries: LockedEntry[] = await manager.query(
      `SELECT id, content_type_id, shared_data FROM content_entries
        WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
      [tx.workspaceId, ids],
    );
    const locales: LockedLocale[] = await manager.query(
      `SELECT id, entry_id, locale, draft_data, published_data,
              published_at IS NOT NULL AND updated_at <= published_at AS current
         FROM content_entry_locales
        WHERE workspace_id = $1 AND entry_id = ANY($2::uuid[]) ORDER BY entry_id, locale FOR UPDATE`,
      [tx.workspaceId, ids],
    );
    const definitions = await loadWorkspaceDefinitions(manager, tx.workspaceId);
    const changed: Array<{ entry: LockedEntry; apiId: string; removal: MediaRemoval; rows: LockedLocale[] }> = [];
    for (const entry of entries) {
      const type = definitions.byId.get(entry.content_type_id);
      if (!type) continue;
      const rows = locales.filter((row) => row.entry_id === entry.id);
      const removal = removeMediaReferences(
        type.definition,
        definitions.components,
        {
          shared: entry.shared_data ?? {},
          locales: rows.map((row) => ({
            locale: row.locale,
            draft: row.draft_data ?? {},
            published: row.published_data,
          })),
        },
        assetId,
      );
      if (removal.shared || removal.drafts.size > 0 || removal.published.size > 0) {
        changed.push({ entry, apiId: type.apiId, removal, rows });
      }
    }
    await manager.query(
      `DELETE FROM content_references
        WHERE workspace_id = $1 AND target_kind = 'media' AND target_id = $2 AND source_entry_id = ANY($3::uuid[])`,
      [tx.workspaceId, assetId, ids],
    );
    if (changed.length === 0) return { entries: 0, publishedLocales: 0 };

    await this.writeDocuments(tx, manager, definitions, changed);
    const recorded = await this.revisions.recordMany(
      tx,
      'reference-removed',
      changed.map(({ entry, removal }) => {
        const draftLocales = [...removal.drafts.keys()];
        // One locale's draft alone: the revision names it; shared values or several locales: null.
        const locale = !removal.shared && draftLocales.length === 1 ? draftLocales[0] : null;
        return { entryId: entry.id, locale, extraDiff: removal.publishedChanges };
      }),
    );
    let publishedLocales = 0;
    for (const [i, { entry, apiId, removal }] of changed.entries()) {
      publishedLocales += removal.published.size;
      await this.events.publish(tx, 'content.entry.media-removed', {
        entryId: entry.id,
        contentType: apiId,
        assetId,
        revision: recorded[i].number,
        fields: removal.fields,
        publishedLocales: [...removal.published.keys()],
      });
    }
    // Drafts alone are not delivered; any published change drops cached delivery responses.
    if (publishedLocales > 0) await bumpDeliveryGeneration(tx, manager);
    return { entries: changed.length, publishedLocales };
  }

  /** The batch's new shared values, drafts and published documents (with their search vectors), two statements. */
  private async writeDocuments(
    tx: RequestContext,
    manager: EntityManager,
    definitions: WorkspaceDefinitions,
    changed: Array<{ entry: LockedEntry; removal: MediaRemoval; rows: LockedLocale[] }>,
  ): Promise<void> {
    await manager.query(
      `UPDATE content_entries e
          SET shared_data = coalesce(v.shared, e.shared_data), updated_by = $2, updated_at = now()
         FROM jsonb_to_recordset($3::jsonb) AS v(id uuid, shared jsonb)
        WHERE e.workspace_id = $1 AND e.id = v.id`,
      [
        tx.workspaceId,
        actorUserId(tx),
        JSON.stringify(changed.map(({ entry, removal }) => ({ id: entry.id, shared: removal.shared }))),
      ],
    );
    const localeUpdates = changed.flatMap(({ entry, removal, rows }) => {
      const definition = definitions.byId.get(entry.content_type_id)!.definition;
      return rows.flatMap((row) => {
        const draft = removal.drafts.get(row.locale) ?? null;
        const published = removal.published.get(row.locale) ?? null;
        const draftChanged = draft !== null || removal.shared !== null;
        if (!draftChanged && !published) return [];
        const text = published ? searchText(definition, definitions.components, published) : null;
        return [
          {
            id: row.id,
            draft,
            published,
            config: textSearchConfig(row.locale),
            primary_text: text?.primary ?? '',
            secondary_text: text?.secondary ?? '',
            // A version still as published stays "published": its published document lost the asset as its draft
            // did (or never held it: a private field). Others count as edited, as after any save.
            touch: draftChanged && !row.current,
          },
        ];
      });
    });
    if (localeUpdates.length === 0) return;
    await manager.query(
      `UPDATE content_entry_locales l
          SET draft_data = coalesce(v.draft, l.draft_data),
              published_data = coalesce(v.published, l.published_data),
              search_vector = CASE WHEN v.published IS NULL THEN l.search_vector
                                   ELSE setweight(to_tsvector(v.config::regconfig, v.primary_text), 'A') ||
                                        setweight(to_tsvector(v.config::regconfig, v.secondary_text), 'B') END,
              updated_at = CASE WHEN v.touch THEN now() ELSE l.updated_at END
         FROM jsonb_to_recordset($2::jsonb)
           AS v(id uuid, draft jsonb, published jsonb, config text, primary_text text, secondary_text text, touch boolean)
        WHERE l.workspace_id = $1 AND l.id = v.id`,
      [tx.workspaceId, JSON.stringify(localeUpdates)],
    );
  }
}
