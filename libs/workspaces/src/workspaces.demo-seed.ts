import { Logger } from '@nestjs/common';
import { RequestContext, TenantDataSource, type PluginContext } from '@quire/core';
import { WorkspaceService } from './workspaces/workspace.service';

export const DEMO_WORKSPACE_SLUG = 'demo';

/**
 * Demo data (development only): the workspace `demo`, owned by the first platform administrator (identity's
 * demo seed creates one), created once into an installation without workspaces.
 */
export async function seedWorkspacesDemo(context: PluginContext): Promise<void> {
  const manager = context.get(TenantDataSource).manager(RequestContext.system('workspaces.demo-seed'));
  const [{ count }] = await manager.query<Array<{ count: number }>>('SELECT count(*)::int AS count FROM workspaces');
  if (count > 0) return;
  const [admin] = await manager.query<Array<{ id: string; email: string }>>(
    `SELECT id, email FROM identity_users WHERE platform_admin AND closed_at IS NULL ORDER BY created_at LIMIT 1`,
  );
  if (!admin) return;
  const ctx = RequestContext.system('workspaces.demo-seed').withActor({ type: 'user', id: admin.id });
  await context.get(WorkspaceService).create(ctx, { name: 'Demo', slug: DEMO_WORKSPACE_SLUG });
  new Logger('WorkspacesDemoSeed').log(`Demo workspace "${DEMO_WORKSPACE_SLUG}" created, owned by ${admin.email}`);
}
