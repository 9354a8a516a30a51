import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Accepts, ApiListQuery, ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import type { Request, Response } from 'express';
import { ASSET_SUBJECT } from '../media.permissions';
import { AssetDeliveryService } from '../serving/asset-delivery.service';
import { CreateSignedUrlDto, SignedUrlResponse } from '../serving/dto/signed-url.dto';
import { fileConditionsOf } from '../serving/file-conditions';
import { sendFile } from '../serving/send-file';
import { drainAfterAnswer } from '../upload/drain-request';
import { UploadAssetBody } from '../upload/dto/upload-fields.dto';
import { UploadService } from '../upload/upload.service';
import { MediaUsageResponse } from '../usage/dto/media-usage.response';
import { MediaUsage } from '../usage/media-usage';
import { AssetBulkService } from './asset-bulk.service';
import { assetListSpec, MAX_SEARCH_LENGTH } from './asset-list';
import { AssetService } from './asset.service';
import { AssetListResponse, AssetResponse, UploadedAssetResponse } from './dto/asset.response';
import { BulkDeleteDto, BulkMoveDto, BulkResultResponse, BulkTagsDto } from './dto/bulk.dto';
import { UpdateAssetDto } from './dto/update-asset.dto';

const UPLOAD =
  'multipart/form-data with one part "file" and optional text parts (title, altText, caption, tags — repeated ' +
  'or comma-separated —, folderId, visibility), streamed to storage. The type is detected from the bytes: it must ' +
  "be on the workspace's allow-list (415 media.type-not-allowed) and named by the file's extension (400 " +
  'media.type-mismatch); an empty file (400 media.empty-file), a polyglot or an SVG with script (400 ' +
  'media.unsafe-content), an image past the pixel limit (400 media.image-too-large), a file past the upload ' +
  "limit (413 media.upload-too-large) or past the workspace's storage quota (413 media.quota-exceeded) are " +
  'refused and nothing is kept. The file name is sanitised (path parts, control characters dropped). A file the ' +
  'workspace already has (same SHA-256) is stored once: the answer is that asset, 200 with `duplicate: true`.';

@ApiTags('Media')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/media')
export class AssetsController {
  constructor(
    private readonly assets: AssetService,
    private readonly bulk: AssetBulkService,
    private readonly uploads: UploadService,
    private readonly usage: MediaUsage,
    private readonly delivery: AssetDeliveryService,
  ) {}

  @Get()
  @Can('read', ASSET_SUBJECT)
  @ApiOperation({
    summary: 'List and search assets',
    description:
      'Newest first, with the list query language: e.g. `filter[kind][eq]=image`, `filter[tags][eq]=team`, ' +
      '`filter[folderId][null]=true` (the root), `filter[fileName][contains]=logo`, ' +
      '`filter[createdAt][gte]=2026-01-01T00:00:00Z`, `sort=-size`; `q` searches file name, title, alt text and caption.',
  })
  @ApiListQuery(assetListSpec)
  @ApiQuery({
    name: 'q',
    required: false,
    type: String,
    description: `Case-insensitive substring of the file name, title, alt text or caption (1 to ${MAX_SEARCH_LENGTH} characters).`,
  })
  @ApiOkResponse({ type: AssetListResponse })
  @ApiProblemResponses(400, 404)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<AssetListResponse> {
    return this.assets.list(ctx, query);
  }

