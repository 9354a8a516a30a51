import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Ctx, UuidParam, type RequestContext } from '@quire/core';
import type { Response } from 'express';
import { DataSubjectRequestService } from './data-subject-request.service';
import { OtherSubjectForbiddenError, SelfServiceSessionRequiredError } from './data-subject-request.errors';
import { dataSubjectRequestListSpec } from './data-subject-request.list-spec';
import { CreateOwnRequestDto, VerifyRequestDto } from './dto/create-request.dto';
import { DataSubjectRequestListResponse, DataSubjectRequestResponse } from './dto/request.response';
import { ErasureRunner } from './erasure/erasure.runner';
import { ExportDelivery } from './export/export-delivery';

/** The signed-in person, in a session of their own (not an API key, not an administrator impersonating them). */
function selfOf(ctx: RequestContext): string {
  const { actor } = ctx;
  if (actor.type !== 'user' || !actor.id || actor.impersonatorId) throw new SelfServiceSessionRequiredError();
  return actor.id;
}

/**
 * The signed-in user's requests about their own data (the console's Privacy & Data panel): each is confirmed by a
 * code mailed to the account address, then answered — a ZIP to download, the erasure carried out, a change applied.
 */
@ApiTags('Privacy requests')
@ApiBearerAuth()
@Controller('me/privacy/requests')
export class SelfServiceRequestsController {
  constructor(
    private readonly requests: DataSubjectRequestService,
    private readonly exports: ExportDelivery,
    private readonly erasure: ErasureRunner,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Make a request about your data',
    description:
      'access (a copy of all your data), portability (what you provided, machine-readable), rectification, ' +
      'erasure, restriction or objection. Answered within 30 days (`dueAt`). A 6-digit code is mailed to your ' +
      'account address: confirm with POST …/{id}/verify. One open request per type (409 naming the open one); ' +
      'erasure is refused at once while a legal hold covers your data (409 naming the hold).',
  })
  @ApiCreatedResponse({ type: DataSubjectRequestResponse })
  @ApiProblemResponses(400, 401, 403, 409)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateOwnRequestDto): Promise<DataSubjectRequestResponse> {
    const self = selfOf(ctx);
    if (dto.userId !== undefined && dto.userId !== self) throw new OtherSubjectForbiddenError();
    return this.requests.create(ctx, {
      userId: self,
      type: dto.type,
      details: dto.details ?? {},
      requestedBy: self,
      channel: 'self-service',
      verification: { method: 'email-code' },
    });
  }

  @Get()
  @ApiOperation({
    summary: 'List your requests',
    description: 'Filter e.g. filter[status]=completed, filter[overdue]=true.',
  })
  @ApiListQuery(dataSubjectRequestListSpec)
  @ApiOkResponse({ type: DataSubjectRequestListResponse })
  @ApiProblemResponses(400, 401, 403)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<DataSubjectRequestListResponse> {
    return this.requests.list(ctx, { self: selfOf(ctx) }, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your requests' })
  @ApiOkResponse({ type: DataSubjectRequestResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<DataSubjectRequestResponse> {
    return this.requests.get(ctx, { self: selfOf(ctx) }, id);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm a request with the mailed code',
    description:
      'A wrong code is a 400 (5 tries; the code works 60 minutes). Once confirmed, an erasure runs at once (your ' +
      'sessions end), and a rectification, restriction or objection is applied; access and portability can be downloaded.',
  })
  @ApiOkResponse({ type: DataSubjectRequestResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async verify(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: VerifyRequestDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DataSubjectRequestResponse> {
    const request = await this.requests.verify(ctx, { self: selfOf(ctx) }, id, dto.code);
    if (request.type === 'erasure' && request.status === 'completed') {
      // This very request is the person's last one: once logged, its record is erased as well.
      response.once('finish', () => void this.erasure.sweepAfterResponse(ctx, request.userId));
    }
    return request;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a request not yet answered' })
  @ApiOkResponse({ type: DataSubjectRequestResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  cancel(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<DataSubjectRequestResponse> {
    return this.requests.cancel(ctx, { self: selfOf(ctx) }, id);
  }

  @Get(':id/export')
  @ApiOperation({
    summary: 'Download your data (access or portability)',
    description:
      'A ZIP: manifest.json (every table of the data inventory with its purpose, legal basis, retention, categories ' +
      'and row count; secrets withheld) and one JSON file per table. Streamed; the request is then completed.',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The ZIP, streamed' })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async export(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Res() response: Response): Promise<void> {
    await this.exports.deliver(ctx, { self: selfOf(ctx) }, id, response);
  }
}
