import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, type RequestContext } from '@quire/core';
import type { MediaAsset } from '../entities/media-asset.entity';
import { FolderService } from '../folders/folder.service';
import { BulkForbiddenError, BulkUnknownAssetsError } from '../media.errors';
import { assetSubject } from './asset-access';
import { retagged } from './asset-changes';
import { AssetFiles } from './asset-files';
import { AssetRemoval } from './asset-removal';
import { AssetStore } from './asset-store';
import type { BulkDeleteDto, BulkMoveDto, BulkResultResponse, BulkTagsDto } from './dto/bulk.dto';

/**
 * Many assets at once, all or nothing: every id must name an asset of this workspace the caller may read (400
 * media.bulk-unknown-assets listing the others) and may change (403 media.bulk-forbidden listing the others)
 * before anything changes. Each changed asset publishes its own event, as a single change would.
 */
@Injectable()
export class AssetBulkService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly store: AssetStore,
    private readonly folders: FolderService,
    private readonly removal: AssetRemoval,
    private readonly files: AssetFiles,
    private readonly events: EventBus,
  ) {}

  async move(ctx: RequestContext, dto: BulkMoveDto): Promise<BulkResultResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const assets = await this.lockAll(tx, dto.ids, 'update');
      if (dto.folderId !== null) await this.folders.existingParent(tx, dto.folderId, 'folderId');
      const moving = assets.filter((asset) => asset.folderId !== dto.folderId);
      const moved = moving.map((asset) => ({ ...asset, folderId: dto.folderId }));
      // Where they go must still be somewhere the caller may change them (custom roles narrowed by folder).
      this.assertMay(tx, 'update', moved as MediaAsset[]);
      if (moving.length > 0) {
        await this.store.update(
          tx,
          moving.map((asset) => asset.id),
          { folderId: dto.folderId },
        );
      }
      for (const asset of moving) {
        await this.events.publish(
          tx,
          'media.asset.moved',
          { assetId: asset.id, fromFolderId: asset.folderId, toFolderId: dto.folderId },
          { changes: { folderId: { before: asset.folderId, after: dto.folderId } } },
        );
      }
      return { affected: moving.length, ids: dto.ids };
    });
  }

  async tags(ctx: RequestContext, dto: BulkTagsDto): Promise<BulkResultResponse> {
    const add = dto.add ?? [];
    const remove = dto.remove ?? [];
    return this.db.transaction(ctx, async (tx) => {
      const assets = await this.lockAll(tx, dto.ids, 'update');
      const changing = assets.filter(
        (asset) => add.some((tag) => !asset.tags.includes(tag)) || remove.some((tag) => asset.tags.includes(tag)),
      );
      if (changing.length > 0) {
        await this.store.retag(
          tx,
          changing.map((asset) => asset.id),
          add,
          remove,
        );
      }
      for (const asset of changing) {
        await this.events.publish(
          tx,
          'media.asset.updated',
          { assetId: asset.id, changed: ['tags'], previousPublicUrl: null },
          { changes: { tags: { before: asset.tags, after: retagged(asset.tags, add, remove) } } },
        );
      }
      return { affected: changing.length, ids: dto.ids };
    });
  }

  async delete(ctx: RequestContext, dto: BulkDeleteDto): Promise<BulkResultResponse> {
    const removed = await this.db.transaction(ctx, async (tx) => {
      const assets = await this.lockAll(tx, dto.ids, 'delete');
      await this.removal.removeRows(tx, assets);
      return assets;
    });
    await this.files.remove(removed);
    return { affected: removed.length, ids: dto.ids };
  }

  /** Every asset named, rows held, each readable (else 400 listing them) and open to `action` (else 403). */
  private async lockAll(tx: RequestContext, ids: string[], action: string): Promise<MediaAsset[]> {
    const found = await this.store.findManyForUpdate(tx, ids);
    const byId = new Map(found.filter((a) => tx.ability.can('read', assetSubject(a))).map((a) => [a.id, a]));
    const unknown = ids.map((id, index) => ({ id, index })).filter(({ id }) => !byId.has(id.toLowerCase()));
    if (unknown.length > 0) {
      throw new BulkUnknownAssetsError(
        unknown.map(({ id, index }) => ({ path: `ids[${index}]`, message: `no asset ${id} in this workspace` })),
        unknown.map(({ id }) => id),
      );
    }
    const assets = ids.map((id) => byId.get(id.toLowerCase()) as MediaAsset);
    this.assertMay(tx, action, assets);
    return assets;
  }

  private assertMay(tx: RequestContext, action: string, assets: MediaAsset[]): void {
    const forbidden = assets.filter((asset) => !tx.ability.can(action, assetSubject(asset)));
    if (forbidden.length > 0)
      throw new BulkForbiddenError(
        action,
        forbidden.map((asset) => asset.id),
      );
  }
}
