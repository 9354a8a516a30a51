import type { QuireConfig } from '@quire/core';

/**
 * The absolute URL of a public media path served by Quire (`/api/v1/media/…`): on MEDIA_CDN_BASE_URL when a CDN
 * fronts the media routes, else on PUBLIC_URL. `path` starts with `/`.
 */
export function publicMediaUrl(config: QuireConfig, path: string): string {
  if (!path.startsWith('/')) throw new Error(`A media path starts with "/" (got ${JSON.stringify(path)})`);
  return `${config.MEDIA_CDN_BASE_URL ?? config.PUBLIC_URL}${path}`;
}
