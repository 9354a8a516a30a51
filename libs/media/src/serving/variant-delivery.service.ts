import { Injectable } from '@nestjs/common';
import { type RequestContext } from '@quire/core';
import { WorkspaceSettings } from '@quire/workspaces';
import { assetSubject } from '../assets/asset-access';
import { AssetStore } from '../assets/asset-store';
import type { MediaAsset } from '../entities/media-asset.entity';
import { AssetFileMissingError, AssetNotFoundError, SignedUrlExpiredError } from '../media.errors';
import { MEDIA_SETTINGS, type MediaSettings } from '../media.settings';
import { MediaObjectMissingError, MediaStorage } from '../storage/media-storage';
import { VariantCache } from '../variants/variant-cache';
import { variantCacheControl, type VariantDescriptor } from '../variants/variant-descriptor';
import { buildVariantPresets } from '../variants/variant-presets';
import { resolveVariantRequest } from '../variants/variant-request';
import { VariantSigner } from '../variants/variant-signer';
import { VARIANT_SOURCE_TYPES } from '../variants/variant-source-types';
import { VariantSourceUnsupportedError } from '../variants/variant.errors';
import { matchesEntityTag } from './byte-range';
import type { FileConditions } from './file-serving';
import { FILE_SECURITY_HEADERS, type ServedFile } from './served-file';
import { UrlSigner } from './url-signer';

/** The query parameters of a private asset's signed URL, checked here and never seen by the variant parser. */
const ACCESS_PARAMS = ['expires', 'signature'] as const;

/**
 * Variants on the delivery route (docs/media/variants.md): who may have them is decided as for the original (public
 * asset, the asset's signed URL, or a member or API key that may read it), what variant by `resolveVariantRequest`
 * (a preset, or signed parameters); the variant is rendered into storage on its first request and streamed from
 * there.
 */
@Injectable()
export class VariantDeliveryService {
  constructor(
    private readonly store: AssetStore,
    private readonly settings: WorkspaceSettings,
    private readonly cache: VariantCache,
    private readonly variantSigner: VariantSigner,
    private readonly urlSigner: UrlSigner,
    private readonly storage: MediaStorage,
  ) {}

  async delivered(
    ctx: RequestContext,
    assetId: string,
    name: string,
    query: Record<string, unknown>,
    conditions: FileConditions,
  ): Promise<ServedFile> {
    const asset = await this.store.findById(ctx, assetId);
    if (!asset) throw new AssetNotFoundError(assetId);
    const { access, variantQuery } = splitQuery(query);
    const cacheControl = this.accessCacheControl(ctx, asset, access);

    const settings = await this.settings.of<MediaSettings>(ctx, MEDIA_SETTINGS);
    const { params, version } = resolveVariantRequest(
      { assetId: asset.id, name, query: variantQuery },
      { presets: buildVariantPresets(settings.variantPresets), signer: this.variantSigner },
    );
    if (!VARIANT_SOURCE_TYPES.has(asset.mimeType)) throw new VariantSourceUnsupportedError(asset.mimeType);

    const descriptor = await this.ensure(asset, params);
    const headers = variantHeaders(descriptor, cacheControl ?? variantCacheControl(descriptor, version));
    if (matchesEntityTag(conditions.ifNoneMatch, descriptor.etag)) {
      const { 'Content-Type': _type, ...kept } = headers;
      return { status: 304, headers: kept };
    }
    const info = await this.storage.head(descriptor.key);
    return {
      status: 200,
      headers: { ...headers, ...(info && { 'Content-Length': String(info.size) }) },
      open: () => this.storage.get(descriptor.key),
    };
  }

  /**
   * Who may have the asset's variants, as for its original: null for a public asset (the variant's own
   * Cache-Control applies); a private Cache-Control for a signed URL or a reader. A forged signature is the 404 of
   * an unknown asset, a genuine expired one a 403.
   */
  private accessCacheControl(
    ctx: RequestContext,
    asset: MediaAsset,
    access: { expires?: unknown; signature?: unknown },
  ): string | null {
    if (access.expires !== undefined || access.signature !== undefined) {
      const expires = typeof access.expires === 'string' ? access.expires : '';
      const signature = typeof access.signature === 'string' ? access.signature : '';
      const check = this.urlSigner.check(ctx.workspaceId, asset.id, expires, signature);
      if (check === 'invalid') throw new AssetNotFoundError(asset.id);
      if (check === 'expired') throw new SignedUrlExpiredError();
      const remaining = Math.max(0, Number(expires) - Math.floor(Date.now() / 1000));
      return `private, max-age=${remaining}`;
    }
    if (asset.visibility === 'public') return null;
    if (ctx.ability.can('read', assetSubject(asset))) return 'private, no-cache';
    throw new AssetNotFoundError(asset.id);
  }

  private async ensure(asset: MediaAsset, params: Parameters<VariantCache['ensure']>[1]): Promise<VariantDescriptor> {
    const focalPoint = asset.focalX !== null && asset.focalY !== null ? { x: asset.focalX, y: asset.focalY } : null;
    try {
      return await this.cache.ensure(
        { assetId: asset.id, checksum: asset.checksumSha256, focalPoint, key: asset.storageKey },
        params,
      );
    } catch (error) {
      if (error instanceof MediaObjectMissingError) throw new AssetFileMissingError(asset.id);
      throw error;
    }
  }
}

function splitQuery(query: Record<string, unknown>) {
  const access: { expires?: unknown; signature?: unknown } = {};
  const variantQuery: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if ((ACCESS_PARAMS as readonly string[]).includes(key)) access[key as (typeof ACCESS_PARAMS)[number]] = value;
    else variantQuery[key] = value;
  }
  return { access, variantQuery };
}

function variantHeaders(descriptor: VariantDescriptor, cacheControl: string): Record<string, string> {
  return {
    ...FILE_SECURITY_HEADERS,
    'Content-Type': descriptor.contentType,
    'Content-Disposition': 'inline',
    ETag: descriptor.etag,
    'Cache-Control': cacheControl,
  };
}
