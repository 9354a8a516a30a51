import { Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { adminUserListSpec } from './admin-user-list';
import { AdminUserListResponse, AdminUserResponse } from './dto/admin-user.response';
import { PlatformAdminService } from './platform-admin.service';

@ApiTags('Platform administration')
@ApiBearerAuth()
@Controller('admin/users')
export class PlatformAdminController {
  constructor(private readonly admin: PlatformAdminService) {}

  @Get()
  @ApiOperation({
    summary: 'List all accounts',
    description:
      'Every account of the installation, closed ones included, with the list query language ' +
      '(e.g. `filter[email][contains]=ada`, `filter[platformAdmin]=true`, `sort=email`). Platform administrators ' +
      'only (403 identity.platform-admin-required), with a session of their own: never an API key or an ' +
      'impersonation session.',
  })
  @ApiListQuery(adminUserListSpec)
  @ApiOkResponse({ type: AdminUserListResponse })
  @ApiProblemResponses(400, 401, 403)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<AdminUserListResponse> {
    return this.admin.listUsers(ctx, query);
  }

  @Post(':id/platform-admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Make an account a platform administrator',
    description:
      'Installation-wide administration; it grants nothing inside workspaces by itself. The account must be ' +
      'open and have verified its email (409 identity.platform-admin-ineligible). Already one: answered as is. ' +
      'Takes effect on the account’s live sessions at once.',
  })
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  grant(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<AdminUserResponse> {
    return this.admin.grant(ctx, id);
  }

  @Delete(':id/platform-admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'End an account’s platform administration',
    description:
      'Your own included, but never the last open platform administrator (409 identity.last-platform-admin), ' +
      'nor one the configuration lists in QUIRE_PLATFORM_ADMINS (409 identity.platform-admin-configured). ' +
      'Not an administrator: nothing to do (204). Takes effect on the account’s live sessions at once.',
  })
  @ApiNoContentResponse({ description: 'No longer a platform administrator' })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  revoke(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    return this.admin.revoke(ctx, id);
  }
}
