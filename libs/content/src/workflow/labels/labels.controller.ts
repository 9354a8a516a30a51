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
import { CONTENT_LABEL_SUBJECT } from '../../content.permissions';
import { CreateLabelDto, UpdateLabelDto } from './dto/label.dto';
import { LabelListResponse, LabelResponse } from './dto/label.response';
import { LabelService } from './label.service';

@ApiTags('Content labels')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/labels')
export class LabelsController {
  constructor(private readonly labels: LabelService) {}

  @Get()
  @Can('read', CONTENT_LABEL_SUBJECT)
  @ApiOperation({ summary: 'List labels', description: 'By name.' })
  @ApiOkResponse({ type: LabelListResponse })
  @ApiProblemResponses(404)
  list(@Ctx() ctx: RequestContext): Promise<LabelListResponse> {
    return this.labels.list(ctx);
  }

  @Post()
  @Can('create', CONTENT_LABEL_SUBJECT)
  @ApiOperation({ summary: 'Create a label', description: 'Names are unique whatever their case (409).' })
  @ApiCreatedResponse({ type: LabelResponse })
  @ApiProblemResponses(400, 404, 409)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateLabelDto): Promise<LabelResponse> {
    return this.labels.create(ctx, dto);
  }

  @Patch(':id')
  @Can('update', CONTENT_LABEL_SUBJECT)
  @ApiOperation({ summary: 'Rename or recolour a label' })
  @ApiOkResponse({ type: LabelResponse })
  @ApiProblemResponses(400, 404, 409)
  update(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() dto: UpdateLabelDto): Promise<LabelResponse> {
    return this.labels.update(ctx, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', CONTENT_LABEL_SUBJECT)
  @ApiOperation({ summary: 'Delete a label', description: 'It is detached from every entry.' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 404)
  delete(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    return this.labels.delete(ctx, id);
  }
}
