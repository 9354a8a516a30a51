import { applyDecorators, Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, PublicWorkspaceRoute, UuidParam, type RequestContext } from '@quire/core';
import type { Request, Response } from 'express';
import { AssetDeliveryService } from './asset-delivery.service';
import { DeliveryQuery } from './dto/signed-url.dto';
import { fileConditionsOf } from './file-conditions';
import { sendFile } from './send-file';
import { VariantDeliveryService } from './variant-delivery.service';

/** The query parameters of a variant URL (docs/media/variants.md), each optional. */
const VARIANT_QUERY: Array<{ name: string; description: string }> = [
  { name: 'w', description: 'Width in pixels, 1–4096 (custom only)' },
  { name: 'h', description: 'Height in pixels, 1–4096 (custom only)' },
  { name: 'fit', description: 'cover (default), contain or inside (custom only)' },
  { name: 'fm', description: 'webp (default), avif, jpeg or png (custom only)' },
  { name: 'q', description: 'Quality 1–100, not with png (custom only)' },
  { name: 'fx', description: 'Focal point x, 0–1, with fy (custom only)' },
  { name: 'fy', description: 'Focal point y, 0–1, with fx (custom only)' },
  { name: 's', description: 'The signature the API issued for these parameters (custom only)' },
  { name: 'v', description: "The variant's version: with the current one, the answer is cacheable for a year" },
  { name: 'expires', description: "Unix seconds, from a private asset's signed URL" },
  { name: 'signature', description: "From a private asset's signed URL" },
];

function ApiVariantQuery(): MethodDecorator {
  return applyDecorators(...VARIANT_QUERY.map((param) => ApiQuery({ ...param, required: false, type: String })));
}

@ApiTags('Media delivery')
@ApiParam({ name: 'workspace', description: 'Workspace id (or slug)' })
@PublicWorkspaceRoute()
@Controller('delivery/:workspace/media')
export class MediaDeliveryController {
  constructor(
    private readonly delivery: AssetDeliveryService,
    private readonly variants: VariantDeliveryService,
  ) {}

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

  @Get(':id/variants/:preset')
  @ApiOperation({
    summary: 'Deliver an image variant',
    description:
      'A resized, cropped, re-encoded copy of an image asset, rendered on its first request and kept in storage ' +
      '(docs/media/variants.md): `{preset}` names a preset (no parameter but `v`), or is `custom` with parameters ' +
      'signed by the API (`s`). Who may have it is decided as for the original: anyone for a public asset, a ' +
      "private one with its signed URL's `expires` and `signature`, or a member or API key that may read it. " +
      'Strong ETag (304 on If-None-Match), `immutable` for a year when `v` is the current version, nosniff and a ' +
      'sandboxing CSP. Unlisted or malformed parameters are a 400 media.variant-parameters-invalid, a missing or ' +
      'wrong `s` a 403 media.variant-signature-invalid, an unknown preset a 404 media.variant-preset-not-found, a ' +
      'deleted asset a 404 media.asset-not-found, a file that is not a raster image a 400.',
  })
  @ApiParam({ name: 'preset', description: 'A preset name (`thumbnail`, `small`, …) or `custom`' })
  @ApiVariantQuery()
  @ApiProduces('image/webp', 'image/avif', 'image/jpeg', 'image/png')
  @ApiResponse({ status: 200, description: 'The variant' })
  @ApiResponse({ status: 304, description: 'Not modified' })
  @ApiProblemResponses(400, 403, 404)
  async variant(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Param('preset') preset: string,
    // Raw: resolveVariantRequest names each unknown, repeated or malformed parameter itself.
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const served = await this.variants.delivered(ctx, id, preset, query, fileConditionsOf(request));
    response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    await sendFile(request, response, served);
  }
}
