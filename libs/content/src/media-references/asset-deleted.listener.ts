import { Injectable, Logger } from '@nestjs/common';
import { isUuid, OnQuireEvent, type QuireEvent, type RequestContext } from '@quire/core';
import { MediaReferenceRemover } from './media-reference-remover';

/**
 * Content's side of deleting an asset: the media plugin publishes `media.asset.deleted` once the asset row and
 * its files are gone, and this handler takes the asset out of every entry (MediaReferenceRemover). It runs from
 * the durable queue, at least once and retried with backoff; the removal is idempotent. The changes are recorded
 * in the name of whoever deleted the asset (the event's actor), so revisions and events tell who caused them.
 */
@Injectable()
export class AssetDeletedListener {
  private readonly logger = new Logger(AssetDeletedListener.name);

  constructor(private readonly remover: MediaReferenceRemover) {}

  @OnQuireEvent('media.asset.deleted', { retryLimit: 10, retryDelaySeconds: 5 })
  async onAssetDeleted(event: QuireEvent<'media.asset.deleted'>, ctx: RequestContext): Promise<void> {
    // Another plugin's payload: checked rather than trusted.
    const assetId = (event.payload as { assetId?: unknown } | null)?.assetId;
    if (!event.workspaceId || typeof assetId !== 'string' || !isUuid(assetId)) {
      this.logger.warn(`Ignored ${event.name} ${event.id}: no workspace or no valid assetId`);
      return;
    }
    await this.remover.remove(ctx.withActor(event.actor), assetId.toLowerCase());
  }
}
