import { Controller, Delete, Head, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Accepts, ApiProblemResponses, Can, Ctx, type RequestContext } from '@quire/core';
import type { Request, Response } from 'express';
import { ASSET_SUBJECT } from '../media.permissions';
import { ASSET_ID_HEADER, ResumableUploads } from './resumable-uploads.service';

const TUS =
  'tus 1.0.0 (https://tus.io/protocols/resumable-upload), creation and termination extensions; every request ';
const TUS_HEADER = { name: 'Tus-Resumable', required: true, description: '1.0.0' };

/**
 * The tus endpoints. The kernel's guard (authentication, workspace, `create Asset`) runs first, as on every workspace
 * route; then the request goes to the tus server as it is (its body unread).
 */
@ApiTags('Media')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@ApiHeader(TUS_HEADER)
@Controller('workspaces/:workspace/media-uploads')
export class ResumableUploadsController {
  constructor(private readonly uploads: ResumableUploads) {}

  @Post()
  @Can('create', ASSET_SUBJECT)
  @ApiOperation({
    summary: 'Start a resumable upload',
    description:
      `${TUS}needs \`create Asset\`. Upload-Length (bytes) is required; Upload-Metadata may carry filename, title, ` +
      'altText, caption, tags, folderId, visibility (base64 values, as tus defines). A length past the upload limit ' +
      "is a 413, as is a workspace whose quota is used up. The answer is 201 with the upload's Location.",
  })
  @ApiHeader({ name: 'Upload-Length', required: true })
  @ApiHeader({ name: 'Upload-Metadata', required: false })
  @ApiResponse({ status: 201, description: 'Created; Location is the upload URL' })
  @ApiProblemResponses(400, 404, 413)
  create(@Ctx() ctx: RequestContext, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.uploads.handle(ctx, request, response);
  }

  @Head(':id')
  @Can('create', ASSET_SUBJECT)
  // tus's HEAD (Upload-Offset, Upload-Length) is described with PATCH: a HEAD answer has no body for a problem.
  @ApiExcludeEndpoint()
  offset(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.uploads.handle(ctx, request, response, id);
  }

  @Patch(':id')
  @Can('create', ASSET_SUBJECT)
  @Accepts('application/offset+octet-stream')
  @ApiOperation({
    summary: 'Send bytes of a resumable upload',
    description:
      `${TUS}sends the bytes from Upload-Offset on; HEAD on the same URL answers Upload-Offset and Upload-Length (where to resume). The answer to the PATCH that completes the file carries ` +
      `${ASSET_ID_HEADER}: the asset it became (the same checks as a multipart upload; a refusal is that problem, ` +
      'and the upload is gone).',
  })
  @ApiHeader({ name: 'Upload-Offset', required: true })
  @ApiResponse({
    status: 204,
    description: `Stored; Upload-Offset is the new offset, ${ASSET_ID_HEADER} when complete`,
  })
  @ApiProblemResponses(400, 404, 409, 413, 415)
  send(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.uploads.handle(ctx, request, response, id);
  }

  @Delete(':id')
  @Can('create', ASSET_SUBJECT)
  @ApiOperation({ summary: 'Abandon a resumable upload', description: `${TUS}removes the bytes received so far.` })
  @ApiResponse({ status: 204, description: 'Removed' })
  @ApiProblemResponses(404)
  terminate(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.uploads.handle(ctx, request, response, id);
  }
}
