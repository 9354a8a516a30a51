import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
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
import { AddReleaseItemDto, CreateReleaseDto, UpdateReleaseDto } from './dto/release.dto';
import { ReleaseListResponse, ReleaseResponse, ReleaseValidationResponse } from './dto/release.response';
import { ReleaseService } from './release.service';

const SCHEDULING =
  'scheduledAt is a wall-clock date-time without offset read in timeZone (IANA), stored as the instant: a past one ' +
  'is a 400 naming scheduledAt, an unknown zone a 400 naming timeZone. Scheduling checks every item first: any ' +
  'failing item refuses it (400 content.release-invalid listing every entry, locale and field). The job ' +
  'content.release-publishing runs it within a minute of its time, all items in one transaction: when one fails ' +
  'then, nothing is published and the release is recorded failed with the reasons.';

@ApiTags('Content releases')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/releases')
export class ReleasesController {
  constructor(private readonly releases: ReleaseService) {}

  @Get()
  @Can('publish', ENTRY_SUBJECT)
  @ApiOperation({ summary: 'List releases', description: 'Newest first, with their items.' })
  @ApiOkResponse({ type: ReleaseListResponse })
  @ApiProblemResponses(403, 404)
  list(@Ctx() ctx: RequestContext): Promise<ReleaseListResponse> {
    return this.releases.list(ctx);
  }

  @Post()
  @Can('publish', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Create a release',
    description: `Pending, or scheduled when scheduledAt is given. ${SCHEDULING}`,
  })
  @ApiCreatedResponse({ type: ReleaseResponse })
  @ApiProblemResponses(400, 403, 404)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateReleaseDto): Promise<ReleaseResponse> {
    return this.releases.create(ctx, dto);
  }

  @Get(':id')
  @Can('publish', ENTRY_SUBJECT)
  @ApiOperation({ summary: 'Get a release', description: 'A failed one holds every reason in error.failures.' })
  @ApiOkResponse({ type: ReleaseResponse })
  @ApiProblemResponses(400, 403, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<ReleaseResponse> {
    return this.releases.get(ctx, id);
  }

  @Patch(':id')
  @Can('publish', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Rename, schedule or unschedule a release',
    description: `scheduledAt null unschedules (pending again). ${SCHEDULING} Done, failed and cancelled releases are a 409.`,
  })
  @ApiOkResponse({ type: ReleaseResponse })
  @ApiProblemResponses(400, 403, 404, 409)
  update(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: UpdateReleaseDto,
  ): Promise<ReleaseResponse> {
    return this.releases.update(ctx, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('publish', ENTRY_SUBJECT)
  @ApiOperation({ summary: 'Cancel a release', description: 'It stays listed as cancelled; a finished one is a 409.' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 403, 404, 409)
  cancel(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    return this.releases.cancel(ctx, id);
  }

  @Post(':id/items')
  @Can('publish', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Add an entry locale to a release',
    description:
      'The entry must be in this workspace, not in the trash, publishable by the caller, with the locale (404 ' +
      'otherwise). Once per entry locale (409). On a scheduled release a publish item is checked at once (400).',
  })
  @ApiCreatedResponse({ type: ReleaseResponse })
  @ApiProblemResponses(400, 403, 404, 409)
  addItem(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: AddReleaseItemDto,
  ): Promise<ReleaseResponse> {
    return this.releases.addItem(ctx, id, dto);
  }

  @Delete(':id/items/:itemId')
  @HttpCode(204)
  @Can('publish', ENTRY_SUBJECT)
  @ApiOperation({ summary: 'Remove an item from a release' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 403, 404, 409)
  removeItem(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @UuidParam('itemId') itemId: string,
  ): Promise<void> {
    return this.releases.removeItem(ctx, id, itemId);
  }

  @Post(':id/validate')
  @HttpCode(200)
  @Can('publish', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Check a release without running it',
    description: 'Every item against the rules its publish or unpublish would meet now; lists every failure.',
  })
  @ApiOkResponse({ type: ReleaseValidationResponse })
  @ApiProblemResponses(400, 403, 404)
  validate(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<ReleaseValidationResponse> {
    return this.releases.validate(ctx, id);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Can('publish', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Run a release now',
    description:
      'Checks every item first (400 content.release-invalid with every reason, nothing changed), then publishes ' +
      'and unpublishes all of them in one transaction; the release is done.',
  })
  @ApiOkResponse({ type: ReleaseResponse })
  @ApiProblemResponses(400, 403, 404, 409)
  publish(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<ReleaseResponse> {
    return this.releases.publishNow(ctx, id);
  }
}
