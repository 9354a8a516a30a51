import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, ValidationFailedError, type RequestContext } from '@quire/core';
import { bumpDeliveryGeneration } from '../shared/delivery-generation';
import { withDefaults } from './draft-data';
import { DraftWriter } from './draft-writer';
import type { EntryResponse } from './dto/entry.response';
import { EntryLocaleExistsError, EntryLocaleNotFoundError, EntryLocaleRequiredError } from './entries.errors';
import { EntryAccess } from './entry-access';
import { EntryReader } from './entry-reader';
import { EntryStore } from './entry-store';
import { assertEnabled, LocaleChain } from './locale-chain';
import { RevisionRecorder } from './revision-recorder';
import { revisionChanges } from './revision-changes';

/** Adds and removes an entry's locale versions (translations). */
@Injectable()
export class EntryTranslationService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly access: EntryAccess,
    private readonly store: EntryStore,
    private readonly drafts: DraftWriter,
    private readonly revisions: RevisionRecorder,
    private readonly locales: LocaleChain,
    private readonly reader: EntryReader,
  ) {}

  /**
   * Creates the entry's version in `locale`: a copy of the localized draft values of `from`, or the fields'
   * defaults. The new version is a draft; shared values are the entry's.
   */
  async translate(ctx: RequestContext, id: string, locale: string, from?: string): Promise<EntryResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const { entry, type } = await this.access.entry(tx, id, 'update', true);
      const enabled = await this.locales.enabledLocales(tx);
      assertEnabled(locale, enabled);
      const rows = await this.store.locales(tx, id);
      if (rows.some((r) => r.locale === locale)) throw new EntryLocaleExistsError(id, locale);
      let localized: Record<string, unknown>;
      if (from !== undefined) {
        const source = rows.find((r) => r.locale === from);
        if (!source) {
          throw new ValidationFailedError([{ path: 'from', message: `the entry has no "${from}" version to copy` }]);
        }
        localized = structuredClone(source.draftData);
      } else {
        localized = withDefaults(type.definition, {}, 'localized');
      }
      const shared = { ...entry.sharedData };
      await this.drafts.prepare(tx, { type, entryId: id, locale, shared, localized });
      await this.store.insertLocale(tx, { entryId: id, contentTypeId: type.id, locale, draftData: localized });
      await this.store.touch(tx, id);
      await this.drafts.rewriteReferences(tx, type, id, [{ locale, data: localized }]);
      await this.revisions.record(tx, id, 'translate', locale);
      await this.events.publish(tx, 'content.entry.translated', {
        entryId: id,
        contentType: type.apiId,
        from: from ?? null,
        locale,
      });
      return this.reader.view(tx, { entry: (await this.store.entry(tx, id))!, type }, { locale });
    });
  }

  /**
   * Removes the entry's version in `locale` (draft, published version and its links). The workspace's default
   * locale and an entry's only locale cannot be removed: trash the entry instead.
   */
  async remove(ctx: RequestContext, id: string, locale: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const { type } = await this.access.entry(tx, id, 'delete', true);
      const enabled = await this.locales.enabledLocales(tx);
      const rows = await this.store.locales(tx, id);
      const row = rows.find((r) => r.locale === locale);
      if (!row) {
        assertEnabled(locale, enabled);
        throw new EntryLocaleNotFoundError(id, locale);
      }
      if (locale === enabled.default)
        throw new EntryLocaleRequiredError(locale, "it is the workspace's default locale");
      if (rows.length === 1) throw new EntryLocaleRequiredError(locale, 'it is the only locale of the entry');
      await this.store.deleteLocale(tx, id, locale);
      await this.store.touch(tx, id);
      const revision = await this.revisions.record(tx, id, 'save', locale);
      if (row.publishedAt !== null) {
        await bumpDeliveryGeneration(tx, this.db.manager(tx));
        await this.events.publish(tx, 'content.entry.unpublished', { entryId: id, contentType: type.apiId, locale });
      }
      await this.events.publish(
        tx,
        'content.entry.updated',
        {
          entryId: id,
          contentType: type.apiId,
          locale,
          revision: revision.number,
          changed: [...new Set(revision.diff.map((change) => change.path))],
        },
        { changes: revisionChanges(revision.diff, locale) },
      );
    });
  }
}
