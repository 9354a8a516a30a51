import { Body, Controller, Delete, Get, HttpCode, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { WORKSPACE_MEMBER_SUBJECT } from '../workspaces.permissions';
import { ChangeMemberRoleDto, MemberResponse } from './dto/member.dto';
import { MemberService } from './member.service';

@ApiTags('Workspace members')
@ApiBearerAuth()
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/members')
export class MembersController {
  constructor(private readonly members: MemberService) {}

  @Get()
  @Can('read', WORKSPACE_MEMBER_SUBJECT)
  @ApiOperation({ summary: 'List members', description: 'Every member with their role, oldest first.' })
  @ApiOkResponse({ type: [MemberResponse] })
  @ApiProblemResponses(400, 401, 403, 404)
  list(@Ctx() ctx: RequestContext): Promise<MemberResponse[]> {
    return this.members.list(ctx);
  }

  @Patch(':userId')
  @Can('update', WORKSPACE_MEMBER_SUBJECT)
  @ApiOperation({
    summary: "Change a member's role",
    description:
      'Takes effect on their next request. Only an owner makes a member owner or changes an owner; the last owner ' +
      'cannot be demoted (409 workspaces.last-owner).',
  })
  @ApiOkResponse({ type: MemberResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409, 413, 415)
  changeRole(
    @Ctx() ctx: RequestContext,
    @UuidParam('userId') userId: string,
    @Body() dto: ChangeMemberRoleDto,
  ): Promise<MemberResponse> {
    return this.members.changeRole(ctx, userId, dto.role);
  }

  @Delete(':userId')
  @HttpCode(204)
  @Can('delete', WORKSPACE_MEMBER_SUBJECT)
  @ApiOperation({
    summary: 'Remove a member, or leave',
    description:
      'Owners and admins remove members (only an owner removes an owner); every member may remove themselves. ' +
      'The last owner cannot leave (409 workspaces.last-owner).',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  remove(@Ctx() ctx: RequestContext, @UuidParam('userId') userId: string): Promise<void> {
    return this.members.remove(ctx, userId);
  }
}
