import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { ZipFile } from 'yazl';
import type { InventoryActivity } from '../../inventory/data-inventory';
import type { SubjectKeys, SubjectTable } from '../subject-tables';
import { exportedColumns, subjectRows } from './subject-rows';

/** Legal bases of data the person provided themselves: what portability (GDPR art. 20) covers. */
export const PORTABLE_BASES: readonly string[] = ['consent', 'contract'];

export interface ExportManifestEntry {
  plugin: string;
  table: string;
  /** Path of the table's rows in the ZIP. */
  file: string;
  subjectColumn: string;
  categories: string[];
  fields: Array<{ column: string; category: string; description?: string }>;
  /** Declared sensitive columns (password hashes, secrets): held but never exported. */
  withheld: Array<{ column: string; category: string; reason: string }>;
  purpose: string;
  legalBasis: string;
  retention: string;
  onErasure: string;
  rows: number;
}

export interface ExportSummary {
  files: number;
  rows: number;
  tables: Array<{ plugin: string; table: string; rows: number }>;
}

export interface SubjectExportOptions {
  requestId: string;
  type: 'access' | 'portability';
  subject: SubjectKeys;
  tables: SubjectTable[];
}

const WITHHELD_REASON = 'Sensitive credential or secret: held only to authenticate you, never exported';

/** `<plugin>/<table>.json`; a table declared under two subject columns gives `<plugin>/<table>.<column>.json` each. */
function entryFile(activity: InventoryActivity, tables: readonly SubjectTable[]): string {
  const twice = tables.filter((t) => t.activity.table === activity.table).length > 1;
  return `${activity.plugin}/${activity.table}${twice ? `.${activity.subjectColumn}` : ''}.json`;
}

/**
 * The person's data as a ZIP: one JSON array per inventory table (`<plugin>/<table>.json`) and `manifest.json` last,
 * when the row counts are known.
 * Rows are read in keyset batches in one read-only snapshot and written as they come; yazl pulls each file's stream
 * only as fast as the consumer of `stream` reads, so memory is bounded by a batch, not by the person's data.
 */
export function streamSubjectExport(
  dataSource: DataSource,
  options: SubjectExportOptions,
): { stream: Readable; done: Promise<ExportSummary> } {
  const zip = new ZipFile();
  const done = (async (): Promise<ExportSummary> => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      // One snapshot for the whole export, so the files agree with each other and with the manifest.
      await runner.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const included = options.tables.filter(
        (t) => options.type === 'access' || PORTABLE_BASES.includes(t.activity.legalBasis),
      );
      const excluded = options.tables.filter((t) => !included.includes(t));
      const entries: ExportManifestEntry[] = [];
      let total = 0;
      for (const table of included) {
        const file = entryFile(table.activity, options.tables);
        const out = new PassThrough();
        zip.addReadStream(out, file);
        let rows = 0;
        const write = async (chunk: string) => {
          if (!out.write(chunk)) await once(out, 'drain');
        };
        await write('[');
        for await (const batch of subjectRows(runner.manager, table, options.subject)) {
          for (const row of batch) {
            await write(`${rows === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
            rows += 1;
          }
        }
        await write(rows === 0 ? ']\n' : '\n]\n');
        out.end();
        total += rows;
        entries.push(manifestEntry(table, file, rows));
      }
      await runner.query('COMMIT');
      const manifest = {
        format: 'quire-data-subject-export/1',
        requestId: options.requestId,
        type: options.type,
        userId: options.subject.userId,
        generatedAt: new Date().toISOString(),
        scope:
          options.type === 'portability'
            ? 'Portability (GDPR art. 20): only data you provided, processed on your consent or for a contract with you.'
            : 'Access (GDPR art. 15): all personal data about you that the installation declares in its data inventory.',
        entries,
        excluded: excluded.map((t) => ({
          plugin: t.activity.plugin,
          table: t.activity.table,
          legalBasis: t.activity.legalBasis,
          reason: 'Not covered by portability: processed on another legal basis than consent or contract',
        })),
      };
      zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json');
      zip.end();
      return {
        files: entries.length + 1,
        rows: total,
        tables: entries.map((e) => ({ plugin: e.plugin, table: e.table, rows: e.rows })),
      };
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      (zip.outputStream as unknown as Readable).destroy(error as Error);
      throw error;
    } finally {
      await runner.release();
    }
  })();
  // The caller awaits `done` for the outcome; this keeps an early failure from being an unhandled rejection.
  done.catch(() => undefined);
  return { stream: zip.outputStream as unknown as Readable, done };
}

function manifestEntry(table: SubjectTable, file: string, rows: number): ExportManifestEntry {
  const { activity } = table;
  const exported = new Set(exportedColumns(table));
  const fields = activity.fields.filter((f) => !f.sensitive && exported.has(f.column));
  const withheld = activity.fields.filter((f) => f.sensitive);
  return {
    plugin: activity.plugin,
    table: activity.table,
    file,
    subjectColumn: activity.subjectColumn,
    categories: [...new Set(activity.fields.map((f) => f.category))],
    fields: fields.map((f) => ({ column: f.column, category: f.category, description: f.description })),
    withheld: withheld.map((f) => ({ column: f.column, category: f.category, reason: WITHHELD_REASON })),
    purpose: activity.purpose,
    legalBasis: activity.legalBasis,
    retention: activity.retention,
    onErasure: activity.onErasure,
    rows,
  };
}
