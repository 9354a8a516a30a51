import { UnknownRoleError } from '../workspaces.errors';
import {
  EventBus,
  QuireWorkspaceResolver,
  RequestContext,
  type Actor,
  type PermissionRule,
  type WorkspaceRef,
  type WorkspaceResolver,
  uuidv7,
} from '@quire/core';
import { DataSource } from 'typeorm';
import { isBuiltInRole } from '../roles/built-in-role-rules';
import { RoleRules } from '../roles/role-rules';
import { isUuid } from '../slugs/workspace-slug';
import { referenceCondition } from './workspace-lookup';

/**
 * The kernel's door into workspaces. Only active workspaces open; a user enters as a member, an API key only
 * the workspace it is bound to. Platform administrators get nothing implicit: they are members or they are out.
 * Everything else (unknown, closed, suspended, not a member) is the same null, hence the same 404.
 */
@QuireWorkspaceResolver()
export class WorkspacesResolver implements WorkspaceResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roles: RoleRules,
    private readonly events: EventBus,
  ) {}

  /**
   * The member's rules as read by `resolve` in the same statement, for `rulesFor` of the same request: the
   * kernel hands back the object `resolve` returned. Weakly held, so nothing outlives the request.
   */
  private readonly rulesReadWith = new WeakMap<WorkspaceRef, PermissionRule[]>();

  async resolve(reference: string, actor: Actor): Promise<WorkspaceRef | null> {
    if (!actor.id || !isUuid(actor.id)) return null;
    if (actor.type === 'api-key') {
      if (!actor.workspaceId) return null;
      const [workspace] = await this.dataSource.query<WorkspaceRef[]>(
        `SELECT w.id, w.slug FROM workspaces w
          WHERE w.status = 'active' AND ${referenceCondition(reference)} AND w.id = $2::uuid`,
        [reference, actor.workspaceId],
      );
      return workspace ?? null;
    }
    if (actor.type !== 'user') return null;
    // One statement for the workspace, the membership, the role and a custom role's rules.
    const [member] = await this.dataSource.query<Array<WorkspaceRef & { role: string; rules: unknown }>>(
      `SELECT w.id, w.slug, m.role, r.rules FROM workspaces w
         JOIN workspace_members m ON m.workspace_id = w.id AND m.user_id = $2::uuid
         LEFT JOIN workspace_roles r ON r.workspace_id = m.workspace_id AND r.key = m.role
        WHERE w.status = 'active' AND ${referenceCondition(reference)}`,
      [reference, actor.id],
    );
    if (!member) return null;
    const workspace: WorkspaceRef = { id: member.id, slug: member.slug };
    this.rulesReadWith.set(workspace, this.roles.rulesOf(member.role, member.rules));
    return workspace;
  }

  /**
   * For public workspace routes (content delivery), whoever asks: the active workspace by id, slug or former slug,
   * the same lookup as `resolve`. The kernel gives a non-member no rules there.
   */
  async resolvePublic(reference: string): Promise<WorkspaceRef | null> {
    const [workspace] = await this.dataSource.query<WorkspaceRef[]>(
      `SELECT w.id, w.slug FROM workspaces w WHERE w.status = 'active' AND ${referenceCondition(reference)}`,
      [reference],
    );
    return workspace ?? null;
  }

  /**
   * Read on every request, so a role change, or an edit of a custom role, holds from the next request on: the
   * rules `resolve` read for this request, else one statement for the member's role and a custom role's rules.
   */
  async rulesFor(actor: Actor, workspace: WorkspaceRef): Promise<PermissionRule[]> {
    if (actor.type !== 'user' || !actor.id) return [];
    const read = this.rulesReadWith.get(workspace);
    if (read) return read;
    const [member] = await this.dataSource.query<Array<{ role: string; rules: unknown }>>(
      `SELECT m.role, r.rules FROM workspace_members m
         LEFT JOIN workspace_roles r ON r.workspace_id = m.workspace_id AND r.key = m.role
        WHERE m.workspace_id = $1 AND m.user_id = $2`,
      [workspace.id, actor.id],
    );
    return member ? this.roles.rulesOf(member.role, member.rules) : [];
  }

  /**
   * Just-in-time membership for SSO: adds the user with `role` (built in, or a custom role of this workspace)
   * unless a member already (whatever their role).
   */
  async ensureMember(workspaceId: string, userId: string, role: string): Promise<'added' | 'existing'> {
    return this.dataSource.transaction(async (manager) => {
      // A configuration error of the SSO connection, answered to the signing-in user as a clear 409, not a 500.
      // The share lock keeps the custom role from being deleted before the membership is written.
      const known =
        isBuiltInRole(role) ||
        (
          await manager.query<unknown[]>(
            `SELECT 1 FROM workspace_roles WHERE workspace_id = $1 AND key = $2 FOR SHARE`,
            [workspaceId, role],
          )
        ).length > 0;
      if (!known) throw new UnknownRoleError(role);
      const [workspace] = await manager.query<WorkspaceRef[]>(`SELECT id, slug FROM workspaces WHERE id = $1`, [
        workspaceId,
      ]);
      if (!workspace) throw new Error(`ensureMember: no workspace ${workspaceId}`);
      const inserted = await manager.query<unknown[]>(
        `INSERT INTO workspace_members (id, workspace_id, user_id, role) VALUES ($4, $1, $2, $3)
         ON CONFLICT (workspace_id, user_id) DO NOTHING RETURNING id`,
        [workspaceId, userId, role, uuidv7()],
      );
      if (inserted.length === 0) return 'existing';
      const ctx = RequestContext.system('workspaces.ensure-member').withManager(manager).withWorkspace(workspace);
      await this.events.publish(ctx, 'workspaces.member.added', { userId, role, via: 'sso-jit' });
      return 'added';
    });
  }

  /** For the session's active team (identity): a team member is a workspace member too (team_members cascade). */
  async isTeamMember(workspaceId: string, teamId: string, userId: string): Promise<boolean> {
    if (![workspaceId, teamId, userId].every(isUuid)) return false;
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM team_members WHERE workspace_id = $1 AND team_id = $2 AND user_id = $3`,
      [workspaceId, teamId, userId],
    );
    return rows.length > 0;
  }
}
