import { Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { ENTRY_SUBJECT } from '../content.permissions';
import { MovedToTrashResponse } from './dto/moved-to-trash.response';
import { RestoredEntryResponse, TrashListResponse } from './dto/trash-item.response';
import { EntryTrashService } from './entry-trash.service';
import { TrashListService, trashListSpec } from './trash-list.service';

/** Moving an entry to the trash: the entry's DELETE, apart from the entries controller because the trash owns it. */
@ApiTags('Content trash')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/entries')
export class EntryDeleteController {
  constructor(private readonly trash: EntryTrashService) {}

  @Delete(':id')
  @Can('delete', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Move an entry to the trash',
    description:
      'The entry leaves every API but the trash listing; its published locales leave the delivery API. Live ' +
      'entries linking to it decide by their field\'s onDelete: "restrict" (default) refuses with 409 ' +
      'content.entry-referenced listing the links; "detach" removes the link from their drafts (a revision ' +
      '"reference-removed" each). Authors may trash only their own entries.',
  })
  @ApiOkResponse({ type: MovedToTrashResponse })
  @ApiProblemResponses(400, 404, 409)
  remove(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<MovedToTrashResponse> {
    return this.trash.moveToTrash(ctx, id);
  }
}

@ApiTags('Content trash')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/trash')
export class TrashController {
  constructor(
    private readonly trash: EntryTrashService,
    private readonly listing: TrashListService,
  ) {}

  @Get()
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'List the entries in the trash',
    description:
      "Newest first by default. Each item's purgeAt is when the purge job erases it (the workspace plan's trash days).",
  })
  @ApiListQuery(trashListSpec)
  @ApiOkResponse({ type: TrashListResponse })
  @ApiProblemResponses(400, 404)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<TrashListResponse> {
    return this.listing.list(ctx, query);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Can('restore', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Take an entry out of the trash',
    description:
      'Its published locales are delivered again. 409 content.trash-restore-conflict when another entry took one ' +
      'of its unique or slug values meanwhile (nothing changed). Links to entries erased meanwhile are removed.',
  })
  @ApiOkResponse({ type: RestoredEntryResponse })
  @ApiProblemResponses(400, 404, 409)
  restore(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<RestoredEntryResponse> {
    return this.trash.restore(ctx, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Delete a trashed entry for good',
    description: 'Only entries in the trash (any other id is a 404); its locales, revisions and links go with it.',
  })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 404)
  purge(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    return this.trash.purge(ctx, id);
  }
}
