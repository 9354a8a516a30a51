import type { Response } from 'express';
import { once } from 'node:events';
import { AuditExportFormatError } from '../compliance.errors';
import {
  AUDIT_EXPORT_CONTENT_TYPES,
  AUDIT_EXPORT_FORMATS,
  auditCsvHeader,
  auditExportLine,
  type AuditExportFormat,
} from './audit-export-format';
import type { AuditRecordResponse } from './dto/audit-record.response';

/**
 * Streams an audit export as a download with backpressure. The first batch is read before any header goes out, so
 * a bad format or filter is still answered as a problem; a failure mid-stream cuts the connection, which tells the
 * client the file is incomplete.
 */
export async function streamAuditExport(
  response: Response,
  format: unknown,
  filenameStem: string,
  records: (format: AuditExportFormat) => AsyncGenerator<AuditRecordResponse>,
): Promise<void> {
  if (!AUDIT_EXPORT_FORMATS.includes(format as AuditExportFormat)) throw new AuditExportFormatError(format);
  const chosen = format as AuditExportFormat;
  const source = records(chosen);
  const first = await source.next();
  response.status(200);
  response.setHeader('Content-Type', AUDIT_EXPORT_CONTENT_TYPES[chosen]);
  response.setHeader('Content-Disposition', `attachment; filename="${filenameStem}.${chosen}"`);
  response.setHeader('Cache-Control', 'no-store');
  let aborted = false;
  response.once('close', () => (aborted = !response.writableFinished));
  const write = async (chunk: string) => {
    if (!response.write(chunk) && !aborted) await once(response, 'drain');
  };
  try {
    if (chosen === 'csv') await write(auditCsvHeader());
    if (!first.done) await write(auditExportLine(chosen, first.value));
    for await (const record of source) {
      if (aborted) return;
      await write(auditExportLine(chosen, record));
    }
  } catch (error) {
    response.destroy(error as Error);
    return;
  }
  response.end();
}
