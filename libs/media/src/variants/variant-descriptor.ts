import { isUuid } from '@quire/core';
import { createHash } from 'node:crypto';
import { CENTRE, type FocalPoint } from './focal-crop';
import { canonicalVariantQuery, thousandths, type VariantFormat, type VariantParams } from './variant-params';

/**
 * Bump when the rendering changes (sharp options, crop rules): every variant then gets a new key, version and
 * ETag, and is rendered again on first request. Old objects go with their asset's `variants/<assetId>/` prefix.
 */
export const VARIANT_PIPELINE_VERSION = 1;

const FORMATS: Record<VariantFormat, { contentType: string; extension: string }> = {
  webp: { contentType: 'image/webp', extension: 'webp' },
  avif: { contentType: 'image/avif', extension: 'avif' },
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  png: { contentType: 'image/png', extension: 'png' },
};

/** What a variant is made from: the asset, the SHA-256 of its stored bytes and its focal point. */
export interface VariantSource {
  assetId: string;
  checksum: string;
  focalPoint?: FocalPoint | null;
}

export interface VariantDescriptor {
  /** `variants/<assetId>/<hash>.<ext>`: where the rendered variant is cached. */
  key: string;
  /** Strong ETag: equal for equal bytes, since the hash covers everything that shapes them. */
  etag: string;
  /** The `v` of versioned variant URLs: a URL with it never changes content, so it is cached for a year. */
  version: string;
  contentType: string;
  params: VariantParams;
  /** The point a cover crop centres on (explicit, else the asset's, else the centre); absent when nothing is cropped. */
  focalPoint?: FocalPoint;
}

/** Every cached variant of an asset lives under this prefix: `deletePrefix` removes them all. */
export function variantKeyPrefix(assetId: string): string {
  if (!isUuid(assetId)) throw new Error(`Not an asset id: ${JSON.stringify(assetId)}`);
  return `variants/${assetId}/`;
}

/**
 * The deterministic identity of a variant: found again in storage by the next request, and changed when anything
 * that shapes its bytes changes (the source bytes, the parameters, the focal point of a crop, the pipeline).
 */
export function describeVariant(source: VariantSource, params: VariantParams): VariantDescriptor {
  const crops = params.fit === 'cover' && params.width !== undefined && params.height !== undefined;
  const chosen = params.focalPoint ?? source.focalPoint ?? CENTRE;
  const focalPoint = crops ? { x: thousandths(chosen.x), y: thousandths(chosen.y) } : undefined;
  const hash = createHash('sha256')
    .update(
      [
        `pipeline=${VARIANT_PIPELINE_VERSION}`,
        `source=${source.checksum}`,
        canonicalVariantQuery(params),
        focalPoint ? `focal=${focalPoint.x},${focalPoint.y}` : 'focal=none',
      ].join('\n'),
    )
    .digest('hex')
    .slice(0, 32);
  const format = FORMATS[params.format];
  return {
    key: `${variantKeyPrefix(source.assetId)}${hash}.${format.extension}`,
    etag: `"${hash}"`,
    version: hash.slice(0, 16),
    contentType: format.contentType,
    params,
    ...(focalPoint && { focalPoint }),
  };
}

/**
 * Cache-Control of a public variant: a year (`immutable`) when the URL names the current version, an hour
 * otherwise (an unversioned URL changes content when the focal point or the preset changes; the ETag makes
 * revalidation cheap).
 */
export function variantCacheControl(descriptor: VariantDescriptor, requestedVersion?: string): string {
  return requestedVersion === descriptor.version
    ? 'public, max-age=31536000, immutable'
    : 'public, max-age=3600, stale-while-revalidate=60';
}
