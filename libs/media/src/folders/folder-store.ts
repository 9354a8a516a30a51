import { Injectable } from '@nestjs/common';
import { TenantDataSource, type Page, type ParsedListQuery, type RequestContext } from '@quire/core';
import { MediaFolder } from '../entities/media-folder.entity';
import { MEDIA_FOLDER_SUBJECT } from '../media.permissions';
import { folderListSpec } from './folder-list';

/** Reads and writes media_folders inside the context's workspace. */
@Injectable()
export class FolderStore {
  constructor(private readonly db: TenantDataSource) {}

  findById(ctx: RequestContext, id: string, lock = false): Promise<MediaFolder | null> {
    return this.db
      .repository(ctx, MediaFolder)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** A sibling with this name regardless of case (null parent: the root). */
  async findSibling(ctx: RequestContext, parentId: string | null, name: string): Promise<MediaFolder | null> {
    return this.db
      .repository(ctx, MediaFolder)
      .createQueryBuilder('folder')
      .andWhere('folder.parent_id IS NOT DISTINCT FROM :parentId', { parentId })
      .andWhere('lower(folder.name) = lower(:name)', { name })
      .getOne();
  }

  insert(ctx: RequestContext, folder: Partial<MediaFolder>): Promise<MediaFolder> {
    return this.db.repository(ctx, MediaFolder).save(folder);
  }

  async update(ctx: RequestContext, id: string, patch: Partial<MediaFolder>): Promise<void> {
    await this.db.repository(ctx, MediaFolder).update({ id }, patch);
  }

  /** The folder and every folder below it, deepest first (the order they can be deleted in). */
  subtree(ctx: RequestContext, id: string): Promise<Array<{ id: string; name: string }>> {
    return this.db.manager(ctx).query(
      `WITH RECURSIVE tree AS (
         SELECT id, name, 0 AS depth FROM media_folders WHERE workspace_id = $1 AND id = $2
         UNION ALL
         SELECT f.id, f.name, tree.depth + 1 FROM media_folders f JOIN tree ON f.parent_id = tree.id
          WHERE f.workspace_id = $1
       )
       SELECT id, name FROM tree ORDER BY depth DESC, id`,
      [ctx.workspaceId, id],
    );
  }

  /** The folders from the root down to `id`'s parent. */
  async ancestors(ctx: RequestContext, id: string): Promise<Array<{ id: string; name: string }>> {
    const rows: Array<{ id: string; name: string }> = await this.db.manager(ctx).query(
      `WITH RECURSIVE up AS (
         SELECT parent_id, 0 AS depth FROM media_folders WHERE workspace_id = $1 AND id = $2
         UNION ALL
         SELECT f.parent_id, up.depth + 1 FROM media_folders f JOIN up ON f.id = up.parent_id
          WHERE f.workspace_id = $1 AND up.depth < 1000
       )
       SELECT f.id, f.name FROM up JOIN media_folders f ON f.id = up.parent_id AND f.workspace_id = $1
        ORDER BY up.depth DESC`,
      [ctx.workspaceId, id],
    );
    return rows;
  }

  async childCount(ctx: RequestContext, id: string): Promise<number> {
    return this.db.repository(ctx, MediaFolder).count({ parentId: id });
  }

  async deleteMany(ctx: RequestContext, ids: string[]): Promise<void> {
    await this.db
      .manager(ctx)
      .query(`DELETE FROM media_folders WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, [ctx.workspaceId, ids]);
  }

  /** Serialises moves of folders in one workspace, so that two crossing moves cannot build a cycle. */
  async lockTree(tx: RequestContext): Promise<void> {
    await this.db
      .manager(tx)
      .query(`SELECT pg_advisory_xact_lock(hashtextextended('media.folders:' || $1, 0))`, [tx.workspaceId]);
  }

  list(
    ctx: RequestContext,
    rawQuery: Record<string, unknown>,
  ): Promise<{ page: Page<MediaFolder>; query: ParsedListQuery }> {
    return this.db
      .repository(ctx, MediaFolder)
      .list(rawQuery, folderListSpec, { action: 'read', subject: MEDIA_FOLDER_SUBJECT, fields: {} });
  }
}
