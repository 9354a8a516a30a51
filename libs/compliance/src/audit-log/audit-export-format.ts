import type { AuditRecordResponse } from './dto/audit-record.response';

export const AUDIT_EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** The CSV columns, in order (the JSON Lines objects have the same keys). */
export const AUDIT_CSV_COLUMNS: ReadonlyArray<keyof AuditRecordResponse> = [
  'id',
  'sequence',
  'eventId',
  'occurredAt',
  'actorType',
  'actorId',
  'impersonatorId',
  'action',
  'subjectType',
  'subjectId',
  'requestId',
  'ip',
  'userAgent',
  'changes',
  'prevHash',
  'hash',
];

export const AUDIT_EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/jsonl; charset=utf-8',
};

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; null is empty. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
}

export function auditExportLine(format: AuditExportFormat, record: AuditRecordResponse): string {
  if (format === 'jsonl') return `${JSON.stringify(record)}\n`;
  return `${AUDIT_CSV_COLUMNS.map((column) => csvField(record[column])).join(',')}\r\n`;
}
