import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { ENTRY_COMMENT_SUBJECT } from '../../content.permissions';
import { CommentService } from './comment.service';
import { CreateCommentDto, UpdateCommentDto } from './dto/comment.dto';
import { CommentListResponse, CommentResponse, commentListSpec } from './dto/comment.response';

@ApiTags('Content comments')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/entries/:id/comments')
export class CommentsController {
  constructor(private readonly comments: CommentService) {}

  @Get()
  @Can('read', ENTRY_COMMENT_SUBJECT)
  @ApiOperation({
    summary: "List an entry's comments",
    description: 'Oldest first; `filter[locale][eq]=de` for one locale, `filter[locale][null]=true` for the entry.',
  })
  @ApiListQuery(commentListSpec)
  @ApiOkResponse({ type: CommentListResponse })
  @ApiProblemResponses(400, 404)
  list(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<CommentListResponse> {
    return this.comments.list(ctx, id, query);
  }

  @Post()
  @Can('create', ENTRY_COMMENT_SUBJECT)
  @ApiOperation({
    summary: 'Comment on an entry',
    description:
      'On a locale version or the entry as a whole. Each member in `mentions` gets a mail (sent with the comment ' +
      'through the mail queue); a non-member or a member who may not read the entry is a 400 naming mentions.<i>.',
  })
  @ApiCreatedResponse({ type: CommentResponse })
  @ApiProblemResponses(400, 404)
  create(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: CreateCommentDto,
  ): Promise<CommentResponse> {
    return this.comments.create(ctx, id, dto);
  }

  @Patch(':commentId')
  @Can('update', ENTRY_COMMENT_SUBJECT)
  @ApiOperation({
    summary: 'Edit your comment',
    description: 'Only its author edits it (403). `mentions` replaces the list; members newly mentioned get a mail.',
  })
  @ApiOkResponse({ type: CommentResponse })
  @ApiProblemResponses(400, 404)
  update(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @UuidParam('commentId') commentId: string,
    @Body() dto: UpdateCommentDto,
  ): Promise<CommentResponse> {
    return this.comments.update(ctx, id, commentId, dto);
  }

  @Delete(':commentId')
  @HttpCode(204)
  @Can('delete', ENTRY_COMMENT_SUBJECT)
  @ApiOperation({ summary: 'Delete a comment', description: 'Your own; owners and admins delete any (403 otherwise).' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 404)
  delete(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @UuidParam('commentId') commentId: string,
  ): Promise<void> {
    return this.comments.delete(ctx, id, commentId);
  }
}
