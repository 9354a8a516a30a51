import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
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
import { ROLE_SUBJECT } from '../workspaces.permissions';
import { CreateRoleDto, RoleResponse, UpdateRoleDto } from './dto/role.dto';
import { RoleService } from './role.service';

const ROLE_PARAM = {
  name: 'roleId',
  description: "A custom role's id or key, or a built-in role's name (read only)",
} as const;

@ApiTags('Workspace roles')
@ApiBearerAuth()
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/roles')
export class RolesController {
  constructor(private readonly roles: RoleService) {}

  @Get()
  @Can('read', ROLE_SUBJECT)
  @ApiOperation({
    summary: 'List roles',
    description: 'The built-in roles (builtIn: true, rules from the loaded plugins), then the custom roles by key.',
  })
  @ApiOkResponse({ type: [RoleResponse] })
  @ApiProblemResponses(400, 401, 403, 404)
  list(@Ctx() ctx: RequestContext): Promise<RoleResponse[]> {
    return this.roles.list(ctx);
  }

  @Post()
  @Can('create', ROLE_SUBJECT)
  @ApiOperation({
    summary: 'Create a custom role',
    description:
      'Rules name subjects and actions the loaded plugins declare (GET …/permission-catalog), with optional ' +
      'conditions (equality or $in on condition fields, "{{actor.id}}") and field restrictions: 400 naming the ' +
      'rule otherwise. A role may not allow more than you hold yourself (403 workspaces.role-escalation); owners ' +
      'hold everything. 409 workspaces.role-key-taken for a key the workspace already has.',
  })
  @ApiCreatedResponse({ type: RoleResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409, 413, 415)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateRoleDto): Promise<RoleResponse> {
    return this.roles.create(ctx, dto);
  }

  @Get(':roleId')
  @Can('read', ROLE_SUBJECT)
  @ApiParam(ROLE_PARAM)
  @ApiOperation({ summary: 'Get a role', description: "Another workspace's role answers 404, like an unknown one." })
  @ApiOkResponse({ type: RoleResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@Ctx() ctx: RequestContext, @Param('roleId') roleId: string): Promise<RoleResponse> {
    return this.roles.get(ctx, roleId);
  }

  @Patch(':roleId')
  @Can('update', ROLE_SUBJECT)
  @ApiParam(ROLE_PARAM)
  @ApiOperation({
    summary: 'Update a custom role',
    description:
      'Name, description, rules (replaced as a whole); the key never changes. Takes effect on the next request ' +
      'of every member holding it. The role as it is and as edited must be within your own permissions (403). ' +
      'Built-in roles are read-only (409 workspaces.built-in-role-read-only).',
  })
  @ApiOkResponse({ type: RoleResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409, 413, 415)
  update(
    @Ctx() ctx: RequestContext,
    @Param('roleId') roleId: string,
    @Body() dto: UpdateRoleDto,
  ): Promise<RoleResponse> {
    return this.roles.update(ctx, roleId, dto);
  }

  @Delete(':roleId')
  @HttpCode(204)
  @Can('delete', ROLE_SUBJECT)
  @ApiParam(ROLE_PARAM)
  @ApiOperation({
    summary: 'Delete a custom role',
    description:
      'Only a role no member holds and no pending invitation offers (409 workspaces.role-in-use). Built-in roles ' +
      'are read-only (409).',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  delete(@Ctx() ctx: RequestContext, @Param('roleId') roleId: string): Promise<void> {
    return this.roles.delete(ctx, roleId);
  }
}
