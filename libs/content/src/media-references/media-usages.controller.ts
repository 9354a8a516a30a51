import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { ENTRY_SUBJECT } from '../content.permissions';
import { MediaUsageListResponse } from './dto/media-usage.response';
import { MediaUsageService, mediaUsageListSpec } from './media-usage.service';

/** "Used in" for the media library, answered by content (which knows its entries) under the library's path. */
@ApiTags('Media')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/media')
export class MediaUsagesController {
  constructor(private readonly usages: MediaUsageService) {}

  @Get(':id/usages')
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'List the entries using an asset',
    description:
      'Entries whose draft (shared values or a locale) or published version holds the asset in a media field, ' +
      'components included, trash included (`inTrash`); only those the caller may read. Each lists its places: ' +
      'field path, locale (null for a shared field), and whether the draft and the published version hold it. ' +
      'Deleting the asset removes it from all of them. Not an asset of this workspace: 404 content.media-asset-not-found.',
  })
  @ApiListQuery(mediaUsageListSpec)
  @ApiOkResponse({ type: MediaUsageListResponse })
  @ApiProblemResponses(400, 404)
  list(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<MediaUsageListResponse> {
    return this.usages.list(ctx, id, query);
  }
}
