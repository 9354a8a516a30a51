import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { WORKFLOW_SUBJECT } from '../content.permissions';
import { WorkflowDto } from './dto/workflow.dto';
import { WorkflowListResponse, WorkflowResponse } from './dto/workflow.response';
import { WorkflowService } from './workflow.service';

const RULES =
  'Validated as a whole: duplicate stage keys, transitions or a publish stage naming unknown stages, unknown roles ' +
  '(built-in or custom) and unknown types are one 400 naming each field (`stages.1.key`, `transitions.0.roles.1`, ' +
  '`contentTypes.0`). A type named by another workflow is a 409 `content.workflow-type-taken`, a second default ' +
  '`content.workflow-default-exists`, a name in use `content.workflow-name-taken`. Entry locales whose type changes ' +
  'workflow, or whose stage disappears, are back in the first stage.';

@ApiTags('Content workflows')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/workflows')
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowService) {}

  @Get()
  @Can('read', WORKFLOW_SUBJECT)
  @ApiOperation({ summary: 'List workflows', description: 'By name, each with its stages, transitions and types.' })
  @ApiOkResponse({ type: WorkflowListResponse })
  @ApiProblemResponses(404)
  list(@Ctx() ctx: RequestContext): Promise<WorkflowListResponse> {
    return this.workflows.list(ctx);
  }

  @Post()
  @Can('create', WORKFLOW_SUBJECT)
  @ApiOperation({ summary: 'Create a workflow', description: RULES })
  @ApiCreatedResponse({ type: WorkflowResponse })
  @ApiProblemResponses(400, 404, 409)
  create(@Ctx() ctx: RequestContext, @Body() dto: WorkflowDto): Promise<WorkflowResponse> {
    return this.workflows.create(ctx, dto);
  }

  @Get(':id')
  @Can('read', WORKFLOW_SUBJECT)
  @ApiOperation({ summary: 'Get a workflow' })
  @ApiOkResponse({ type: WorkflowResponse })
  @ApiProblemResponses(400, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<WorkflowResponse> {
    return this.workflows.get(ctx, id);
  }

  @Put(':id')
  @Can('update', WORKFLOW_SUBJECT)
  @ApiOperation({ summary: 'Replace a workflow', description: `The body is the whole workflow. ${RULES}` })
  @ApiOkResponse({ type: WorkflowResponse })
  @ApiProblemResponses(400, 404, 409)
  replace(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: WorkflowDto,
  ): Promise<WorkflowResponse> {
    return this.workflows.replace(ctx, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', WORKFLOW_SUBJECT)
  @ApiOperation({
    summary: 'Delete a workflow',
    description:
      'Its types are no longer governed (by it; the default workflow takes them if there is one). ' +
      'Approvals stay in the publication evidence.',
  })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 404)
  delete(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    return this.workflows.delete(ctx, id);
  }
}
