import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, PublicWorkspaceRoute, UuidParam, type RequestContext } from '@quire/core';
import type { Request, Response } from 'express';
import { AssetDeliveryService } from './asset-delivery.service';
import { DeliveryQuery } from './dto/signed-url.dto';
import { fileConditionsOf } from './file-conditions';
import { sendFile } from './send-file';

@ApiTags('Media delivery')
@ApiParam({ name: 'workspace', description: 'Workspace id (or slug)' })
@PublicWorkspaceRoute()
@Controller('delivery/:workspace/media')
export class MediaDeliveryController {
  constructor(private readonly delivery: AssetDeliveryService) {}

  @Get(':id/original/:fileName')
  @ApiOperation({
    summary: 'Deliver an asset',
    description:
      'A public asset to anyone (`Cache-Control: public, max-age=31536000, immutable`: the bytes of an asset never ' +
      'change); a private one with a signed URL (`?expires=…&signature=…`, minted by POST …/media/{id}/signed-url; ' +
      'past its expiry a 403 media.signed-url-expired) or to a member or API key that may read it. Anything else, ' +
      'a deleted asset included, is a 404 media.asset-not-found. `fileName` is for people and caches; it does not ' +
      'select anything. ETag, Range, nosniff and a sandboxing CSP as on the member route.',
  })
  @ApiParam({ name: 'fileName', description: "The asset's file name (any value serves the asset)" })
  @ApiProduces('*/*')
  @ApiResponse({ status: 200, description: 'The file' })
  @ApiResponse({ status: 206, description: 'The requested range' })
  @ApiResponse({ status: 304, description: 'Not modified' })
  @ApiProblemResponses(400, 403, 404, 416)
  async deliver(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Param('fileName') _fileName: string,
    @Query() query: DeliveryQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const served = await this.delivery.delivered(ctx, id, query, fileConditionsOf(request));
    // Pages of any site may embed public media (helmet's default keeps resources to this site).
    response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    await sendFile(request, response, served);
  }
}
