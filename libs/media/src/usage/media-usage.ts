import { Injectable } from '@nestjs/common';
import { InjectPluginOptions, TenantDataSource, type RequestContext } from '@quire/core';
import { MEDIA_PLUGIN } from '../media-plugin-name';
import type { MediaOptions } from '../media.options';

export interface UsageFigures {
  usedBytes: number;
  limitBytes: number;
  assets: number;
}

/**
 * Storage a workspace uses (the sum of its assets' stored sizes: a deduplicated file counts once) against the
 * limit of its plan (MediaOptions.quotaBytes; billing supplies plans later).
 */
@Injectable()
export class MediaUsage {
  constructor(
    private readonly db: TenantDataSource,
    @InjectPluginOptions(MEDIA_PLUGIN) private readonly options: MediaOptions,
  ) {}

  async of(ctx: RequestContext): Promise<UsageFigures> {
    const [row]: Array<{ used: string; assets: string; plan: string | null }> = await this.db.manager(ctx).query(
      `SELECT COALESCE(SUM(a.size_bytes), 0) AS used, COUNT(a.id) AS assets,
              (SELECT plan FROM workspaces WHERE id = $1) AS plan
         FROM media_assets a
        WHERE a.workspace_id = $1`,
      [ctx.workspaceId],
    );
    return {
      usedBytes: Number(row.used),
      assets: Number(row.assets),
      limitBytes: quotaFor(this.options, row.plan ?? 'free'),
    };
  }

  /**
   * Serialises the quota decisions of one workspace until the transaction ends: two uploads that each fit alone
   * cannot both commit past the limit.
   */
  async lock(tx: RequestContext): Promise<void> {
    await this.db
      .manager(tx)
      .query(`SELECT pg_advisory_xact_lock(hashtextextended('media.quota:' || $1, 0))`, [tx.workspaceId]);
  }
}

/** The plan's limit, or the installation's default. */
export function quotaFor(options: Pick<MediaOptions, 'quotaBytes'>, plan: string): number {
  return Object.hasOwn(options.quotaBytes, plan) ? options.quotaBytes[plan] : options.quotaBytes.default;
}
