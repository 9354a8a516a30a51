import type { SettingsDeclaration } from '@quire/core';

/** Per-workspace content settings (PUT /workspaces/{w}/settings/content). */
export type ContentSettings = {
  /**
   * Per locale, the locales read in order when a localized field (or the whole locale) is missing, e.g.
   * `{ "de-CH": ["de", "en"] }`. A locale not listed falls back to the workspace's default locale.
   */
  localeFallbacks: Record<string, string[]>;
};

export const contentSettings: SettingsDeclaration<ContentSettings> = {
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      localeFallbacks: {
        type: 'object',
        maxProperties: 100,
        additionalProperties: {
          type: 'array',
          maxItems: 10,
          uniqueItems: true,
          items: { type: 'string', minLength: 2, maxLength: 35 },
        },
      },
    },
  },
  defaults: { localeFallbacks: {} },
};
