import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { platformAdminActor } from '@quire/identity';
import { LegalHoldListResponse, LegalHoldResponse } from './dto/legal-hold.response';
import { PlaceLegalHoldDto } from './dto/place-legal-hold.dto';
import { ReleaseLegalHoldDto } from './dto/release-legal-hold.dto';
import { legalHoldListSpec } from './legal-hold.list-spec';
import { LegalHolds } from './legal-holds';

/** Every legal hold of the installation, for platform administrators: any scope, any workspace, or installation-wide. */
@ApiTags('Legal holds')
@ApiBearerAuth()
@Controller('legal-holds')
export class InstallationLegalHoldsController {
  constructor(private readonly holds: LegalHolds) {}

  @Post()
  @ApiOperation({
    summary: 'Place a legal hold (installation)',
    description:
      'Scope workspace (workspaceId), user (userId: any user), or time-range (heldFrom, heldUntil; limited to ' +
      'workspaceId when given, installation-wide otherwise). Platform administrators only.',
  })
  @ApiCreatedResponse({ type: LegalHoldResponse })
  @ApiProblemResponses(400, 401, 403)
  place(@Ctx() ctx: RequestContext, @Body() dto: PlaceLegalHoldDto): Promise<LegalHoldResponse> {
    const admin = platformAdminActor(ctx);
    return this.holds.place(ctx, 'installation', dto, admin.userId);
  }

  @Get()
  @ApiOperation({ summary: 'List every legal hold', description: 'As the workspace list, across the installation.' })
  @ApiListQuery(legalHoldListSpec)
  @ApiOkResponse({ type: LegalHoldListResponse })
  @ApiProblemResponses(400, 401, 403)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<LegalHoldListResponse> {
    platformAdminActor(ctx);
    return this.holds.list(ctx, 'installation', query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One legal hold (installation)' })
  @ApiOkResponse({ type: LegalHoldResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<LegalHoldResponse> {
    platformAdminActor(ctx);
    return this.holds.get(ctx, 'installation', id);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a legal hold (installation)', description: 'Any hold, with a reason; once.' })
  @ApiOkResponse({ type: LegalHoldResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  release(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: ReleaseLegalHoldDto,
  ): Promise<LegalHoldResponse> {
    const admin = platformAdminActor(ctx);
    return this.holds.release(ctx, 'installation', id, dto.reason, admin.userId);
  }
}
