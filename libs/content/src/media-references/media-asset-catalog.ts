import { Injectable } from '@nestjs/common';
import { PluginRegistry, TenantDataSource, isUuid, type RequestContext } from '@quire/core';

/** The plugin whose library content's media fields point into (docs/adr/0022-media.md, "References from content"). */
const MEDIA_PLUGIN_NAME = 'media';

/** What content needs to know of an asset: that it exists in the workspace, and its type for `allowedTypes`. */
export interface MediaAssetFacts {
  id: string;
  mimeType: string;
  /** image, video, audio, document, font or other. */
  kind: string;
}

/**
 * Content's read-only view of the media library, without importing the media plugin: when that plugin is loaded
 * its `media_assets` table is the contract (id, workspace_id, mime_type, kind); when it is not, content keeps
 * media ids unchecked, as before media existed. Writes to the library stay the media plugin's.
 */
@Injectable()
export class MediaAssetCatalog {
  /** Fixed at boot: the set of loaded plugins does not change while the process runs. */
  readonly available: boolean;

  constructor(
    private readonly db: TenantDataSource,
    registry: PluginRegistry,
  ) {
    this.available = registry.get(MEDIA_PLUGIN_NAME) !== undefined;
  }

  /**
   * The assets of the context's workspace among `ids` (malformed ids are skipped: the validator names them). With
   * `lock`, each found row is share-locked until the transaction ends, so an asset deletion running at the same
   * time waits for this save to commit — and then finds its references — or commits first, and the asset is not found.
   */
  async find(ctx: RequestContext, ids: readonly string[], lock = false): Promise<Map<string, MediaAssetFacts>> {
    const wanted = [...new Set(ids.filter((id) => isUuid(id)).map((id) => id.toLowerCase()))];
    if (!this.available || wanted.length === 0) return new Map();
    const rows: Array<{ id: string; mime_type: string; kind: string }> = await this.db.manager(ctx).query(
      `SELECT id, mime_type, kind FROM media_assets
        WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id${lock ? ' FOR SHARE' : ''}`,
      [ctx.workspaceId, wanted],
    );
    return new Map(rows.map((row) => [row.id, { id: row.id, mimeType: row.mime_type, kind: row.kind }]));
  }

  /** Whether `id` is an asset of the context's workspace; without the media plugin, any id may be one. */
  async exists(ctx: RequestContext, id: string): Promise<boolean> {
    if (!this.available) return true;
    return (await this.find(ctx, [id])).has(id.toLowerCase());
  }
}
