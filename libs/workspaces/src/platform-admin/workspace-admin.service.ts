import { Injectable } from '@nestjs/common';
import { EventBus, fetchPage, parseListQuery, selectFields, TenantDataSource, type RequestContext } from '@quire/core';
import { platformAdminActor } from '@quire/identity';
import { Workspace } from '../entities/workspace.entity';
import { AdminWorkspaceNotFoundError, WorkspaceClosedError } from '../workspaces.errors';
import { adminWorkspaceListSpec } from './admin-workspace-list';
import {
  toAdminWorkspaceResponse,
  type AdminWorkspaceListResponse,
  type AdminWorkspaceResponse,
} from './dto/admin-workspace.response';

/** Installation-wide: platform administrators list workspaces and suspend or reinstate them. */
@Injectable()
export class WorkspaceAdminService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
  ) {}

  async list(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<AdminWorkspaceListResponse> {
    platformAdminActor(ctx);
    const query = parseListQuery(rawQuery, adminWorkspaceListSpec);
    const builder = this.db.manager(ctx).getRepository(Workspace).createQueryBuilder('workspace');
    const page = await fetchPage(builder, 'workspace', query, adminWorkspaceListSpec);
    return {
      data: page.data.map(toAdminWorkspaceResponse).map((w) => selectFields(w, query.fields)),
      meta: page.meta,
    };
  }

  /** Suspended: every route of the workspace answers 404 to everyone, its API keys included, until reinstated. */
  async setSuspended(ctx: RequestContext, workspaceId: string, suspended: boolean): Promise<AdminWorkspaceResponse> {
    platformAdminActor(ctx);
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const workspace = await manager.findOne(Workspace, {
        where: { id: workspaceId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!workspace) throw new AdminWorkspaceNotFoundError(workspaceId);
      if (workspace.status === 'closed') throw new WorkspaceClosedError(workspaceId);
      const status = suspended ? 'suspended' : 'active';
      if (workspace.status !== status) {
        workspace.status = status;
        await manager.save(workspace);
        await this.events.publish(
          tx.withWorkspace({ id: workspace.id, slug: workspace.slug }),
          suspended ? 'workspaces.workspace.suspended' : 'workspaces.workspace.reinstated',
          { workspaceId: workspace.id, slug: workspace.slug },
        );
      }
      return toAdminWorkspaceResponse(workspace);
    });
  }
}
