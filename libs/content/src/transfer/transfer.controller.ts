import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, ValidationFailedError, type RequestContext } from '@quire/core';
import type { Response } from 'express';
import { once } from 'node:events';
import { CONTENT_TYPE_SUBJECT } from '../content.permissions';
import { ContentExportService } from './content-export.service';
import { ContentImportService } from './content-import.service';
import { ContentExportDto, ExportedEntryDto, ExportedLocaleDto } from './dto/content-export.response';
import { ImportResultResponse } from './dto/import-result.response';

/**
 * Export and import of a workspace's content types and entries. Both need `update` on ContentType (owners and
 * admins): an export holds every entry, drafts and private fields included, and an import rewrites the model.
 */
@ApiTags('Content import and export')
@ApiExtraModels(ContentExportDto, ExportedEntryDto, ExportedLocaleDto)
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace')
export class TransferController {
  constructor(
    private readonly exporter: ContentExportService,
    private readonly importer: ContentImportService,
  ) {}

  @Get('content-export')
  @Can('update', CONTENT_TYPE_SUBJECT)
  @ApiOperation({
    summary: "Export the workspace's content",
    description:
      'One JSON document, streamed, as a download: the schema snapshot and every entry not in the trash (drafts, ' +
      'published documents and their dates, per locale). POST it to content-import of this or another workspace.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ type: ContentExportDto })
  @ApiProblemResponses(404)
  async export(@Ctx() ctx: RequestContext, @Res() response: Response): Promise<void> {
    const filename = `${ctx.workspace?.slug ?? 'workspace'}-content-${new Date().toISOString().slice(0, 10)}.json`;
    let aborted = false;
    response.once('close', () => (aborted = !response.writableFinished));
    const sink = {
      get closed() {
        return aborted;
      },
      async write(chunk: string) {
        // Headers go out with the first chunk: a problem before it is still answered as a problem.
        if (!response.headersSent) {
          response.status(200);
          response.setHeader('Content-Type', 'application/json; charset=utf-8');
          response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
          response.setHeader('Cache-Control', 'no-store');
        }
        if (!response.write(chunk) && !aborted) await once(response, 'drain');
      },
    };
    try {
      await this.exporter.export(ctx, sink);
    } catch (error) {
      if (!response.headersSent) throw error;
      // Mid-stream: the status is out already; cutting the connection tells the client the file is incomplete.
      response.destroy(error as Error);
      return;
    }
    response.end();
  }

  @Post('content-import')
  @HttpCode(200)
  @Can('update', CONTENT_TYPE_SUBJECT)
  @ApiOperation({
    summary: 'Import content into the workspace',
    description:
      'The body is an export (GET content-export). In one transaction: applies its schema snapshot (creates and ' +
      'updates types, never deletes), upserts its entries by id (ids are kept), validates each (drafts as drafts, ' +
      'published documents as published), checks relations and unique values, writes one revision per entry ' +
      '(kind "import"). Any problem refuses the whole import (400 listing entries[i]… paths); nothing is written. ' +
      '`dryRun` (query or body) checks everything and writes nothing. The body is limited by the installation’s ' +
      'BODY_LIMIT (default 1 MB): raise it to import large workspaces.',
  })
  @ApiQuery({ name: 'dryRun', required: false, schema: { type: 'boolean', default: false } })
  @ApiBody({ schema: { $ref: getSchemaPath(ContentExportDto) } })
  @ApiOkResponse({ type: ImportResultResponse })
  @ApiProblemResponses(400, 404, 409, 413, 415)
  import(
    @Ctx() ctx: RequestContext,
    @Body() body: unknown,
    @Query('dryRun') dryRun?: string,
  ): Promise<ImportResultResponse> {
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') {
      throw new ValidationFailedError([{ path: 'dryRun', message: 'dryRun must be true or false' }]);
    }
    return this.importer.import(ctx, body, dryRun === 'true');
  }
}
