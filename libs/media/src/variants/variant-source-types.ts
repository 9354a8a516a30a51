/** The stored MIME types variants are made of (what sharp decodes for Quire); SVG, PDF, HEIC, video… are not. */
export const VARIANT_SOURCE_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/apng',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/tiff',
]);
