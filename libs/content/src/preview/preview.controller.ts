import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { ENTRY_SUBJECT } from '../content.permissions';
import { CreatePreviewTokenDto } from './dto/create-preview-token.dto';
import { PreviewTokenResponse, PreviewUrlResponse } from './dto/preview-token.response';
import { PreviewUrlQuery } from './dto/preview-url.query';
import { PreviewService } from './preview.service';

@ApiTags('Content preview')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace')
export class PreviewController {
  constructor(private readonly previews: PreviewService) {}

  @Post('preview-tokens')
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Mint a preview token',
    description:
      'A short-lived token (default 600 s, at most 3600 s) that lets the delivery API serve drafts of this ' +
      'workspace when sent as the `Quire-Preview` header, optionally narrowed to one content type or one entry. ' +
      'Shown once; only its SHA-256 hash is stored.',
  })
  @ApiCreatedResponse({ type: PreviewTokenResponse })
  @ApiProblemResponses(400, 404)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreatePreviewTokenDto): Promise<PreviewTokenResponse> {
    return this.previews.mint(ctx, dto);
  }

  @Get('entries/:id/preview-url')
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({
    summary: "An entry's preview URL",
    description:
      "Fills the type's `options.previewUrl` ({id}, {locale}, {slug}, {token}, {contentType}) for the entry's draft " +
      'in `locale`, with a new 600 s preview token scoped to the entry. 404 when the type has no template.',
  })
  @ApiOkResponse({ type: PreviewUrlResponse })
  @ApiProblemResponses(400, 404)
  previewUrl(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Query() query: PreviewUrlQuery,
  ): Promise<PreviewUrlResponse> {
    return this.previews.previewUrl(ctx, id.toLowerCase(), query.locale);
  }
}
