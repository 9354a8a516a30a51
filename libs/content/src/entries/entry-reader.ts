import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@quire/core';
import { mergeLocalization } from '../schema';
import type { EntryLocaleSummary, EntryResponse } from './dto/entry.response';
import { EntryLocaleNotFoundError } from './entries.errors';
import { EntryAccess, type AccessibleEntry } from './entry-access';
import { EntryStore, type StoredLocale } from './entry-store';
import { assertEnabled, LocaleChain } from './locale-chain';
import { applyLocaleFallback } from './locale-fallback';

/** Reads one entry in one locale, as the management API shows it. */
@Injectable()
export class EntryReader {
  constructor(
    private readonly access: EntryAccess,
    private readonly store: EntryStore,
    private readonly locales: LocaleChain,
  ) {}

  async read(
    ctx: RequestContext,
    id: string,
    options: { locale?: string; fallback?: boolean } = {},
  ): Promise<EntryResponse> {
    const found = await this.access.entry(ctx, id, 'read');
    return this.view(ctx, found, options);
  }

  /** The response for an entry already loaded (and checked) by the caller. */
  async view(
    ctx: RequestContext,
    { entry, type }: AccessibleEntry,
    options: { locale?: string; fallback?: boolean } = {},
  ): Promise<EntryResponse> {
    const enabled = await this.locales.enabledLocales(ctx);
    const rows = await this.store.locales(ctx, entry.id);
    // Without a locale: the default one, or the entry's first when it has no default version.
    const locale =
      options.locale ??
      (rows.some((r) => r.locale === enabled.default) ? enabled.default : rows[0]?.locale) ??
      enabled.default;
    assertEnabled(locale, enabled);
    const row = rows.find((r) => r.locale === locale);
    if (!row && !options.fallback) throw new EntryLocaleNotFoundError(entry.id, locale);

    let data = mergeLocalization(entry.sharedData, row?.draftData ?? {});
    let fallbackFrom: Record<string, string> | undefined;
    if (options.fallback) {
      const byLocale = new Map(rows.map((r) => [r.locale, r]));
      const chain = (await this.locales.chain(ctx, locale)).filter((l) => l !== locale && byLocale.has(l));
      const others = chain.map((l) => ({ locale: l, data: (byLocale.get(l) as StoredLocale).draftData }));
      ({ data, fallbackFrom } = applyLocaleFallback(type.definition, data, others));
    }
    const present = new Set(rows.map((r) => r.locale));
    return {
      id: entry.id,
      contentType: type.apiId,
      locale,
      data,
      status: row?.status ?? 'missing',
      publishedAt: iso(row?.publishedAt ?? null),
      revision: entry.revision,
      createdAt: iso(entry.createdAt) as string,
      updatedAt: iso(entry.updatedAt) as string,
      createdById: entry.createdBy,
      updatedById: entry.updatedBy,
      locales: rows.map(summary),
      missingLocales: enabled.enabled.filter((l) => !present.has(l)),
      ...(fallbackFrom ? { fallbackFrom } : {}),
    };
  }
}

function summary(row: StoredLocale): EntryLocaleSummary {
  return {
    locale: row.locale,
    status: row.status,
    publishedAt: iso(row.publishedAt),
    updatedAt: iso(row.updatedAt) as string,
  };
}

export function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
