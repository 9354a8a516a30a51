import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';
import { DataSource } from 'typeorm';
import { CONTENT_EXPORT_FORMAT, CONTENT_EXPORT_FORMAT_VERSION, type ExportedEntry } from './content-export-format';
import { SchemaTransfer } from './schema-transfer';

/** Entries read per query while exporting: memory stays bounded whatever the workspace holds. */
export const EXPORT_BATCH_SIZE = 500;

/** Where the export is written: a stream that may ask the writer to wait (backpressure) or go away (client gone). */
export interface ExportSink {
  /** Returns a promise when the writer must wait before writing more. */
  write(chunk: string): void | Promise<void>;
  /** True once the client has gone: the export stops at the next batch. */
  readonly closed: boolean;
}

/**
 * Writes a workspace's content as one JSON document, streamed: the envelope and schema first, then the entries
 * (not those in the trash) in batches of EXPORT_BATCH_SIZE by id, each serialised as it is read. Every batch reads
 * the same snapshot of the database (one REPEATABLE READ, read-only transaction), so an export taken while members
 * edit is still consistent: relations in it point at entries in it.
 */
@Injectable()
export class ContentExportService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly dataSource: DataSource,
    private readonly schema: SchemaTransfer,
  ) {}

  async export(ctx: RequestContext, sink: ExportSink): Promise<{ entries: number }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const tx = ctx.withManager(runner.manager);
      const snapshot = await this.schema.snapshot(tx);
      await sink.write(
        `{"format":${JSON.stringify(CONTENT_EXPORT_FORMAT)},"formatVersion":${CONTENT_EXPORT_FORMAT_VERSION},` +
          `"exportedAt":${JSON.stringify(new Date().toISOString())},"schema":${JSON.stringify(snapshot)},"entries":[`,
      );
      let after = '00000000-0000-0000-0000-000000000000';
      let count = 0;
      while (!sink.closed) {
        const batch = await this.batch(tx, after);
        if (batch.length === 0) break;
        const text = batch.map((entry) => JSON.stringify(entry)).join(',');
        await sink.write(count === 0 ? text : `,${text}`);
        count += batch.length;
        after = batch[batch.length - 1].id;
        if (batch.length < EXPORT_BATCH_SIZE) break;
      }
      await sink.write(']}');
      await runner.commitTransaction();
      return { entries: count };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /** The next live entries after `after` (keyset by id), each with its locales, shaped in SQL. */
  private async batch(ctx: RequestContext, after: string): Promise<ExportedEntry[]> {
    const rows: Array<{ id: string; content_type: string; shared: Record<string, unknown>; locales: unknown }> =
      await this.db.manager(ctx).query(
        `SELECT e.id, t.api_id AS content_type, e.shared_data AS shared,
                COALESCE((SELECT jsonb_object_agg(l.locale, jsonb_build_object(
                           'draft', l.draft_data,
                           'published', l.published_data,
                           'publishedAt', to_char(l.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
                            FROM content_entry_locales l WHERE l.entry_id = e.id), '{}'::jsonb) AS locales
           FROM content_entries e JOIN content_types t ON t.id = e.content_type_id
          WHERE e.workspace_id = $1 AND e.deleted_at IS NULL AND e.id > $2
          ORDER BY e.id
          LIMIT $3`,
        [ctx.workspaceId, after, EXPORT_BATCH_SIZE],
      );
    return rows.map((row) => ({
      id: row.id,
      contentType: row.content_type,
      shared: row.shared ?? {},
      locales: row.locales as ExportedEntry['locales'],
    }));
  }
}
