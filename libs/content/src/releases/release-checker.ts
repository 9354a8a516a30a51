import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@quire/core';
import { DraftWriter } from '../entries/draft-writer';
import { EntryLocaleNotFoundError, PublishInvalidError } from '../entries/entries.errors';
import { EntryAccess } from '../entries/entry-access';
import { EntryStore } from '../entries/entry-store';
import { assertEnabled, LocaleChain } from '../entries/locale-chain';
import { mergeLocalization } from '../schema/localization';
import { PublishGate } from '../workflow/publishing/publish-gate';
import { failuresOf, type ReleaseFailure } from './release-failure';
import type { ReleaseItemRow } from './release-record';

/**
 * The dry check of a release: each item against the rules publishing or unpublishing it now would apply (the
 * caller's right to publish the entry, entry not trashed, locale enabled and present, and for a publish the merged
 * draft valid in publish mode and the editorial workflow's publish stage). Writes nothing; lists every failure rather
 * than stopping at the first.
 */
@Injectable()
export class ReleaseChecker {
  constructor(
    private readonly access: EntryAccess,
    private readonly store: EntryStore,
    private readonly drafts: DraftWriter,
    private readonly locales: LocaleChain,
    private readonly gate: PublishGate,
  ) {}

  async check(ctx: RequestContext, items: ReleaseItemRow[]): Promise<ReleaseFailure[]> {
    const failures: ReleaseFailure[] = [];
    const enabled = await this.locales.enabledLocales(ctx);
    for (const item of items) {
      try {
        const { entry, type } = await this.access.entry(ctx, item.entry_id, 'publish');
        assertEnabled(item.locale, enabled);
        const row = (await this.store.locales(ctx, entry.id)).find((r) => r.locale === item.locale);
        if (!row) throw new EntryLocaleNotFoundError(entry.id, item.locale);
        if (item.action === 'publish') {
          const problems = this.drafts.validator(type, 'publish')(mergeLocalization(entry.sharedData, row.draftData));
          // The workflow's refusal (publish stage) is a reason of its own, listed with the field problems.
          const refused = await this.gate.check(ctx, entry, item.locale).then(
            () => null,
            (error: unknown) => error,
          );
          if (refused !== null) failures.push(...failuresOf(item, refused));
          if (problems.length > 0) throw new PublishInvalidError(item.locale, problems);
        }
      } catch (error) {
        failures.push(...failuresOf(item, error));
      }
    }
    return failures;
  }
}
