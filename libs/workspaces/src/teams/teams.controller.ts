import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { TEAM_SUBJECT } from '../workspaces.permissions';
import { TeamNameDto, TeamResponse } from './dto/team.dto';
import { TeamService } from './team.service';

@ApiTags('Workspace teams')
@ApiBearerAuth()
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/teams')
export class TeamsController {
  constructor(private readonly teams: TeamService) {}

  @Get()
  @Can('read', TEAM_SUBJECT)
  @ApiOperation({ summary: 'List teams', description: 'Every team of the workspace by name, with its members.' })
  @ApiOkResponse({ type: [TeamResponse] })
  @ApiProblemResponses(400, 401, 403, 404)
  list(@Ctx() ctx: RequestContext): Promise<TeamResponse[]> {
    return this.teams.list(ctx);
  }

  @Post()
  @Can('create', TEAM_SUBJECT)
  @ApiOperation({ summary: 'Create a team', description: 'Names are unique in the workspace regardless of case.' })
  @ApiCreatedResponse({ type: TeamResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409, 413, 415)
  create(@Ctx() ctx: RequestContext, @Body() dto: TeamNameDto): Promise<TeamResponse> {
    return this.teams.create(ctx, dto.name);
  }

  @Get(':teamId')
  @Can('read', TEAM_SUBJECT)
  @ApiOperation({ summary: 'Get a team', description: "Another workspace's team id answers 404, like an unknown one." })
  @ApiOkResponse({ type: TeamResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('teamId') teamId: string): Promise<TeamResponse> {
    return this.teams.get(ctx, teamId);
  }

  @Patch(':teamId')
  @Can('update', TEAM_SUBJECT)
  @ApiOperation({ summary: 'Rename a team' })
  @ApiOkResponse({ type: TeamResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409, 413, 415)
  rename(
    @Ctx() ctx: RequestContext,
    @UuidParam('teamId') teamId: string,
    @Body() dto: TeamNameDto,
  ): Promise<TeamResponse> {
    return this.teams.rename(ctx, teamId, dto.name);
  }

  @Delete(':teamId')
  @HttpCode(204)
  @Can('delete', TEAM_SUBJECT)
  @ApiOperation({ summary: 'Delete a team', description: 'Its members stay members of the workspace.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponses(400, 401, 403, 404)
  delete(@Ctx() ctx: RequestContext, @UuidParam('teamId') teamId: string): Promise<void> {
    return this.teams.delete(ctx, teamId);
  }

  @Put(':teamId/members/:userId')
  @Can('update', TEAM_SUBJECT)
  @ApiOperation({
    summary: 'Add a member to a team',
    description: 'The user must be a member of the workspace (404 otherwise). Adding someone twice changes nothing.',
  })
  @ApiOkResponse({ type: TeamResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  addMember(
    @Ctx() ctx: RequestContext,
    @UuidParam('teamId') teamId: string,
    @UuidParam('userId') userId: string,
  ): Promise<TeamResponse> {
    return this.teams.addMember(ctx, teamId, userId);
  }

  @Delete(':teamId/members/:userId')
  @HttpCode(204)
  @Can('update', TEAM_SUBJECT)
  @ApiOperation({ summary: 'Remove a member from a team', description: 'They stay a member of the workspace.' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblemResponses(400, 401, 403, 404)
  removeMember(
    @Ctx() ctx: RequestContext,
    @UuidParam('teamId') teamId: string,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.teams.removeMember(ctx, teamId, userId);
  }
}
