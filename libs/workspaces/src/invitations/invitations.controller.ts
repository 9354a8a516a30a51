import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { INVITATION_SUBJECT } from '../workspaces.permissions';
import { CreateInvitationDto } from './dto/create-invitation.dto';
import { InvitationListResponse, InvitationResponse } from './dto/invitation.response';
import { invitationListSpec } from './invitation-list';
import { InvitationService } from './invitation.service';

@ApiTags('Workspace invitations')
@ApiBearerAuth()
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationService) {}

  @Get()
  @Can('read', INVITATION_SUBJECT)
  @ApiOperation({
    summary: 'List invitations',
    description:
      'Newest first, with the list query language, e.g. `filter[status][eq]=pending`. Statuses: pending, accepted, ' +
      'rejected, cancelled, expired (pending past its 7 days). Owners and admins.',
  })
  @ApiListQuery(invitationListSpec)
  @ApiOkResponse({ type: InvitationListResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<InvitationListResponse> {
    return this.invitations.list(ctx, query);
  }

  @Post()
  @Can('create', INVITATION_SUBJECT)
  @ApiOperation({
    summary: 'Invite someone by email',
    description:
      'Mails a single-use link valid 7 days. The role must be one of the workspace (400 naming role); only an owner ' +
      'invites an owner (403 workspaces.owner-role-reserved); teamId must name a team of the workspace (400 naming ' +
      'teamId). A member with this email: 409 workspaces.already-member. A pending invitation to this email: 409 ' +
      'workspaces.invitation-pending (resend or cancel it). Signed-in users only (403 workspaces.user-required).',
  })
  @ApiCreatedResponse({ type: InvitationResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409, 413, 415)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateInvitationDto): Promise<InvitationResponse> {
    return this.invitations.create(ctx, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', INVITATION_SUBJECT)
  @ApiOperation({
    summary: 'Cancel an invitation',
    description:
      'Its link stops working. Only a pending invitation (409 workspaces.invitation-not-pending otherwise); another ' +
      "workspace's invitation id is 404.",
  })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  cancel(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    return this.invitations.cancel(ctx, id);
  }

  @Post(':id/resend')
  @HttpCode(200)
  @Can('update', INVITATION_SUBJECT)
  @ApiOperation({
    summary: 'Resend an invitation',
    description:
      'Mails a new link valid 7 days; the previous link stops working. For a pending or expired invitation (409 ' +
      'workspaces.invitation-not-pending otherwise).',
  })
  @ApiOkResponse({ type: InvitationResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  resend(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<InvitationResponse> {
    return this.invitations.resend(ctx, id);
  }
}
