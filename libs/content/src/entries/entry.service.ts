import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, ValidationFailedError, type RequestContext } from '@quire/core';
import {
  jsonEqual,
  mergeLocalization,
  publishedDocument,
  sanitizeEntryData,
  searchText,
  splitByLocalization,
  textSearchConfig,
} from '../schema';
import { bumpDeliveryGeneration } from '../shared/delivery-generation';
import type { LoadedContentType } from '../shared/content-type-lookup';
import { applyPatch, withDefaults, withoutNulls } from './draft-data';
import { DraftWriter } from './draft-writer';
import type { EntryResponse } from './dto/entry.response';
import { EntryLocaleNotFoundError, PublishInvalidError, SingletonEntryExistsError } from './entries.errors';
import { EntryAccess, type AccessibleEntry } from './entry-access';
import { EntryReader } from './entry-reader';
import { actorUserId, EntryStore, type StoredLocale } from './entry-store';
import { assertEnabled, LocaleChain } from './locale-chain';
import { revisionChanges } from './revision-changes';
import { RevisionRecorder } from './revision-recorder';
import { PublishGate } from '../workflow/publishing/publish-gate';

export interface CreateEntryInput {
  /** Default: the workspace's default locale. */
  locale?: string;
  data: Record<string, unknown>;
}

export interface UpdateEntryInput {
  locale: string;
  /** Partial: keys present replace, `null` clears, absent keys stay. */
  data: Record<string, unknown>;
}

/**
 * Writes entries: create, save a locale's draft, publish and unpublish a locale. Each write runs in one
 * transaction with its revision and its event (joining the caller's transaction when there is one, as import and
 * the demo seed do), so nothing is ever half-saved.
 */
