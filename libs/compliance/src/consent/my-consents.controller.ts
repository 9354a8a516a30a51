import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Ctx, type RequestContext } from '@quire/core';
import { consentAnsweringUser, consentUser } from './consent-actor';
import { consentHistoryListSpec } from './consent-history.list-spec';
import { ConsentService } from './consent.service';
import { ConsentHistoryResponse, ConsentListResponse, ConsentStateResponse } from './dto/consent.response';
import { UpdateConsentDto } from './dto/update-consent.dto';

/** The signed-in user's own consents to the installation's optional purposes (the console's Privacy panel). */
@ApiTags('Consent')
@ApiBearerAuth()
@Controller('me/consents')
export class MyConsentsController {
  constructor(private readonly consents: ConsentService) {}

  @Get()
  @ApiOperation({
    summary: 'My consents',
    description:
      'Every optional purpose the installation declares, with my current answer: `granted` (false when ' +
      'withdrawn or never asked), where it was given (`source`) and when (`changedAt`, null when never asked).',
  })
  @ApiOkResponse({ type: ConsentListResponse })
  @ApiProblemResponses(401, 403)
  async list(@Ctx() ctx: RequestContext): Promise<ConsentListResponse> {
    return { data: await this.consents.currentFor(consentUser(ctx), ctx) };
  }

  @Get('history')
  @ApiOperation({
    summary: 'My consent history',
    description:
      'Every opt-in and withdrawal, newest first, with time, source, IP address and user agent; ' +
      'e.g. `filter[purpose]=marketing`, `filter[occurredAt][gte]=…`.',
  })
  @ApiListQuery(consentHistoryListSpec)
  @ApiOkResponse({ type: ConsentHistoryResponse })
  @ApiProblemResponses(400, 401, 403)
  history(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<ConsentHistoryResponse> {
    return this.consents.history(ctx, consentUser(ctx), query);
  }

  @Put(':purpose')
  @ApiOperation({
    summary: 'Give or withdraw my consent',
    description:
      '`granted: true` opts in, `false` withdraws (or refuses); it takes effect at once. `source` is `api` unless ' +
      'the console says `console`. The same answer again changes nothing. Unknown purpose: 404 ' +
      'compliance.consent-purpose-unknown. Refused to API keys and while impersonating (403).',
  })
  @ApiParam({ name: 'purpose', description: 'A declared purpose key, e.g. `marketing`' })
  @ApiOkResponse({ type: ConsentStateResponse })
  @ApiProblemResponses(400, 401, 403, 404, 413, 415)
  update(
    @Ctx() ctx: RequestContext,
    @Param('purpose') purpose: string,
    @Body() dto: UpdateConsentDto,
  ): Promise<ConsentStateResponse> {
    return this.consents.record(ctx, consentAnsweringUser(ctx), purpose, dto.granted, dto.source ?? 'api');
  }
}
