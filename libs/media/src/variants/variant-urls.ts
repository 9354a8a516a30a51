import { isUuid } from '@quire/core';
import { CUSTOM_VARIANT } from './variant-request';
import { VERSION_PARAM } from './variant-params';

/**
 * The path of a variant on the public delivery route (docs/media/variants.md), relative to the origin: make it
 * absolute with `publicMediaUrl(config, path)`. `version` (the descriptor's) makes the URL cacheable for a year.
 *
 *   /api/v1/delivery/{workspaceId}/media/{assetId}/variants/{preset}[?v=…]
 *   /api/v1/delivery/{workspaceId}/media/{assetId}/variants/custom?{signedQuery}[&v=…]
 */
export function variantPath(
  target: { workspaceId: string; assetId: string },
  variant: { preset: string } | { signedQuery: string },
  version?: string,
): string {
  if (!isUuid(target.workspaceId) || !isUuid(target.assetId)) throw new Error('A variant path needs ids');
  const base = `/api/v1/delivery/${target.workspaceId}/media/${target.assetId}/variants`;
  const query = [
    ...('signedQuery' in variant ? [variant.signedQuery] : []),
    ...(version ? [`${VERSION_PARAM}=${version}`] : []),
  ].join('&');
  const name = 'preset' in variant ? encodeURIComponent(variant.preset) : CUSTOM_VARIANT;
  return `${base}/${name}${query ? `?${query}` : ''}`;
}
