import { Injectable } from '@nestjs/common';
import { EventBus, type RequestContext } from '@quire/core';
import type { MediaAsset } from '../entities/media-asset.entity';
import { MediaUrls } from '../serving/media-urls';
import { AssetStore } from './asset-store';

/**
 * Deletes asset rows inside the caller's transaction, with one `media.asset.deleted` each (for CDN purges and for
 * content to drop its references); the caller removes the stored files once that transaction has committed
 * (AssetFiles.remove), so that a rolled-back delete never loses bytes. There is no media trash.
 */
@Injectable()
export class AssetRemoval {
  constructor(
    private readonly store: AssetStore,
    private readonly events: EventBus,
    private readonly urls: MediaUrls,
  ) {}

  async removeRows(tx: RequestContext, assets: MediaAsset[]): Promise<void> {
    if (assets.length === 0) return;
    await this.store.delete(
      tx,
      assets.map((asset) => asset.id),
    );
    for (const asset of assets) {
      await this.events.publish(tx, 'media.asset.deleted', {
        assetId: asset.id,
        mimeType: asset.mimeType,
        visibility: asset.visibility,
        publicUrl: this.urls.publicUrl(asset),
      });
    }
  }
}