@Injectable()
export class EntryService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly access: EntryAccess,
    private readonly store: EntryStore,
    private readonly drafts: DraftWriter,
    private readonly revisions: RevisionRecorder,
    private readonly locales: LocaleChain,
    private readonly reader: EntryReader,
    private readonly gate: PublishGate,
  ) {}

  async create(ctx: RequestContext, apiId: string, input: CreateEntryInput): Promise<EntryResponse> {
    const type = await this.access.type(ctx, apiId);
    this.access.assertCanCreate(ctx, type);
    const locale = await this.locales.resolve(ctx, input.locale);
    const data = withDefaults(type.definition, withoutNulls(this.sanitize(type, input.data)));
    const { shared, localized } = splitByLocalization(type.definition, data);
    return this.db.transaction(ctx, async (tx) => {
      if (type.kind === 'singleton') await this.assertNoSingletonEntry(tx, type);
      await this.drafts.prepare(tx, { type, entryId: null, locale, shared, localized });
      const id = await this.store.insertEntry(tx, { contentTypeId: type.id, sharedData: shared });
      await this.store.insertLocale(tx, { entryId: id, contentTypeId: type.id, locale, draftData: localized });
      await this.drafts.rewriteReferences(tx, type, id, [
        { locale: '', data: shared },
        { locale, data: localized },
      ]);
      const revision = await this.revisions.record(tx, id, 'create', locale);
      await this.events.publish(tx, 'content.entry.created', {
        entryId: id,
        contentType: type.apiId,
        locale,
        revision: revision.number,
      });
      return this.reader.read(tx, id, { locale });
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateEntryInput): Promise<EntryResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const found = await this.access.entry(tx, id, 'update', true);
      const { entry, type } = found;
      const row = await this.localeRow(tx, found, input.locale);
      const patch = splitByLocalization(type.definition, this.sanitize(type, input.data));
      const shared = applyPatch(entry.sharedData, patch.shared);
      const localized = applyPatch(row.draftData, patch.localized);
      await this.drafts.prepare(tx, { type, entryId: id, locale: input.locale, shared, localized });
      const sharedChanged = !jsonEqual(shared, entry.sharedData);
      const localizedChanged = !jsonEqual(localized, row.draftData);
      if (sharedChanged) await this.store.saveShared(tx, id, shared);
      if (localizedChanged) await this.store.saveDraft(tx, id, input.locale, localized);
      await this.store.touch(tx, id);
      await this.drafts.rewriteReferences(tx, type, id, [
        { locale: '', data: shared },
        { locale: input.locale, data: localized },
      ]);
      const revision = await this.revisions.record(tx, id, 'save', input.locale);
      await this.events.publish(
        tx,
        'content.entry.updated',
        {
          entryId: id,
          contentType: type.apiId,
          locale: sharedChanged && !localizedChanged ? null : input.locale,
          revision: revision.number,
          changed: [...new Set(revision.diff.map((change) => change.path))],
        },
        { changes: revisionChanges(revision.diff, input.locale) },
      );
      return this.reader.view(tx, { entry: (await this.store.entry(tx, id))!, type }, { locale: input.locale });
    });
  }

  /**
   * Publishes one locale: its merged draft must meet every rule in publish mode (required fields filled); the
   * published document (private fields left out) and its search vector replace the locale's published version.
   * Other locales stay as they are.
   */
  async publish(ctx: RequestContext, id: string, locale: string): Promise<EntryResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const found = await this.access.entry(tx, id, 'publish', true);
      const { entry, type } = found;
      const row = await this.localeRow(tx, found, locale);
      const merged = mergeLocalization(entry.sharedData, row.draftData);
      const problems = this.drafts.validator(type, 'publish')(merged);
      if (problems.length > 0) throw new PublishInvalidError(locale, problems);
      // The editorial workflow's say (its publish stage), and the evidence kept with this publication.
      const evidence = await this.gate.check(tx, entry, locale);
      const document = publishedDocument(type.definition, type.components, merged);
      const text = searchText(type.definition, type.components, document);
      await this.store.touch(tx, id);
      const revision = await this.revisions.record(tx, id, 'publish', locale);
      // The configuration name comes from a fixed list (textSearchConfig), never from the request.
      const config = textSearchConfig(locale);
      await this.db.manager(tx).query(
        `UPDATE content_entry_locales
            SET published_data = $4, published_at = now(), first_published_at = COALESCE(first_published_at, now()),
                published_by = $5, published_revision = $6,
                search_vector = setweight(to_tsvector('${config}'::regconfig, $7), 'A')
                             || setweight(to_tsvector('${config}'::regconfig, $8), 'B')
          WHERE entry_id = $1 AND workspace_id = $2 AND locale = $3`,
        [
          id,
          tx.workspaceId,
          locale,
          JSON.stringify(document),
          actorUserId(tx),
          revision.number,
          text.primary,
          text.secondary,
        ],
      );
      await this.gate.record(tx, id, locale, revision.number, evidence);
      await bumpDeliveryGeneration(tx, this.db.manager(tx));
      await this.events.publish(tx, 'content.entry.published', {
        entryId: id,
        contentType: type.apiId,
        locale,
        revision: revision.number,
      });
      return this.reader.view(tx, { entry: (await this.store.entry(tx, id))!, type }, { locale });
    });
  }

  /** Takes one locale out of delivery; its draft stays. Unpublishing a locale that is not published changes nothing. */
  async unpublish(ctx: RequestContext, id: string, locale: string): Promise<EntryResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const found = await this.access.entry(tx, id, 'publish', true);
      const { type } = found;
      const row = await this.localeRow(tx, found, locale);
      if (row.publishedAt !== null) {
        await this.db.manager(tx).query(
          `UPDATE content_entry_locales
              SET published_data = NULL, published_at = NULL, published_by = NULL, published_revision = NULL,
                  search_vector = NULL
            WHERE entry_id = $1 AND workspace_id = $2 AND locale = $3`,
          [id, tx.workspaceId, locale],
        );
        await this.store.touch(tx, id);
        await this.revisions.record(tx, id, 'unpublish', locale);
        await bumpDeliveryGeneration(tx, this.db.manager(tx));
        await this.events.publish(tx, 'content.entry.unpublished', { entryId: id, contentType: type.apiId, locale });
      }
      return this.reader.view(tx, { entry: (await this.store.entry(tx, id))!, type }, { locale });
    });
  }

  /** The entry's row for a locale: a locale the workspace has not enabled is a 400, one the entry lacks a 404. */
  private async localeRow(ctx: RequestContext, { entry }: AccessibleEntry, locale: string): Promise<StoredLocale> {
    assertEnabled(locale, await this.locales.enabledLocales(ctx));
    const row = (await this.store.locales(ctx, entry.id)).find((r) => r.locale === locale);
    if (!row) throw new EntryLocaleNotFoundError(entry.id, locale);
    return row;
  }

  private sanitize(type: LoadedContentType, data: Record<string, unknown>): Record<string, unknown> {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new ValidationFailedError([{ path: 'data', message: 'must be an object of field values' }]);
    }
    return sanitizeEntryData(type.definition, type.components, data);
  }

  /** One entry per singleton, serialised per type so two concurrent creations cannot both pass. */
  private async assertNoSingletonEntry(ctx: RequestContext, type: LoadedContentType): Promise<void> {
    await this.db
      .manager(ctx)
      .query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`content-singleton:${type.id}`]);
    const existing = await this.store.anyEntryOfType(ctx, type.id);
    if (existing) throw new SingletonEntryExistsError(type.apiId, existing);
  }
}
