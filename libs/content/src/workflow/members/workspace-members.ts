import { Injectable } from '@nestjs/common';
import {
  BUILT_IN_ROLES,
  buildAbility,
  TenancyRegistry,
  TenantDataSource,
  type Actor,
  type AppAbility,
  type RequestContext,
} from '@quire/core';

/**
 * Members of the context's workspace as the workflow needs them: their role keys (what transitions and approver
 * lists name), the roles that exist, and another member's ability, built by the kernel's workspace resolver exactly
 * as for that member's own requests.
 */
@Injectable()
export class WorkspaceMembers {
  constructor(
    private readonly db: TenantDataSource,
    private readonly tenancy: TenancyRegistry,
  ) {}

  /** Built-in role names and the workspace's custom role keys. */
  async knownRoles(ctx: RequestContext): Promise<Set<string>> {
    const rows: Array<{ key: string }> = await this.db
      .manager(ctx)
      .query(`SELECT key FROM workspace_roles WHERE workspace_id = $1`, [ctx.workspaceId]);
    return new Set<string>([...BUILT_IN_ROLES, ...rows.map((row) => row.key)]);
  }

  /** The role of each given user who is a member; non-members are absent. */
  async roles(ctx: RequestContext, userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows: Array<{ user_id: string; role: string }> = await this.db
      .manager(ctx)
      .query(`SELECT user_id, role FROM workspace_members WHERE workspace_id = $1 AND user_id = ANY($2::uuid[])`, [
        ctx.workspaceId,
        userIds,
      ]);
    return new Map(rows.map((row) => [row.user_id, row.role]));
  }

  async roleOf(ctx: RequestContext, userId: string): Promise<string | null> {
    return (await this.roles(ctx, [userId])).get(userId) ?? null;
  }

  /** What the member may do in this workspace, as their own requests would be allowed. */
  async abilityOf(ctx: RequestContext, userId: string): Promise<AppAbility> {
    const resolver = this.tenancy.workspaceResolver;
    const actor: Actor = { type: 'user', id: userId };
    // A fresh reference: the resolver may remember the rules it read for the current request's workspace object.
    const workspace = { id: ctx.workspaceId, slug: ctx.workspace!.slug };
    const rules = resolver ? await resolver.rulesFor(actor, workspace) : [];
    return buildAbility(rules, { actor, workspace });
  }
}
