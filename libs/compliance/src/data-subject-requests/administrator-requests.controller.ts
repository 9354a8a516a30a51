import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ApiListQuery,
  ApiProblemResponses,
  Ctx,
  UuidParam,
  ValidationFailedError,
  type RequestContext,
} from '@quire/core';
import { platformAdminActor } from '@quire/identity';
import type { Response } from 'express';
import { OtherSubjectForbiddenError } from './data-subject-request.errors';
import { dataSubjectRequestListSpec } from './data-subject-request.list-spec';
import { DataSubjectRequestService } from './data-subject-request.service';
import { CreateRequestForUserDto, RejectRequestDto, VerifyRequestDto } from './dto/create-request.dto';
import { DataSubjectRequestListResponse, DataSubjectRequestResponse } from './dto/request.response';
import { ExportDelivery } from './export/export-delivery';

/** The platform administrator handling the request; anyone else is refused naming the self-service route. */
function administrator(ctx: RequestContext): string {
  try {
    return platformAdminActor(ctx).userId;
  } catch {
    throw new OtherSubjectForbiddenError();
  }
}

/**
 * Requests about anyone's data, handled by platform administrators (requests by mail, letter or phone): recorded
 * with how the identity was verified, listed with their due dates, and answered here.
 */
@ApiTags('Privacy requests')
@ApiBearerAuth()
@Controller('privacy/requests')
export class AdministratorRequestsController {
  constructor(
    private readonly requests: DataSubjectRequestService,
    private readonly exports: ExportDelivery,
  ) {}

  @Post()
  @ApiOperation({
    summary: "Record a request about a person's data",
    description:
      'Platform administrators only (403 compliance.data-subject-request-forbidden). `verification.method` ' +
      '`administrator-attested` with a note verifies at once; `email-code` mails a code to the person. Unknown ' +
      'user 404; an open request of the same type 409 naming it; erasure under a legal hold 409 naming the hold.',
  })
  @ApiCreatedResponse({ type: DataSubjectRequestResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateRequestForUserDto): Promise<DataSubjectRequestResponse> {
    const adminId = administrator(ctx);
    if (dto.verification.method === 'administrator-attested' && !dto.verification.note) {
      throw new ValidationFailedError([
        { path: 'verification.note', message: 'say how the identity was verified (administrator-attested)' },
      ]);
    }
    return this.requests.create(ctx, {
      userId: dto.userId,
      type: dto.type,
      details: dto.details ?? {},
      requestedBy: adminId,
      channel: 'administrator',
      verification: { method: dto.verification.method, note: dto.verification.note },
    });
  }

  @Get()
  @ApiOperation({
    summary: 'List requests',
    description:
      'Soonest due first. Filter e.g. filter[overdue]=true, filter[status]=verified, filter[type]=erasure, ' +
      'filter[userId]=…, filter[dueAt][lt]=….',
  })
  @ApiListQuery(dataSubjectRequestListSpec)
  @ApiOkResponse({ type: DataSubjectRequestListResponse })
  @ApiProblemResponses(400, 401, 403)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<DataSubjectRequestListResponse> {
    administrator(ctx);
    return this.requests.list(ctx, 'administrator', query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One request' })
  @ApiOkResponse({ type: DataSubjectRequestResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<DataSubjectRequestResponse> {
    administrator(ctx);
    return this.requests.get(ctx, 'administrator', id);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enter the code the person received (email-code verification)' })
  @ApiOkResponse({ type: DataSubjectRequestResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  verify(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: VerifyRequestDto,
  ): Promise<DataSubjectRequestResponse> {
    administrator(ctx);
    return this.requests.verify(ctx, 'administrator', id, dto.code);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apply a rectification, restriction or objection',
    description:
      'Rectification changes the display name and language; restriction places a user legal hold (release it to ' +
      'lift the restriction); objection withdraws every optional-purpose consent.',
  })
  @ApiOkResponse({ type: DataSubjectRequestResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  complete(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<DataSubjectRequestResponse> {
    const adminId = administrator(ctx);
    return this.requests.complete(ctx, 'administrator', id, adminId);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse a request, with the reason given to the person' })
  @ApiOkResponse({ type: DataSubjectRequestResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  reject(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: RejectRequestDto,
  ): Promise<DataSubjectRequestResponse> {
    administrator(ctx);
    return this.requests.reject(ctx, id, dto.reason);
  }

  @Post(':id/erase')
  @HttpCode(200)
  @ApiOperation({
    summary: "Erase the person's data (verified erasure request)",
    description:
      'Across every plugin, as the data inventory declares: rows deleted or anonymized in batches, the account ' +
      'closed, sessions and API keys ended; what the law requires is kept and listed in `result.kept` with the ' +
      'reason. Refused (409) under a legal hold or while the person is the only owner of a shared workspace.',
  })
  @ApiOkResponse({ type: DataSubjectRequestResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  erase(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<DataSubjectRequestResponse> {
    administrator(ctx);
    return this.requests.erase(ctx, id);
  }

  @Get(':id/export')
  @ApiOperation({ summary: "Download the person's data (verified access or portability request)" })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The ZIP, streamed' })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async export(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Res() response: Response): Promise<void> {
    administrator(ctx);
    await this.exports.deliver(ctx, 'administrator', id, response);
  }
}
