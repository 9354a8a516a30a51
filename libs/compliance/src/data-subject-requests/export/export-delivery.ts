import { Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '@quire/core';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { DataSubjectRequestService, type RequestScope } from '../data-subject-request.service';
import { SubjectTableCatalog } from '../subject-table-catalog';
import { subjectKeys } from '../subject-tables';
import { streamSubjectExport } from './subject-export';

/**
 * Streams an access or portability export to the HTTP response as a ZIP download, with backpressure (the database
 * is read only as fast as the client downloads). A fully delivered export completes the request.
 */
@Injectable()
export class ExportDelivery {
  private readonly logger = new Logger(ExportDelivery.name);

  constructor(
    private readonly requests: DataSubjectRequestService,
    private readonly catalog: SubjectTableCatalog,
    private readonly dataSource: DataSource,
  ) {}

  async deliver(ctx: RequestContext, scope: RequestScope, id: string, response: Response): Promise<void> {
    // Checked before any header goes out: a refusal is still answered as a problem.
    const request = await this.requests.exportable(ctx, scope, id);
    const tables = await this.catalog.all();
    const email = await this.requests.subjectEmail(ctx, request.userId);
    const { stream, done } = streamSubjectExport(this.dataSource, {
      requestId: request.id,
      type: request.type as 'access' | 'portability',
      subject: subjectKeys(request.userId, email),
      tables,
    });
    response.status(200);
    response.setHeader('Content-Type', 'application/zip');
    response.setHeader('Content-Disposition', `attachment; filename="personal-data-${request.type}-${request.id}.zip"`);
    response.setHeader('Cache-Control', 'no-store');
    try {
      // Every byte is written before the request is completed, and the response ends only after that: a client that
      // has the whole ZIP finds the request completed.
      await pipeline(stream, response, { end: false });
      const summary = await done;
      await this.requests.exportDelivered(ctx, request.id, { ...summary });
      response.end();
    } catch (error) {
      // Headers are gone: the client sees a cut download. The request stays verified, to be downloaded again.
      this.logger.warn(`Export of request ${request.id} was not delivered: ${(error as Error).message}`);
      if (!response.destroyed) response.destroy(error as Error);
    }
  }
}
