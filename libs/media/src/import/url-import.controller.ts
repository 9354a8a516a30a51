import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, type RequestContext } from '@quire/core';
import type { Response } from 'express';
import { UploadedAssetResponse } from '../assets/dto/asset.response';
import { ASSET_SUBJECT } from '../media.permissions';
import { ImportUrlDto } from './dto/import-url.dto';
import { UrlImportService } from './url-import.service';

const IMPORT =
  'Fetches the file at `url` and stores it like a multipart upload (the same type detection, allow-list, checks, ' +
  'deduplication and quota). Private, loopback and link-local addresses are refused, at every redirect too (400 ' +
  'media.import-url-not-allowed, unless OUTBOUND_ALLOWED_NETWORKS allows them); a remote error status, a name that ' +
  'does not resolve or a broken connection is a 502 (media.import-failed), a server slower than OUTBOUND_TIMEOUT_MS ' +
  'a 504 (media.import-timeout), a file past the upload limit a 413 (media.upload-too-large).';

@ApiTags('Media')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/media')
export class UrlImportController {
  constructor(private readonly imports: UrlImportService) {}

  @Post('import')
  @Can('create', ASSET_SUBJECT)
  @ApiOperation({ summary: 'Import a file from a URL', description: IMPORT })
  @ApiCreatedResponse({ type: UploadedAssetResponse, description: 'A new asset' })
  @ApiOkResponse({ type: UploadedAssetResponse, description: 'The workspace already had this file: that asset' })
  @ApiProblemResponses(400, 404, 413, 415, 502, 504)
  async import(
    @Ctx() ctx: RequestContext,
    @Body() dto: ImportUrlDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UploadedAssetResponse> {
    const { asset, created } = await this.imports.import(ctx, dto);
    response.status(created ? 201 : 200);
    return asset;
  }
}
