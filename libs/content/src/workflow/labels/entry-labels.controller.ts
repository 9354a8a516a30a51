import { Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { ENTRY_SUBJECT } from '../../content.permissions';
import { LabelListResponse } from './dto/label.response';
import { LabelService } from './label.service';

@ApiTags('Content labels')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/entries/:id/labels')
export class EntryLabelsController {
  constructor(private readonly labels: LabelService) {}

  @Get()
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({ summary: "The entry's labels", description: 'By name. Lists filter by label with `?label=<id>`.' })
  @ApiOkResponse({ type: LabelListResponse })
  @ApiProblemResponses(400, 404)
  list(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<LabelListResponse> {
    return this.labels.ofEntry(ctx, id);
  }

  @Put(':labelId')
  @HttpCode(200)
  @Can('update', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Attach a label to the entry',
    description: 'Needs the right to update the entry; attaching it twice changes nothing. Answers its labels.',
  })
  @ApiOkResponse({ type: LabelListResponse })
  @ApiProblemResponses(400, 404)
  attach(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @UuidParam('labelId') labelId: string,
  ): Promise<LabelListResponse> {
    return this.labels.attach(ctx, id, labelId);
  }

  @Delete(':labelId')
  @HttpCode(204)
  @Can('update', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Detach a label from the entry',
    description: 'Detaching one not attached changes nothing.',
  })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 404)
  detach(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @UuidParam('labelId') labelId: string,
  ): Promise<void> {
    return this.labels.detach(ctx, id, labelId);
  }
}