  @Post()
  @Can('create', ASSET_SUBJECT)
  @Accepts('multipart/form-data')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAssetBody })
  @ApiOperation({ summary: 'Upload a file', description: UPLOAD })
  @ApiCreatedResponse({ type: UploadedAssetResponse, description: 'A new asset' })
  @ApiOkResponse({ type: UploadedAssetResponse, description: 'The workspace already had this file: that asset' })
  @ApiProblemResponses(400, 404, 413, 415)
  async upload(
    @Ctx() ctx: RequestContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UploadedAssetResponse> {
    drainAfterAnswer(request, response);
    const length = request.headers['content-length'];
    const { asset, created } = await this.uploads.upload(ctx, {
      contentType: request.headers['content-type'] ?? '',
      contentLength: length === undefined ? undefined : Number(length),
      body: request,
    });
    response.status(created ? 201 : 200);
    return asset;
  }

  @Get('usage')
  @Can('read', ASSET_SUBJECT)
  @ApiOperation({
    summary: 'Storage used and the quota',
    description: "The workspace plan's limit; uploads past it are refused.",
  })
  @ApiOkResponse({ type: MediaUsageResponse })
  @ApiProblemResponses(404)
  async getUsage(@Ctx() ctx: RequestContext): Promise<MediaUsageResponse> {
    const figures = await this.usage.of(ctx);
    return { ...figures, remainingBytes: Math.max(0, figures.limitBytes - figures.usedBytes) };
  }

  @Post('bulk/move')
  @HttpCode(200)
  @Can('update', ASSET_SUBJECT)
  @ApiOperation({
    summary: 'Move assets to a folder',
    description:
      'All or nothing: an id that is not an asset of this workspace is a 400 (media.bulk-unknown-assets, each listed ' +
      'in errors), one the caller may not change a 403 (media.bulk-forbidden); folderId null moves to the root.',
  })
  @ApiOkResponse({ type: BulkResultResponse })
  @ApiProblemResponses(400, 404)
  move(@Ctx() ctx: RequestContext, @Body() dto: BulkMoveDto): Promise<BulkResultResponse> {
    return this.bulk.move(ctx, dto);
  }

  @Post('bulk/tags')
  @HttpCode(200)
  @Can('update', ASSET_SUBJECT)
  @ApiOperation({ summary: 'Add and remove tags of assets', description: 'All or nothing, like bulk/move.' })
  @ApiOkResponse({ type: BulkResultResponse })
  @ApiProblemResponses(400, 404)
  tags(@Ctx() ctx: RequestContext, @Body() dto: BulkTagsDto): Promise<BulkResultResponse> {
    return this.bulk.tags(ctx, dto);
  }

  @Post('bulk/delete')
  @HttpCode(200)
  @Can('delete', ASSET_SUBJECT)
  @ApiOperation({
    summary: 'Delete assets',
    description: 'All or nothing, like bulk/move; files and variants are removed from storage. There is no trash.',
  })
  @ApiOkResponse({ type: BulkResultResponse })
  @ApiProblemResponses(400, 404)
  deleteMany(@Ctx() ctx: RequestContext, @Body() dto: BulkDeleteDto): Promise<BulkResultResponse> {
    return this.bulk.delete(ctx, dto);
  }

  @Get(':id')
  @Can('read', ASSET_SUBJECT)
  @ApiOperation({ summary: 'Get an asset' })
  @ApiOkResponse({ type: AssetResponse })
  @ApiProblemResponses(400, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<AssetResponse> {
    return this.assets.get(ctx, id);
  }

  @Patch(':id')
  @Can('update', ASSET_SUBJECT)
  @ApiOperation({
    summary: 'Edit an asset',
    description:
      'Title, alt text, caption, focal point, tags, folder, file name (its extension must still name the type) and ' +
      'visibility; the file itself never changes. Authors edit the assets they uploaded.',
  })
  @ApiOkResponse({ type: AssetResponse })
  @ApiProblemResponses(400, 404)
  update(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() dto: UpdateAssetDto): Promise<AssetResponse> {
    return this.assets.update(ctx, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', ASSET_SUBJECT)
  @ApiOperation({
    summary: 'Delete an asset',
    description:
      'For good (there is no media trash): the row, the file and its variants. Publishes media.asset.deleted for CDN ' +
      'purges and for content, which drops its references. Its URLs answer 404 from then on.',
  })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 404)
  delete(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    return this.assets.delete(ctx, id);
  }

  @Get(':id/file')
  @Can('read', ASSET_SUBJECT)
  @ApiOperation({
    summary: 'Download the original file',
    description:
      'With ETag (the SHA-256; If-None-Match gives 304), one byte range (Range gives 206, past the end 416), ' +
      "`X-Content-Type-Options: nosniff` and `Content-Security-Policy: default-src 'none'; sandbox`; SVG, PDF and " +
      'documents come as attachments.',
  })
  @ApiProduces('*/*')
  @ApiResponse({ status: 200, description: 'The file' })
  @ApiResponse({ status: 206, description: 'The requested range' })
  @ApiResponse({ status: 304, description: 'Not modified' })
  @ApiProblemResponses(400, 404, 416)
  async file(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const served = await this.delivery.memberFile(ctx, id, fileConditionsOf(request));
    await sendFile(request, response, served);
  }

  @Post(':id/signed-url')
  @HttpCode(200)
  @Can('read', ASSET_SUBJECT)
  @ApiOperation({
    summary: 'Mint a signed URL',
    description:
      'A short-lived delivery URL anyone may fetch until it expires (for private assets: the way to hand one to a ' +
      'browser or another service). Nothing is stored; it cannot be revoked before expiry.',
  })
  @ApiOkResponse({ type: SignedUrlResponse })
  @ApiProblemResponses(400, 404)
  signedUrl(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: CreateSignedUrlDto,
  ): Promise<SignedUrlResponse> {
    return this.delivery.signedUrl(ctx, id, dto.expiresInSeconds);
  }
}
