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
import { MEDIA_FOLDER_SUBJECT } from '../media.permissions';
import { CreateFolderDto, DeleteFolderQuery, UpdateFolderDto } from './dto/folder.dto';
import { FolderListResponse, FolderResponse } from './dto/folder.response';
import { folderListSpec } from './folder-list';
import { FolderService } from './folder.service';

@ApiTags('Media folders')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/media-folders')
export class FoldersController {
  constructor(private readonly folders: FolderService) {}

  @Get()
  @Can('read', MEDIA_FOLDER_SUBJECT)
  @ApiOperation({
    summary: 'List folders',
    description:
      "By name; `filter[parentId][eq]=…` for one folder's subfolders, `filter[parentId][null]=true` for the root's.",
  })
  @ApiListQuery(folderListSpec)
  @ApiOkResponse({ type: FolderListResponse })
  @ApiProblemResponses(400, 404)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<FolderListResponse> {
    return this.folders.list(ctx, query);
  }

  @Post()
  @Can('create', MEDIA_FOLDER_SUBJECT)
  @ApiOperation({
    summary: 'Create a folder',
    description: 'Names are unique per parent regardless of case (409 media.folder-name-taken).',
  })
  @ApiCreatedResponse({ type: FolderResponse })
  @ApiProblemResponses(400, 404, 409)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateFolderDto): Promise<FolderResponse> {
    return this.folders.create(ctx, dto);
  }

  @Get(':id')
  @Can('read', MEDIA_FOLDER_SUBJECT)
  @ApiOperation({ summary: 'Get a folder', description: 'With its path of ancestors, root first.' })
  @ApiOkResponse({ type: FolderResponse })
  @ApiProblemResponses(400, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<FolderResponse> {
    return this.folders.get(ctx, id);
  }

  @Patch(':id')
  @Can('update', MEDIA_FOLDER_SUBJECT)
  @ApiOperation({
    summary: 'Rename or move a folder',
    description: 'Moving into itself or one of its subfolders is a 409 media.folder-cycle.',
  })
  @ApiOkResponse({ type: FolderResponse })
  @ApiProblemResponses(400, 404, 409)
  update(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: UpdateFolderDto,
  ): Promise<FolderResponse> {
    return this.folders.update(ctx, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', MEDIA_FOLDER_SUBJECT)
  @ApiOperation({
    summary: 'Delete a folder',
    description:
      'An empty folder only (409 media.folder-not-empty), unless `recursive=true`: then its subfolders and every ' +
      'asset in them are deleted too, files included, all or nothing (403 media.bulk-forbidden naming the assets ' +
      'the caller may not delete).',
  })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 404, 409)
  delete(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Query() query: DeleteFolderQuery): Promise<void> {
    return this.folders.delete(ctx, id, query.recursive === 'true');
  }
}
