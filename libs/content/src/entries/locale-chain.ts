import { Injectable } from '@nestjs/common';
import { TenantDataSource, ValidationFailedError, type RequestContext } from '@quire/core';
import { WorkspaceSettings } from '@quire/workspaces';
import type { ContentSettings } from '../content.settings';
import { CONTENT_PLUGIN_SETTINGS } from './content-settings-key';

/** The workspace's locales: the default one and every enabled one (the default among them). */
export interface WorkspaceLocales {
  default: string;
  enabled: string[];
}

/**
 * The workspace's locales and the order in which a read falls back from one locale to others: the locale
 * itself, then its `localeFallbacks` from the content settings, then the workspace's default locale — only
 * enabled locales, each once. Delivery and the management read share it.
 */
@Injectable()
export class LocaleChain {
  constructor(
    private readonly db: TenantDataSource,
    private readonly settings: WorkspaceSettings,
  ) {}

  async enabledLocales(ctx: RequestContext): Promise<WorkspaceLocales> {
    const rows: Array<{ default_locale: string; enabled_locales: string[] }> = await this.db
      .manager(ctx)
      .query(`SELECT default_locale, enabled_locales FROM workspaces WHERE id = $1`, [ctx.workspaceId]);
    const row = rows[0];
    if (!row) return { default: 'en', enabled: ['en'] };
    const enabled = row.enabled_locales.includes(row.default_locale)
      ? row.enabled_locales
      : [row.default_locale, ...row.enabled_locales];
    return { default: row.default_locale, enabled };
  }

  async chain(ctx: RequestContext, locale: string): Promise<string[]> {
    const [locales, settings] = await Promise.all([
      this.enabledLocales(ctx),
      this.settings.of<ContentSettings>(ctx, CONTENT_PLUGIN_SETTINGS),
    ]);
    return fallbackChain(locale, settings.localeFallbacks ?? {}, locales);
  }

  /** The locale asked for, or the default one; a locale the workspace has not enabled is a 400 naming `path`. */
  async resolve(ctx: RequestContext, locale: string | undefined, path = 'locale'): Promise<string> {
    const locales = await this.enabledLocales(ctx);
    if (locale === undefined) return locales.default;
    assertEnabled(locale, locales, path);
    return locale;
  }
}

/** Pure: the chain for `locale` from the configured fallbacks, ending at the default, enabled locales only. */
export function fallbackChain(
  locale: string,
  fallbacks: Record<string, string[]>,
  locales: WorkspaceLocales,
): string[] {
  const configured = Object.hasOwn(fallbacks, locale) ? fallbacks[locale] : [];
  const chain: string[] = [];
  for (const candidate of [locale, ...configured, locales.default]) {
    if (locales.enabled.includes(candidate) && !chain.includes(candidate)) chain.push(candidate);
  }
  return chain;
}

export function assertEnabled(locale: string, locales: WorkspaceLocales, path = 'locale'): void {
  if (!locales.enabled.includes(locale)) {
    throw new ValidationFailedError([
      { path, message: `"${locale}" is not an enabled locale of this workspace (${locales.enabled.join(', ')})` },
    ]);
  }
}
