import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { ENTRY_SUBJECT } from '../../content.permissions';
import { ApproveDto } from './dto/approve.dto';
import { AssignmentDto } from './dto/assignment.dto';
import { EntryWorkflowResponse, PublicationListResponse } from './dto/entry-workflow.response';
import { MoveStageDto } from './dto/move-stage.dto';
import { EntryWorkflowService } from './entry-workflow.service';

@ApiTags('Content workflows')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@ApiParam({ name: 'locale', description: 'An enabled locale of the workspace the entry has', example: 'en' })
@Controller('workspaces/:workspace/entries/:id/locales/:locale')
export class EntryWorkflowController {
  constructor(private readonly workflow: EntryWorkflowService) {}

  @Get('workflow')
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({
    summary: "The locale's workflow state",
    description:
      'Its stage (an entry locale never moved is in the first stage), approvals since the last publish (each with ' +
      'whether it counts now), authors since the last publish, assignee and reviewers, the transitions out of the ' +
      "stage (and whether the caller's role may make each), and whether publishing would pass the workflow.",
  })
  @ApiOkResponse({ type: EntryWorkflowResponse })
  @ApiProblemResponses(400, 404)
  view(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Param('locale') locale: string,
  ): Promise<EntryWorkflowResponse> {
    return this.workflow.view(ctx, id, locale);
  }

  @Post('stage')
  @HttpCode(200)
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Move the locale to another stage',
    description:
      'The workflow must define the transition (409 content.workflow-transition-undefined) and list the ' +
      "member's role (403 content.workflow-transition-forbidden; no role bypasses it). Moving forward needs the " +
      "approvals of the stage left, on the current values, and its assigned reviewers' when the stage says so (409 " +
      'content.workflow-approvals-missing). Moving back needs none. API keys cannot move entries (403).',
  })
  @ApiOkResponse({ type: EntryWorkflowResponse })
  @ApiProblemResponses(400, 403, 404, 409)
  move(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Param('locale') locale: string,
    @Body() dto: MoveStageDto,
  ): Promise<EntryWorkflowResponse> {
    return this.workflow.move(ctx, id, locale, dto.stage);
  }

  @Post('approvals')
  @HttpCode(200)
  @Can('approve', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Approve the locale in its current stage',
    description:
      'Tied to the current revision: a later change of the locale (or shared) values makes it stale. Refused ' +
      'under four-eyes to members who changed the values since the last publish (403 content.workflow-self-approval), ' +
      'to roles the stage does not list (403), twice on the same values (409), and when `revision` is older than ' +
      'the values (409 content.workflow-approval-outdated).',
  })
  @ApiOkResponse({ type: EntryWorkflowResponse })
  @ApiProblemResponses(400, 403, 404, 409)
  approve(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Param('locale') locale: string,
    @Body() dto: ApproveDto,
  ): Promise<EntryWorkflowResponse> {
    return this.workflow.approve(ctx, id, locale, dto);
  }

  @Put('assignment')
  @Can('assign', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Set the assignee and reviewers of the locale',
    description:
      'Replaces both. Each must be a member of the workspace; the assignee one who may edit the entry, reviewers ' +
      'members who may approve it (400 naming `assigneeId` or `reviewerIds.<i>`).',
  })
  @ApiOkResponse({ type: EntryWorkflowResponse })
  @ApiProblemResponses(400, 404)
  assign(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Param('locale') locale: string,
    @Body() dto: AssignmentDto,
  ): Promise<EntryWorkflowResponse> {
    return this.workflow.assign(ctx, id, locale, dto);
  }

  @Get('publications')
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({
    summary: "The locale's publication history",
    description:
      'Every publish (by a member, an API key, a schedule or a release), latest first (the last 500), with the revision ' +
      'published and the workflow evidence at that moment: stage, approvals with the revision each saw, authors, four-eyes.',
  })
  @ApiOkResponse({ type: PublicationListResponse })
  @ApiProblemResponses(400, 404)
  publications(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Param('locale') locale: string,
  ): Promise<PublicationListResponse> {
    return this.workflow.publications(ctx, id, locale);
  }
}
