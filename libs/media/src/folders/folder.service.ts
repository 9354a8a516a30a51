import { Injectable } from '@nestjs/common';
import {
  EventBus,
  ForbiddenActionError,
  selectFields,
  TenantDataSource,
  ValidationFailedError,
  type RequestContext,
} from '@quire/core';
import { assetSubject, actorUserId } from '../assets/asset-access';
import { AssetFiles } from '../assets/asset-files';
import { AssetRemoval } from '../assets/asset-removal';
import { AssetStore } from '../assets/asset-store';
import type { MediaFolder } from '../entities/media-folder.entity';
import {
  BulkForbiddenError,
  FolderCycleError,
  FolderNameTakenError,
  FolderNotEmptyError,
  FolderNotFoundError,
} from '../media.errors';
import { MEDIA_FOLDER_SUBJECT } from '../media.permissions';
import type { CreateFolderDto, UpdateFolderDto } from './dto/folder.dto';
import { toFolderResponse, type FolderListResponse, type FolderResponse } from './dto/folder.response';
import { FolderStore } from './folder-store';

/**
 * The library's folder tree: names unique per parent regardless of case (409), no cycles (409), and no deleting a
 * folder with content unless asked to delete the content too (`recursive`), which then needs the right to delete
 * every asset in it (403 naming them otherwise; nothing is deleted).
 */
@Injectable()
export class FolderService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly folders: FolderStore,
    private readonly assets: AssetStore,
    private readonly removal: AssetRemoval,
    private readonly files: AssetFiles,
    private readonly events: EventBus,
  ) {}

  async list(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<FolderListResponse> {
    const { page, query } = await this.folders.list(ctx, rawQuery);
    return { data: page.data.map((f) => selectFields(toFolderResponse(f), query.fields)), meta: page.meta };
  }

  async get(ctx: RequestContext, id: string): Promise<FolderResponse> {
    const folder = await this.folders.findById(ctx, id);
    if (!folder) throw new FolderNotFoundError(id);
    return { ...toFolderResponse(folder), path: await this.folders.ancestors(ctx, id) };
  }

  async create(ctx: RequestContext, dto: CreateFolderDto): Promise<FolderResponse> {
    const parentId = dto.parentId ?? null;
    return this.db.transaction(ctx, async (tx) => {
      await this.folders.lockTree(tx);
      if (parentId !== null) await this.existingParent(tx, parentId, 'parentId');
      await this.assertNameFree(tx, parentId, dto.name, null);
      const folder = await this.folders.insert(tx, { name: dto.name, parentId, createdBy: actorUserId(tx) });
      await this.events.publish(tx, 'media.folder.created', { folderId: folder.id, parentId });
      return toFolderResponse(folder);
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateFolderDto): Promise<FolderResponse> {
    return this.db.transaction(ctx, async (tx) => {
      await this.folders.lockTree(tx);
      const folder = await this.folders.findById(tx, id, true);
      if (!folder) throw new FolderNotFoundError(id);
      const parentId = dto.parentId === undefined ? folder.parentId : dto.parentId;
      const name = dto.name ?? folder.name;
      const moved = parentId !== folder.parentId;
      const renamed = name !== folder.name;
      if (moved && parentId !== null) {
        await this.existingParent(tx, parentId, 'parentId');
        const below = await this.folders.subtree(tx, id);
        if (below.some((f) => f.id === parentId)) throw new FolderCycleError(id, parentId);
      }
      if (moved || renamed) await this.assertNameFree(tx, parentId, name, id);
      if (!moved && !renamed) return toFolderResponse(folder);
      await this.folders.update(tx, id, { name, parentId });
      if (renamed) {
        const changes = { name: { before: folder.name, after: name } };
        await this.events.publish(tx, 'media.folder.updated', { folderId: id }, { changes });
      }
      if (moved) {
        await this.events.publish(
          tx,
          'media.folder.moved',
          { folderId: id, fromParentId: folder.parentId, toParentId: parentId },
          { changes: { parentId: { before: folder.parentId, after: parentId } } },
        );
      }
      return toFolderResponse((await this.folders.findById(tx, id)) as MediaFolder);
    });
  }

  async delete(ctx: RequestContext, id: string, recursive: boolean): Promise<void> {
    const removed = await this.db.transaction(ctx, async (tx) => {
      await this.folders.lockTree(tx);
      const folder = await this.folders.findById(tx, id, true);
      if (!folder) throw new FolderNotFoundError(id);
      const subtree = await this.folders.subtree(tx, id);
      const ids = subtree.map((f) => f.id);
      const assets = await this.assets.findInFolders(tx, ids);
      if (!recursive && (assets.length > 0 || subtree.length > 1)) {
        throw new FolderNotEmptyError(id, assets.length, subtree.length - 1);
      }
      const forbidden = assets.filter((asset) => !tx.ability.can('delete', assetSubject(asset)));
      if (forbidden.length > 0)
        throw new BulkForbiddenError(
          'delete',
          forbidden.map((asset) => asset.id),
        );
      if (subtree.length > 1 && !tx.ability.can('delete', MEDIA_FOLDER_SUBJECT)) {
        throw new ForbiddenActionError('delete', MEDIA_FOLDER_SUBJECT);
      }
      await this.removal.removeRows(tx, assets);
      await this.folders.deleteMany(tx, ids);
      for (const deleted of subtree) {
        await this.events.publish(tx, 'media.folder.deleted', { folderId: deleted.id, recursive });
      }
      return assets;
    });
    await this.files.remove(removed);
  }

  /** A folder named in a body must exist in this workspace: a 400 naming the member otherwise. */
  async existingParent(ctx: RequestContext, id: string, path: string): Promise<MediaFolder> {
    const folder = await this.folders.findById(ctx, id);
    if (!folder) throw new ValidationFailedError([{ path, message: `${path} must name a folder of this workspace` }]);
    return folder;
  }

  private async assertNameFree(
    ctx: RequestContext,
    parentId: string | null,
    name: string,
    self: string | null,
  ): Promise<void> {
    const sibling = await this.folders.findSibling(ctx, parentId, name);
    if (sibling && sibling.id !== self) throw new FolderNameTakenError(name, sibling.id);
  }
}
