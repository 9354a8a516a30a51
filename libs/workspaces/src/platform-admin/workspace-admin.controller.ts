import { Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { adminWorkspaceListSpec } from './admin-workspace-list';
import { AdminWorkspaceListResponse, AdminWorkspaceResponse } from './dto/admin-workspace.response';
import { WorkspaceAdminService } from './workspace-admin.service';

@ApiTags('Platform administration')
@ApiBearerAuth()
@Controller('admin/workspaces')
export class WorkspaceAdminController {
  constructor(private readonly admin: WorkspaceAdminService) {}

  @Get()
  @ApiOperation({
    summary: 'List all workspaces',
    description:
      'Every workspace of the installation, suspended and closed ones included, with the list query language ' +
      '(e.g. `filter[status]=suspended`, `sort=name`). Platform administrators only (403 ' +
      'identity.platform-admin-required), with a session of their own. Lists no content and grants no entry.',
  })
  @ApiListQuery(adminWorkspaceListSpec)
  @ApiOkResponse({ type: AdminWorkspaceListResponse })
  @ApiProblemResponses(400, 401, 403)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<AdminWorkspaceListResponse> {
    return this.admin.list(ctx, query);
  }

  @Post(':id/suspension')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Suspend a workspace',
    description:
      'From the next request on, the workspace answers 404 to its members and API keys. Already suspended: ' +
      'answered as is. A closed workspace cannot be suspended (409 workspaces.workspace-closed).',
  })
  @ApiOkResponse({ type: AdminWorkspaceResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  suspend(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<AdminWorkspaceResponse> {
    return this.admin.setSuspended(ctx, id, true);
  }

  @Delete(':id/suspension')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reinstate a suspended workspace',
    description: 'The workspace opens again to its members. Not suspended: answered as is.',
  })
  @ApiOkResponse({ type: AdminWorkspaceResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  reinstate(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<AdminWorkspaceResponse> {
    return this.admin.setSuspended(ctx, id, false);
  }
}
