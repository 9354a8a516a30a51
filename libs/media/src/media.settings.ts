import type { SettingsDeclaration } from '@quire/core';
import { DEFAULT_ALLOWED_TYPES } from './upload/media-types';
import { checkVariantPresets, variantPresetsSchema, type VariantPresetDefinition } from './variants/variant-presets';

/** The plugin name under which the media settings are stored per workspace (PUT /workspaces/{w}/settings/media). */
export const MEDIA_SETTINGS = 'media';

export type AssetVisibility = 'public' | 'private';

/** Per-workspace media settings. */
export type MediaSettings = {
  /**
   * The types uploads may have, as MIME types (`image/png`) or whole families (`image/*`). The type is the one the
   * bytes show, never the name's or the client's.
   */
  allowedTypes: string[];
  /**
   * Keep the metadata (EXIF, XMP, IPTC: camera, date, GPS location, …) of uploaded images. Off by default: it is
   * personal data, and the website rarely needs it.
   */
  keepImageMetadata: boolean;
  /** Visibility of an upload that does not say: `public` (delivered to anyone) or `private` (signed URLs only). */
  defaultVisibility: AssetVisibility;
  /** The workspace's image variant presets, added to (or replacing) the installation's (docs/media/variants.md). */
  variantPresets: VariantPresetDefinition[];
};

export const mediaSettings: SettingsDeclaration<MediaSettings> = {
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      allowedTypes: {
        type: 'array',
        maxItems: 200,
        uniqueItems: true,
        items: { type: 'string', maxLength: 127, pattern: '^[a-z0-9][a-z0-9.+-]*/([a-z0-9][a-z0-9.+-]*|\\*)$' },
      },
      keepImageMetadata: { type: 'boolean' },
      defaultVisibility: { type: 'string', enum: ['public', 'private'] },
      variantPresets: variantPresetsSchema,
    },
  },
  defaults: {
    allowedTypes: [...DEFAULT_ALLOWED_TYPES],
    keepImageMetadata: false,
    defaultVisibility: 'public',
    variantPresets: [],
  },
  // Unique names, the reserved `custom`, `q` with `png`: the rules of signed parameters, beyond the schema's.
  check: (values) => checkVariantPresets(values.variantPresets).map(({ path, message }) => ({ path, rule: message })),
};
