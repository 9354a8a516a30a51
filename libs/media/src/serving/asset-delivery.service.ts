import { Injectable } from '@nestjs/common';
import { InjectPluginOptions, ValidationFailedError, type RequestContext } from '@quire/core';
import { assetSubject } from '../assets/asset-access';
import { AssetService } from '../assets/asset.service';
import { AssetStore } from '../assets/asset-store';
import { MEDIA_PLUGIN } from '../media-plugin-name';
import { AssetNotFoundError, SignedUrlExpiredError } from '../media.errors';
import type { MediaOptions } from '../media.options';
import type { DeliveryQuery, SignedUrlResponse } from './dto/signed-url.dto';
import { FileServing, type FileConditions } from './file-serving';
import { MediaUrls } from './media-urls';
import { IMMUTABLE_MAX_AGE, type ServedFile } from './served-file';
import { UrlSigner } from './url-signer';

/**
 * Who gets an asset's bytes: members who may read it (the member route), anyone for a public asset or with a valid
 * signed URL (the delivery route), and through the delivery route also a member or API key that may read it. A
 * deleted or unknown asset, a private one without a right to it, and a forged signature are the same 404.
 */
@Injectable()
export class AssetDeliveryService {
  constructor(
    private readonly assets: AssetService,
    private readonly store: AssetStore,
    private readonly serving: FileServing,
    private readonly signer: UrlSigner,
    private readonly urls: MediaUrls,
    @InjectPluginOptions(MEDIA_PLUGIN) private readonly options: MediaOptions,
  ) {}

  async memberFile(ctx: RequestContext, id: string, conditions: FileConditions): Promise<ServedFile> {
    const asset = await this.assets.readable(ctx, id);
    return this.serving.answer(asset, conditions, `private, max-age=${IMMUTABLE_MAX_AGE}, immutable`);
  }

  async delivered(
    ctx: RequestContext,
    id: string,
    query: DeliveryQuery,
    conditions: FileConditions,
  ): Promise<ServedFile> {
    const asset = await this.store.findById(ctx, id);
    if (!asset) throw new AssetNotFoundError(id);
    if (query.expires !== undefined || query.signature !== undefined) {
      const check = this.signer.check(ctx.workspaceId, asset.id, query.expires ?? '', query.signature ?? '');
      if (check === 'invalid') throw new AssetNotFoundError(id);
      if (check === 'expired') throw new SignedUrlExpiredError();
      // A browser may keep it as long as the URL is valid, no longer; shared caches never.
      const remaining = Math.max(0, Number(query.expires) - Math.floor(Date.now() / 1000));
      return this.serving.answer(asset, conditions, `private, max-age=${remaining}`);
    }
    if (asset.visibility === 'public') {
      return this.serving.answer(asset, conditions, `public, max-age=${IMMUTABLE_MAX_AGE}, immutable`);
    }
    if (ctx.ability.can('read', assetSubject(asset))) {
      return this.serving.answer(asset, conditions, 'private, no-cache');
    }
    throw new AssetNotFoundError(id);
  }

  async signedUrl(ctx: RequestContext, id: string, expiresInSeconds?: number): Promise<SignedUrlResponse> {
    const asset = await this.assets.readable(ctx, id);
    const ttl = expiresInSeconds ?? this.options.signedUrlTtlSeconds;
    if (ttl > this.options.maxSignedUrlTtlSeconds) {
      throw new ValidationFailedError([
        { path: 'expiresInSeconds', message: `must be at most ${this.options.maxSignedUrlTtlSeconds}` },
      ]);
    }
    const expiresAt = new Date((Math.floor(Date.now() / 1000) + ttl) * 1000);
    return { url: this.urls.signedUrl(asset, expiresAt), expiresAt: expiresAt.toISOString() };
  }
}
