import { Injectable } from '@nestjs/common';
import { EventBus, fieldChanges, selectFields, TenantDataSource, type RequestContext } from '@quire/core';
import type { MediaAsset } from '../entities/media-asset.entity';
import { FolderService } from '../folders/folder.service';
import { MediaUrls } from '../serving/media-urls';
import { assertAssetAccess } from './asset-access';
import { assetMetadata } from './asset-changes';
import { renamedFileName } from './asset-file-name';
import { AssetFiles } from './asset-files';
import { AssetRemoval } from './asset-removal';
import { AssetStore } from './asset-store';
import { toAssetResponse, type AssetListResponse, type AssetResponse } from './dto/asset.response';
import type { UpdateAssetDto } from './dto/update-asset.dto';

/** Reading, editing and deleting assets of the library (uploads: UploadService; many at once: AssetBulkService). */
@Injectable()
export class AssetService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly store: AssetStore,
    private readonly folders: FolderService,
    private readonly removal: AssetRemoval,
    private readonly files: AssetFiles,
    private readonly events: EventBus,
    private readonly urls: MediaUrls,
  ) {}

  async list(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<AssetListResponse> {
    const { page, query } = await this.store.list(ctx, rawQuery);
    return {
      data: page.data.map((asset) => selectFields(toAssetResponse(asset, this.urls), query.fields)),
      meta: page.meta,
    };
  }

  async get(ctx: RequestContext, id: string): Promise<AssetResponse> {
    return toAssetResponse(await this.readable(ctx, id), this.urls);
  }

  /** The asset if the caller may read it; the one answer (404) otherwise. */
  async readable(ctx: RequestContext, id: string): Promise<MediaAsset> {
    const asset = await this.store.findById(ctx, id);
    assertAssetAccess(ctx, id, asset, 'read');
    return asset;
  }

  async update(ctx: RequestContext, id: string, dto: UpdateAssetDto): Promise<AssetResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const asset = await this.store.findById(tx, id, true);
      assertAssetAccess(tx, id, asset, 'update');
      const patch: Partial<MediaAsset> = {};
      const changed: string[] = [];
      const set = <K extends keyof MediaAsset>(field: string, key: K, value: MediaAsset[K]) => {
        if (JSON.stringify(asset[key]) === JSON.stringify(value)) return;
        patch[key] = value;
        if (!changed.includes(field)) changed.push(field);
      };
      if (dto.title !== undefined) set('title', 'title', dto.title);
      if (dto.altText !== undefined) set('altText', 'altText', dto.altText);
      if (dto.caption !== undefined) set('caption', 'caption', dto.caption);
      if (dto.tags !== undefined) set('tags', 'tags', dto.tags);
      if (dto.visibility !== undefined) set('visibility', 'visibility', dto.visibility);
      if (dto.fileName !== undefined)
        set('fileName', 'fileName', renamedFileName(asset.fileName, dto.fileName, asset.mimeType));
      if (dto.focalPoint !== undefined) {
        set('focalPoint', 'focalX', dto.focalPoint?.x ?? null);
        set('focalPoint', 'focalY', dto.focalPoint?.y ?? null);
      }
      const toFolderId = dto.folderId === undefined ? asset.folderId : dto.folderId;
      const moved = toFolderId !== asset.folderId;
      if (moved && toFolderId !== null) await this.folders.existingParent(tx, toFolderId, 'folderId');
      if (moved) patch.folderId = toFolderId;
      if (changed.length === 0 && !moved) return toAssetResponse(asset, this.urls);

      await this.store.update(tx, [id], patch);
      const updated = (await this.store.findById(tx, id)) as MediaAsset;
      // The changed asset must still be one the caller may update (a custom role limited to a folder or kind).
      assertAssetAccess(tx, id, updated, 'update');
      if (changed.length > 0) {
        const before = this.urls.publicUrl(asset);
        const retired = before !== null && before !== this.urls.publicUrl(updated) ? before : null;
        // Public event: the before/after values go to the audit log only (EventBus `changes` option).
        const changes = fieldChanges(assetMetadata(asset), assetMetadata(updated), changed);
        await this.events.publish(
          tx,
          'media.asset.updated',
          { assetId: id, changed, previousPublicUrl: retired },
          { changes },
        );
      }
      if (moved) {
        await this.events.publish(
          tx,
          'media.asset.moved',
          { assetId: id, fromFolderId: asset.folderId, toFolderId },
          { changes: { folderId: { before: asset.folderId, after: toFolderId } } },
        );
      }
      return toAssetResponse(updated, this.urls);
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    const removed = await this.db.transaction(ctx, async (tx) => {
      const asset = await this.store.findById(tx, id, true);
      assertAssetAccess(tx, id, asset, 'delete');
      await this.removal.removeRows(tx, [asset]);
      return asset;
    });
    await this.files.remove([removed]);
  }
}
