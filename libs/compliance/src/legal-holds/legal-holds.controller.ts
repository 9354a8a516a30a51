import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { LEGAL_HOLD_SUBJECT } from '../compliance.permissions';
import { LegalHoldListResponse, LegalHoldResponse } from './dto/legal-hold.response';
import { PlaceLegalHoldDto } from './dto/place-legal-hold.dto';
import { ReleaseLegalHoldDto } from './dto/release-legal-hold.dto';
import { legalHoldListSpec } from './legal-hold.list-spec';
import { LegalHolds } from './legal-holds';

/**
 * The workspace's legal holds: owners and admins place and release them, auditors read them. A hold here covers this
 * workspace (scope workspace), one of its members (scope user: that person's data, wherever it is), or this
 * workspace's rows of a period (scope time-range).
 */
@ApiTags('Legal holds')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/legal-holds')
export class LegalHoldsController {
  constructor(private readonly holds: LegalHolds) {}

  @Post()
  @Can('create', LEGAL_HOLD_SUBJECT)
  @ApiOperation({
    summary: 'Place a legal hold',
    description:
      'Held rows are exempt from every retention policy (and a held user from erasure) until the hold is released. ' +
      'Audited as compliance.legal-hold.placed.',
  })
  @ApiCreatedResponse({ type: LegalHoldResponse })
  @ApiProblemResponses(400, 403, 404)
  place(@Ctx() ctx: RequestContext, @Body() dto: PlaceLegalHoldDto): Promise<LegalHoldResponse> {
    return this.holds.place(ctx, { workspaceId: ctx.workspaceId }, dto, ctx.actor.id!);
  }

  @Get()
  @Can('read', LEGAL_HOLD_SUBJECT)
  @ApiOperation({
    summary: 'List legal holds',
    description: 'Newest first. active=true for holds in force; filter[scope]=user, filter[placedAt][gte]=….',
  })
  @ApiListQuery(legalHoldListSpec)
  @ApiOkResponse({ type: LegalHoldListResponse })
  @ApiProblemResponses(400, 403, 404)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<LegalHoldListResponse> {
    return this.holds.list(ctx, { workspaceId: ctx.workspaceId }, query);
  }

  @Get(':id')
  @Can('read', LEGAL_HOLD_SUBJECT)
  @ApiOperation({ summary: 'One legal hold' })
  @ApiOkResponse({ type: LegalHoldResponse })
  @ApiProblemResponses(400, 403, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<LegalHoldResponse> {
    return this.holds.get(ctx, { workspaceId: ctx.workspaceId }, id);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Can('release', LEGAL_HOLD_SUBJECT)
  @ApiOperation({
    summary: 'Release a legal hold',
    description: 'With a reason; once (a second release is 409). Audited as compliance.legal-hold.released.',
  })
  @ApiOkResponse({ type: LegalHoldResponse })
  @ApiProblemResponses(400, 403, 404, 409)
  release(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: ReleaseLegalHoldDto,
  ): Promise<LegalHoldResponse> {
    return this.holds.release(ctx, { workspaceId: ctx.workspaceId }, id, dto.reason, ctx.actor.id!);
  }
}
