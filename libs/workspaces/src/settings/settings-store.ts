import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';

/**
 * The `settings` column of the context's workspace: one JSON object per plugin, keyed by plugin name. Reads and
 * writes one plugin's entry at a time, so two plugins' settings saved at once never overwrite each other.
 */
@Injectable()
export class WorkspaceSettingsStore {
  constructor(private readonly db: TenantDataSource) {}

  /** Every plugin's stored values. */
  async all(ctx: RequestContext): Promise<Record<string, unknown>> {
    const [row] = await this.db
      .manager(ctx)
      .query<Array<{ settings: Record<string, unknown> | null }>>(`SELECT settings FROM workspaces WHERE id = $1`, [
        ctx.workspaceId,
      ]);
    return row?.settings ?? {};
  }

  /** One plugin's stored values (null when it has none); `forUpdate` locks the workspace row until the transaction ends. */
  async of(ctx: RequestContext, plugin: string, forUpdate = false): Promise<unknown> {
    const [row] = await this.db
      .manager(ctx)
      .query<Array<{ stored: unknown }>>(
        `SELECT settings -> $2::text AS stored FROM workspaces WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
        [ctx.workspaceId, plugin],
      );
    return row?.stored ?? null;
  }

  async replace(tx: RequestContext, plugin: string, values: Record<string, unknown>): Promise<void> {
    await this.db.manager(tx).query(
      `UPDATE workspaces SET settings = settings || jsonb_build_object($2::text, $3::jsonb), updated_at = now()
          WHERE id = $1`,
      [tx.workspaceId, plugin, JSON.stringify(values)],
    );
  }
}
