import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import {
  applyAbilityToQuery,
  EventBus,
  fieldChanges,
  ForbiddenActionError,
  TenantDataSource,
  type RequestContext,
  type SubjectFieldMap,
} from '@quire/core';
import { QueryFailedError } from 'typeorm';
import { Team } from '../entities/team.entity';
import { TeamMember } from '../entities/team-member.entity';
import { WorkspaceMember } from '../entities/workspace-member.entity';
import {
  TeamMemberNotFoundError,
  TeamNameTakenError,
  TeamNotFoundError,
  WorkspaceMemberNotFoundError,
} from '../workspaces.errors';
import { TEAM_SUBJECT } from '../workspaces.permissions';
import type { TeamResponse } from './dto/team.dto';

/** The condition fields workspaces declares for Team (workspaces.permissions.ts), as columns. */
const TEAM_CONDITION_FIELDS: SubjectFieldMap = { id: 'id', name: 'name' };

/**
 * Teams, checked per team as well as per route: a custom role may allow some teams only (conditions on `id` or
 * `name`: lists as SQL, other reads 404, writes 403) and some fields only (`name` to rename, `memberIds` to
 * add and remove members).
 */
@Injectable()
export class TeamService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
  ) {}

  async list(ctx: RequestContext): Promise<TeamResponse[]> {
    const query = this.db.repository(ctx, Team).createQueryBuilder('team');
    applyAbilityToQuery(query, 'team', ctx.ability, 'read', TEAM_SUBJECT, TEAM_CONDITION_FIELDS);
    const teams = await query.orderBy('team.name', 'ASC').addOrderBy('team.id', 'ASC').getMany();
    const members = await this.db.repository(ctx, TeamMember).find({ order: { createdAt: 'ASC', id: 'ASC' } });
    return teams.map((team) => this.response(team, members));
  }

  async get(ctx: RequestContext, teamId: string): Promise<TeamResponse> {
    const team = await this.find(ctx, teamId);
    if (!this.may(ctx, 'read', team)) throw new TeamNotFoundError(teamId);
    return this.withMembers(ctx, team);
  }

  /** The answer of a write: the team as written, whether or not the actor may also read it. */
  private async withMembers(ctx: RequestContext, team: Team): Promise<TeamResponse> {
    const teamId = team.id;
    const members = await this.db
      .repository(ctx, TeamMember)
      .find({ where: { teamId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return this.response(team, members);
  }

  async create(ctx: RequestContext, name: string): Promise<TeamResponse> {
    if (!this.may(ctx, 'create', { name })) {
      throw new ForbiddenActionError('create', TEAM_SUBJECT, `You may not create a team named "${name}".`);
    }
    return this.db.transaction(ctx, async (tx) => {
      const team = await this.uniqueName(tx, name, () => this.db.repository(tx, Team).save({ name }));
      await this.events.publish(tx, 'workspaces.team.created', { teamId: team.id, name });
      return this.response(team, []);
    });
  }

  async rename(ctx: RequestContext, teamId: string, name: string): Promise<TeamResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const team = await this.find(tx, teamId);
      this.assertMay(tx, 'update', team, 'name');
      // The renamed team must still be within the permission: a role for the team "Blog" cannot rename it away.
      this.assertMay(tx, 'update', { id: team.id, name }, 'name');
      if (team.name !== name) {
        const previousName = team.name;
        await this.uniqueName(tx, name, () => this.db.repository(tx, Team).update({ id: teamId }, { name }), teamId);
        await this.events.publish(tx, 'workspaces.team.renamed', {
          teamId,
          previousName,
          name,
          changes: fieldChanges({ name: previousName }, { name }),
        });
      }
      return this.withMembers(tx, await this.find(tx, teamId));
    });
  }

  async delete(ctx: RequestContext, teamId: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const team = await this.find(tx, teamId);
      this.assertMay(tx, 'delete', team);
      await this.db.repository(tx, Team).delete({ id: teamId });
      await this.events.publish(tx, 'workspaces.team.deleted', { teamId, name: team.name });
    });
  }

  /** Only a member of the workspace joins its teams; adding someone twice changes nothing. */
  async addMember(ctx: RequestContext, teamId: string, userId: string): Promise<TeamResponse> {
    return this.db.transaction(ctx, async (tx) => {
      this.assertMay(tx, 'update', await this.find(tx, teamId), 'memberIds');
      if (!(await this.db.repository(tx, WorkspaceMember).count({ userId })))
        throw new WorkspaceMemberNotFoundError(userId);
      const existing = await this.db.repository(tx, TeamMember).count({ teamId, userId });
      if (!existing) {
        await this.db.repository(tx, TeamMember).save({ teamId, userId });
        await this.events.publish(tx, 'workspaces.team-member.added', { teamId, userId });
      }
      return this.withMembers(tx, await this.find(tx, teamId));
    });
  }

  async removeMember(ctx: RequestContext, teamId: string, userId: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      this.assertMay(tx, 'update', await this.find(tx, teamId), 'memberIds');
      if ((await this.db.repository(tx, TeamMember).delete({ teamId, userId })) === 0) {
        throw new TeamMemberNotFoundError(userId);
      }
      await this.events.publish(tx, 'workspaces.team-member.removed', { teamId, userId });
    });
  }

  private may(
    ctx: RequestContext,
    action: string,
    team: Pick<Team, 'name'> & { id?: string },
    field?: string,
  ): boolean {
    return ctx.ability.can(action, subject(TEAM_SUBJECT, { id: team.id, name: team.name }), field);
  }

  private assertMay(ctx: RequestContext, action: string, team: Pick<Team, 'id' | 'name'>, field?: string): void {
    if (!this.may(ctx, action, team, field)) {
      throw new ForbiddenActionError(
        action,
        TEAM_SUBJECT,
        `You may not ${action}${field ? ` the ${field} of` : ''} the team "${team.name}".`,
      );
    }
  }

  private async find(ctx: RequestContext, teamId: string): Promise<Team> {
    const team = await this.db.repository(ctx, Team).findOneBy({ id: teamId });
    if (!team) throw new TeamNotFoundError(teamId);
    return team;
  }

  /** Checked first (a failed insert is logged as an error); the unique index still decides between racing requests. */
  private async uniqueName<T>(tx: RequestContext, name: string, write: () => Promise<T>, ownId?: string): Promise<T> {
    const taken = await this.db
      .repository(tx, Team)
      .createQueryBuilder('team')
      .andWhere('lower(team.name) = lower(:name)', { name })
      .andWhere(ownId ? 'team.id <> :ownId' : 'true', { ownId })
      .getCount();
    if (taken > 0) throw new TeamNameTakenError(name);
    try {
      return await write();
    } catch (error) {
      const driverError =
        error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
      if (driverError?.code === '23505' && driverError.constraint === 'teams_name') throw new TeamNameTakenError(name);
      throw error;
    }
  }

  private response(team: Team, members: TeamMember[]): TeamResponse {
    return {
      id: team.id,
      name: team.name,
      memberIds: members.filter((m) => m.teamId === team.id).map((m) => m.userId),
      createdAt: team.createdAt.toISOString(),
    };
  }
}
