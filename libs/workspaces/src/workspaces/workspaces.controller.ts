import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, type RequestContext } from '@quire/core';
import { WORKSPACE_SUBJECT } from '../workspaces.permissions';
import { CreateWorkspaceDto } from './dto/create-workspace.dto';
import { UpdateWorkspaceDto } from './dto/workspace-fields.dto';
import { WorkspaceResponse } from './dto/workspace.response';
import { WorkspaceService } from './workspace.service';

const WORKSPACE_PARAM = {
  name: 'workspace',
  description: 'Workspace slug (any case, or a former slug) or id',
} as const;

@ApiTags('Workspaces')
@ApiBearerAuth()
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspaceService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a workspace',
    description:
      'You become its owner. The slug is lower-case kebab-case of 3 to 48 characters, not reserved (api, admin, auth, ' +
      'me, health, docs, …) and not taken by another workspace now or formerly. Starts on the Free plan.',
  })
  @ApiCreatedResponse({ type: WorkspaceResponse })
  @ApiProblemResponses(400, 401, 403, 409, 413, 415)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateWorkspaceDto): Promise<WorkspaceResponse> {
    return this.workspaces.create(ctx, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List my workspaces',
    description: 'The active workspaces you are a member of, by name, with your role; for an API key, its workspace.',
  })
  @ApiOkResponse({ type: [WorkspaceResponse] })
  @ApiProblemResponses(400, 401)
  list(@Ctx() ctx: RequestContext): Promise<WorkspaceResponse[]> {
    return this.workspaces.listMine(ctx);
  }

  @Get(':workspace')
  @Can('read', WORKSPACE_SUBJECT)
  @ApiParam(WORKSPACE_PARAM)
  @ApiOperation({
    summary: 'Get a workspace',
    description:
      'Named by id, slug or a former slug: the answer carries the current slug. A workspace you are no member of ' +
      'answers 404, like a closed, suspended or unknown one.',
  })
  @ApiOkResponse({ type: WorkspaceResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@Ctx() ctx: RequestContext): Promise<WorkspaceResponse> {
    return this.workspaces.get(ctx);
  }

  @Patch(':workspace')
  @Can('update', WORKSPACE_SUBJECT)
  @ApiParam(WORKSPACE_PARAM)
  @ApiOperation({
    summary: 'Update a workspace',
    description:
      'Rename, change the slug (the former slug keeps naming this workspace and no other may take it), the logo URL, ' +
      'locales (the default among the enabled) and the IANA time zone. Owners and admins.',
  })
  @ApiOkResponse({ type: WorkspaceResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409, 413, 415)
  update(@Ctx() ctx: RequestContext, @Body() dto: UpdateWorkspaceDto): Promise<WorkspaceResponse> {
    return this.workspaces.update(ctx, dto);
  }

  @Delete(':workspace')
  @HttpCode(204)
  @Can('delete', WORKSPACE_SUBJECT)
  @ApiParam(WORKSPACE_PARAM)
  @ApiOperation({
    summary: 'Close a workspace',
    description:
      'Owners only, signed in (not an API key). The workspace is closed at once (404 for everyone) and erased ' +
      'with its data 30 days later by the retention engine.',
  })
  @ApiNoContentResponse({ description: 'Closed' })
  @ApiProblemResponses(400, 401, 403, 404)
  close(@Ctx() ctx: RequestContext): Promise<void> {
    return this.workspaces.close(ctx);
  }
}
