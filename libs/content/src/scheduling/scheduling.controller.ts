import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { ENTRY_SUBJECT } from '../content.permissions';
import { CreateScheduleDto } from './dto/create-schedule.dto';
import { ScheduleListResponse, ScheduleResponse } from './dto/schedule.response';
import { SCHEDULE_MIN_LEAD_SECONDS, ScheduleService } from './schedule.service';

@ApiTags('Content scheduling')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@ApiParam({ name: 'locale', description: 'An enabled locale of the workspace the entry has', example: 'en' })
@Controller('workspaces/:workspace/entries/:id/locales/:locale/schedules')
export class SchedulingController {
  constructor(private readonly schedules: ScheduleService) {}

  @Get()
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({
    summary: "List the locale's schedules",
    description: 'Pending, done, failed and cancelled ones, latest run time first; a failed one holds its problem.',
  })
  @ApiOkResponse({ type: ScheduleListResponse })
  @ApiProblemResponses(400, 404)
  list(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Param('locale') locale: string,
  ): Promise<ScheduleListResponse> {
    return this.schedules.list(ctx, id, locale);
  }

  @Post()
  @Can('publish', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Schedule a publish or unpublish of the locale',
    description:
      `runAt must be at least ${SCHEDULE_MIN_LEAD_SECONDS} seconds ahead (400 naming runAt). The job ` +
      'content.scheduled-publishing runs it within a minute of runAt, with the same rules as publishing now: a ' +
      'draft failing validation then is recorded as failed with the failing fields, nothing published. One pending ' +
      'schedule per locale and action (409 content.schedule-exists).',
  })
  @ApiCreatedResponse({ type: ScheduleResponse })
  @ApiProblemResponses(400, 404, 409)
  create(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Param('locale') locale: string,
    @Body() dto: CreateScheduleDto,
  ): Promise<ScheduleResponse> {
    return this.schedules.create(ctx, id, locale, dto);
  }

  @Delete(':scheduleId')
  @HttpCode(204)
  @Can('publish', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Cancel a pending schedule',
    description: 'It stays listed as cancelled. A schedule that already ran (or was cancelled) is a 409.',
  })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 404, 409)
  cancel(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Param('locale') locale: string,
    @UuidParam('scheduleId') scheduleId: string,
  ): Promise<void> {
    return this.schedules.cancel(ctx, id, locale, scheduleId);
  }
}
