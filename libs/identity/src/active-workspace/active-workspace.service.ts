import { Injectable } from '@nestjs/common';
import {
  TenancyRegistry,
  UnauthenticatedError,
  ValidationFailedError,
  WorkspaceNotFoundError,
  type RequestContext,
  type WorkspaceRef,
} from '@quire/core';
import { SessionRequiredError } from '../auth/auth.errors';
import { sessionActor } from '../auth/session-actor';
import { SessionService, type ActiveWorkspaceIds } from '../sessions/session.service';
import { ActiveTeamNotFoundError } from './active-workspace.errors';
import type { ActiveWorkspaceResponse } from './dto/active-workspace.response';
import type { SwitchActiveWorkspaceDto } from './dto/switch-active-workspace.dto';

const NONE: ActiveWorkspaceResponse = { activeWorkspace: null, activeTeamId: null };

/**
 * The workspace and team a session works in (per session, so per device: the console on a laptop and on a phone
 * each keep their own). Who may enter a workspace or is in a team is the workspace resolver's answer, asked
 * through the kernel's port: identity knows no workspace tables.
 */
@Injectable()
export class ActiveWorkspaceService {
  constructor(
    private readonly sessions: SessionService,
    private readonly tenancy: TenancyRegistry,
  ) {}

  /**
   * What the session stored, re-checked: a workspace the user may no longer enter (left, removed, closed,
   * suspended) reads as none, and so does a team they are no longer in. Two indexed lookups at most.
   */
  async current(ctx: RequestContext): Promise<ActiveWorkspaceResponse> {
    const { userId, sessionId } = sessionActor(ctx);
    if (!sessionId) return NONE;
    const stored = await this.sessions.activeWorkspaceOf(sessionId, userId);
    if (!stored.workspaceId) return NONE;
    const workspace = await this.enterable(ctx, stored.workspaceId);
    if (!workspace) return NONE;
    const inTeam = stored.teamId !== null && (await this.isTeamMember(workspace.id, stored.teamId, userId));
    return { activeWorkspace: workspace, activeTeamId: inTeam ? stored.teamId : null };
  }

  /**
   * Switches this session into a workspace the user may enter (else 404 core.workspace-not-found, as on its
   * routes) and optionally a team of it they are in (else 404 identity.team-not-found); `workspace: null` clears
   * both. Only this session changes.
   */
  async switch(ctx: RequestContext, dto: SwitchActiveWorkspaceDto): Promise<ActiveWorkspaceResponse> {
    const { userId, sessionId } = sessionActor(ctx);
    if (!sessionId) throw new SessionRequiredError();
    const teamId = dto.team ?? null;
    if (dto.workspace === null) {
      if (teamId !== null) {
        throw new ValidationFailedError([
          { path: 'team', message: 'team needs a workspace: send the workspace, or team null to clear both' },
        ]);
      }
      await this.store(sessionId, userId, { workspaceId: null, teamId: null });
      return NONE;
    }
    const workspace = await this.enterable(ctx, dto.workspace);
    if (!workspace) throw new WorkspaceNotFoundError(dto.workspace);
    if (teamId !== null && !(await this.isTeamMember(workspace.id, teamId, userId))) {
      throw new ActiveTeamNotFoundError(teamId);
    }
    await this.store(sessionId, userId, { workspaceId: workspace.id, teamId });
    return { activeWorkspace: workspace, activeTeamId: teamId };
  }

  private async enterable(ctx: RequestContext, reference: string): Promise<WorkspaceRef | null> {
    const workspace = await this.tenancy.workspaceResolver?.resolve(reference, ctx.actor);
    return workspace ? { id: workspace.id, slug: workspace.slug } : null;
  }

  private async isTeamMember(workspaceId: string, teamId: string, userId: string): Promise<boolean> {
    return (await this.tenancy.workspaceResolver?.isTeamMember?.(workspaceId, teamId, userId)) ?? false;
  }

  private async store(sessionId: string, userId: string, active: ActiveWorkspaceIds): Promise<void> {
    // The guard let a live session through; one revoked since then is signed out, not switched.
    if (!(await this.sessions.setActiveWorkspace(sessionId, userId, active))) throw new UnauthenticatedError();
  }
}
