import type { RequestContext } from '@quire/core';
import type { EntityManager } from 'typeorm';

/**
 * Bumps the workspace's delivery generation: call it in the transaction of every change the delivery API can
 * see (publish, unpublish, trash, restore, purge, type change, import). Delivery ETags derive from it.
 */
export async function bumpDeliveryGeneration(ctx: RequestContext, manager: EntityManager): Promise<void> {
  await manager.query(
    `INSERT INTO content_delivery_generations (workspace_id, generation, updated_at) VALUES ($1, 1, now())
     ON CONFLICT (workspace_id) DO UPDATE SET generation = content_delivery_generations.generation + 1, updated_at = now()`,
    [ctx.workspaceId],
  );
}
