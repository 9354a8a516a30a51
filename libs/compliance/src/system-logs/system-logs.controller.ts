import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { ClosedIncidentResponse, IncidentListResponse, IncidentResponse } from './dto/incident.response';
import { CloseIncidentDto, OpenIncidentDto } from './dto/open-incident.dto';
import { SystemLogListResponse } from './dto/system-log.response';
import { incidentListSpec, systemLogListSpec } from './system-log.list-spec';
import { SystemLogsService } from './system-logs.service';

const ADMINS_ONLY = 'Platform administrators only (403 identity.platform-admin-required), with a session of their own.';

/** The installation's API request records, for its operator: read, and kept for incident response. */
@ApiTags('System logs')
@ApiBearerAuth()
@Controller('system-logs')
export class SystemLogsController {
  constructor(private readonly systemLogs: SystemLogsService) {}

  @Get()
  @ApiOperation({
    summary: 'List API request records',
    description:
      'Newest first by default. Filter e.g. filter[occurredAt][gte]=…, filter[route]=/api/v1/auth/sign-in, ' +
      'filter[status][gte]=500, filter[actorId]=…, filter[ip]=…, filter[errorCode]=…, filter[rateLimited]=true, ' +
      `filter[workspaceId]=…. ${ADMINS_ONLY}`,
  })
  @ApiListQuery(systemLogListSpec)
  @ApiOkResponse({ type: SystemLogListResponse })
  @ApiProblemResponses(400, 401, 403)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<SystemLogListResponse> {
    return this.systemLogs.list(ctx, query);
  }

  @Get('incidents')
  @ApiOperation({ summary: 'List incidents', description: `Newest first by default. ${ADMINS_ONLY}` })
  @ApiListQuery(incidentListSpec)
  @ApiOkResponse({ type: IncidentListResponse })
  @ApiProblemResponses(400, 401, 403)
  listIncidents(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<IncidentListResponse> {
    return this.systemLogs.listIncidents(ctx, query);
  }

  @Post('incidents')
  @ApiOperation({
    summary: 'Open an incident',
    description:
      'Flags the records of the time range that match every filter given: they are kept past their retention ' +
      'until the incident is closed. Records written later that it covers are flagged as they arrive. ' +
      `Audited (compliance.incident.opened). ${ADMINS_ONLY}`,
  })
  @ApiCreatedResponse({ type: IncidentResponse })
  @ApiProblemResponses(400, 401, 403)
  open(@Ctx() ctx: RequestContext, @Body() dto: OpenIncidentDto): Promise<IncidentResponse> {
    return this.systemLogs.open(ctx, dto);
  }

  @Post('incidents/:id/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close an incident',
    description:
      "Unflags the incident's records: normal retention applies to them again (or another open incident covering " +
      `them holds them). Audited (compliance.incident.closed). ${ADMINS_ONLY}`,
  })
  @ApiOkResponse({ type: ClosedIncidentResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  close(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: CloseIncidentDto,
  ): Promise<ClosedIncidentResponse> {
    return this.systemLogs.close(ctx, id, dto);
  }
}
