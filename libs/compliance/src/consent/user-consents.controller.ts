import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { consentHistoryListSpec } from './consent-history.list-spec';
import { ConsentAdministration } from './consent-administration';
import { ConsentHistoryResponse, ConsentListResponse, ConsentStateResponse } from './dto/consent.response';
import { AdministratorUpdateConsentDto } from './dto/update-consent.dto';

/**
 * Any account's consents, for platform administrators (403 identity.platform-admin-required otherwise): to answer a
 * user's question, or to record an answer given outside the product (a paper form) with source `administrator`.
 */
@ApiTags('Consent')
@ApiBearerAuth()
@ApiParam({ name: 'userId', description: 'The account id' })
@Controller('admin/users/:userId/consents')
export class UserConsentsController {
  constructor(private readonly consents: ConsentAdministration) {}

  @Get()
  @ApiOperation({
    summary: 'An account’s consents',
    description: 'As GET /me/consents, for any account. Platform administrators only, with a session of their own.',
  })
  @ApiOkResponse({ type: ConsentListResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  async list(@Ctx() ctx: RequestContext, @UuidParam('userId') userId: string): Promise<ConsentListResponse> {
    return { data: await this.consents.currentFor(ctx, userId) };
  }

  @Get('history')
  @ApiOperation({
    summary: 'An account’s consent history',
    description: 'As GET /me/consents/history, for any account. Platform administrators only.',
  })
  @ApiListQuery(consentHistoryListSpec)
  @ApiOkResponse({ type: ConsentHistoryResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  history(
    @Ctx() ctx: RequestContext,
    @UuidParam('userId') userId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<ConsentHistoryResponse> {
    return this.consents.history(ctx, userId, query);
  }

  @Put(':purpose')
  @ApiOperation({
    summary: 'Record an account’s answer',
    description:
      'Records an answer the user gave outside the product (a signed paper form, a phone call) with source ' +
      '`administrator`; the history names the administrator. Platform administrators only.',
  })
  @ApiParam({ name: 'purpose', description: 'A declared purpose key, e.g. `marketing`' })
  @ApiOkResponse({ type: ConsentStateResponse })
  @ApiProblemResponses(400, 401, 403, 404, 413, 415)
  update(
    @Ctx() ctx: RequestContext,
    @UuidParam('userId') userId: string,
    @Param('purpose') purpose: string,
    @Body() dto: AdministratorUpdateConsentDto,
  ): Promise<ConsentStateResponse> {
    return this.consents.record(ctx, userId, purpose, dto.granted);
  }
}
