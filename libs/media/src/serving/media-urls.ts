import { Inject, Injectable } from '@nestjs/common';
import { QUIRE_CONFIG, type QuireConfig } from '@quire/core';
import { publicMediaUrl } from '../storage/public-media-url';
import { describeVariant } from '../variants/variant-descriptor';
import type { VariantParams } from '../variants/variant-params';
import { buildVariantPresets } from '../variants/variant-presets';
import { VARIANT_SOURCE_TYPES } from '../variants/variant-source-types';
import { variantPath } from '../variants/variant-urls';
import { UrlSigner } from './url-signer';

/** What a URL to an asset needs to know about it. */
export interface UrlTarget {
  workspaceId: string;
  id: string;
  fileName: string;
  visibility: string;
}

/** What the versioned URL of a variant needs besides: the source's type, bytes and focal point. */
export interface VariantUrlTarget extends UrlTarget {
  mimeType: string;
  checksumSha256: string;
  focalX: number | null;
  focalY: number | null;
}

/**
 * The URLs of an asset, absolute (PUBLIC_URL): members download the original at
 * `/api/v1/workspaces/{workspaceId}/media/{id}/file`; anyone fetches a public asset from the delivery route
 * `/api/v1/delivery/{workspaceId}/media/{id}/original/{fileName}` (the same path on MEDIA_CDN_BASE_URL when a CDN fronts
 * the media routes), and a
 * private one from that route with `?expires=…&signature=…`. Workspace ids, not slugs: a renamed workspace keeps
 * its links (and the CDN its cache).
 */
@Injectable()
export class MediaUrls {
  private readonly apiBase: string;
  /** The installation's presets (a workspace's own are served too, but not listed on every asset). */
  private readonly presets: ReadonlyMap<string, VariantParams> = buildVariantPresets();

  constructor(
    @Inject(QUIRE_CONFIG) private readonly config: QuireConfig,
    private readonly signer: UrlSigner,
  ) {
    this.apiBase = `${config.PUBLIC_URL}/api/v1`;
  }

  fileUrl(asset: UrlTarget): string {
    return `${this.apiBase}/workspaces/${asset.workspaceId}/media/${asset.id}/file`;
  }

  /** The public delivery URL (through the CDN when one is configured); null for a private asset. */
  publicUrl(asset: UrlTarget): string | null {
    if (asset.visibility !== 'public') return null;
    return publicMediaUrl(this.config, `/api/v1/delivery/${deliveryPath(asset)}`);
  }

  /**
   * The installation's preset variants of a public raster image, by preset name, each URL with the variant's
   * current version (`?v=…`, cacheable for a year; a new focal point gives new URLs); null for anything else.
   */
  variantUrls(asset: VariantUrlTarget): Record<string, string> | null {
    if (asset.visibility !== 'public' || !VARIANT_SOURCE_TYPES.has(asset.mimeType)) return null;
    const focalPoint = asset.focalX !== null && asset.focalY !== null ? { x: asset.focalX, y: asset.focalY } : null;
    const source = { assetId: asset.id, checksum: asset.checksumSha256, focalPoint };
    const target = { workspaceId: asset.workspaceId, assetId: asset.id };
    return Object.fromEntries(
      [...this.presets].map(([preset, params]) => [
        preset,
        publicMediaUrl(this.config, variantPath(target, { preset }, describeVariant(source, params).version)),
      ]),
    );
  }

  /** A URL to the delivery route valid until `expiresAt`, for public and private assets alike (never via the CDN). */
  signedUrl(asset: UrlTarget, expiresAt: Date): string {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    const signature = this.signer.sign(asset.workspaceId, asset.id, expires);
    return `${this.apiBase}/delivery/${deliveryPath(asset)}?expires=${expires}&signature=${signature}`;
  }
}

function deliveryPath(asset: UrlTarget): string {
  return `${asset.workspaceId}/media/${asset.id}/original/${encodeURIComponent(asset.fileName)}`;
}
