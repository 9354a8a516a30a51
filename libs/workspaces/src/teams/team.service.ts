import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, type RequestContext } from '@quire/core';
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
import type { TeamResponse } from './dto/team.dto';

@Injectable()
export class TeamService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
  ) {}

  async list(ctx: RequestContext): Promise<TeamResponse[]> {
    const teams = await this.db.repository(ctx, Team).find({ order: { name: 'ASC', id: 'ASC' } });
    const members = await this.db.repository(ctx, TeamMember).find({ order: { createdAt: 'ASC', id: 'ASC' } });
    return teams.map((team) => this.response(team, members));
  }

  async get(ctx: RequestContext, teamId: string): Promise<TeamResponse> {
    const team = await this.find(ctx, teamId);
    const members = await this.db
      .repository(ctx, TeamMember)
      .find({ where: { teamId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return this.response(team, members);
  }

  async create(ctx: RequestContext, name: string): Promise<TeamResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const team = await this.uniqueName(tx, name, () => this.db.repository(tx, Team).save({ name }));
      await this.events.publish(tx, 'workspaces.team.created', { teamId: team.id, name });
      return this.response(team, []);
    });
  }

  async rename(ctx: RequestContext, teamId: string, name: string): Promise<TeamResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const team = await this.find(tx, teamId);
      if (team.name !== name) {
        const previousName = team.name;
        await this.uniqueName(tx, name, () => this.db.repository(tx, Team).update({ id: teamId }, { name }), teamId);
        await this.events.publish(tx, 'workspaces.team.renamed', { teamId, previousName, name });
      }
      return this.get(tx, teamId);
    });
  }

  async delete(ctx: RequestContext, teamId: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const team = await this.find(tx, teamId);
      await this.db.repository(tx, Team).delete({ id: teamId });
      await this.events.publish(tx, 'workspaces.team.deleted', { teamId, name: team.name });
    });
  }

  /** Only a member of the workspace joins its teams; adding someone twice changes nothing. */
  async addMember(ctx: RequestContext, teamId: string, userId: string): Promise<TeamResponse> {
    return this.db.transaction(ctx, async (tx) => {
      await this.find(tx, teamId);
      if (!(await this.db.repository(tx, WorkspaceMember).count({ userId })))
        throw new WorkspaceMemberNotFoundError(userId);
      const existing = await this.db.repository(tx, TeamMember).count({ teamId, userId });
      if (!existing) {
        await this.db.repository(tx, TeamMember).save({ teamId, userId });
        await this.events.publish(tx, 'workspaces.team-member.added', { teamId, userId });
      }
      return this.get(tx, teamId);
    });
  }

  async removeMember(ctx: RequestContext, teamId: string, userId: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      await this.find(tx, teamId);
      if ((await this.db.repository(tx, TeamMember).delete({ teamId, userId })) === 0) {
        throw new TeamMemberNotFoundError(userId);
      }
      await this.events.publish(tx, 'workspaces.team-member.removed', { teamId, userId });
    });
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
