import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { ENTRY_SUBJECT } from '../content.permissions';
import { EntryResponse } from './dto/entry.response';
import { RevisionCompareQuery, RevisionListQuery } from './dto/revision-list.query';
import { RevisionComparisonResponse, RevisionListResponse, RevisionResponse } from './dto/revision.response';
import { RevisionNumberParam } from './revision-number.param';
import { RevisionService } from './revision.service';

@ApiTags('Content revisions')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/entries/:id/revisions')
export class EntryRevisionsController {
  constructor(private readonly revisions: RevisionService) {}

  @Get()
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({ summary: "An entry's revisions, newest first", description: 'Each with its actor, time and diff.' })
  @ApiOkResponse({ type: RevisionListResponse })
  @ApiProblemResponses(400, 404)
  list(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Query() query: RevisionListQuery,
  ): Promise<RevisionListResponse> {
    return this.revisions.list(ctx, id, Number(query.page ?? 1), Number(query.pageSize ?? 20));
  }

  @Get('compare')
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Compare two revisions',
    description: 'Field-level changes from `from` to `to`; without them, what the latest revision changed.',
  })
  @ApiOkResponse({ type: RevisionComparisonResponse })
  @ApiProblemResponses(400, 404)
  compare(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Query() query: RevisionCompareQuery,
  ): Promise<RevisionComparisonResponse> {
    return this.revisions.compare(
      ctx,
      id,
      query.from === undefined ? undefined : Number(query.from),
      query.to === undefined ? undefined : Number(query.to),
    );
  }

  @Get(':number')
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({ summary: 'One revision', description: 'With the whole draft state it recorded (`snapshot`).' })
  @ApiParam({ name: 'number', type: 'integer', example: 3 })
  @ApiOkResponse({ type: RevisionResponse })
  @ApiProblemResponses(400, 404)
  get(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @RevisionNumberParam() number: number,
  ): Promise<RevisionResponse> {
    return this.revisions.get(ctx, id, number);
  }

  @Post(':number/restore')
  @HttpCode(200)
  @Can('restore', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Restore a revision as the draft',
    description:
      'Writes the snapshot back (shared values, each locale it holds, relations and media included) as a new ' +
      'revision. Links to entries trashed or deleted since are a 409 listing them. Published versions stay.',
  })
  @ApiParam({ name: 'number', type: 'integer', example: 3 })
  @ApiOkResponse({ type: EntryResponse })
  @ApiProblemResponses(400, 404, 409)
  restore(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @RevisionNumberParam() number: number,
  ): Promise<EntryResponse> {
    return this.revisions.restore(ctx, id, number);
  }
}
