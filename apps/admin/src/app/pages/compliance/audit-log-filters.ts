import { toParams } from '../../api/api-client';

/** The audit log viewer's filters, as the form holds them (empty string: no filter). */
export interface AuditLogFilters {
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string;
  /** `datetime-local` values, in the browser's time zone. */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditLogFilters = {
  actorId: '',
  action: '',
  subjectType: '',
  subjectId: '',
  from: '',
  to: '',
};

/** The filters in the API's list language; the list and the export use it, so an export holds what the table shows. */
export function auditLogFilter(filters: AuditLogFilters): Record<string, Record<string, string>> {
  const filter: Record<string, Record<string, string>> = {};
  for (const key of ['actorId', 'action', 'subjectType', 'subjectId'] as const) {
    const value = filters[key].trim();
    if (value) filter[key] = { eq: value };
  }
  const from = toIso(filters.from);
  const to = toIso(filters.to);
  if (from || to) filter['occurredAt'] = { ...(from && { gte: from }), ...(to && { lte: to }) };
  return filter;
}

function toIso(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The export's address, for a plain download link: the session cookie goes with it, nothing is buffered here. */
export function auditLogExportUrl(workspace: string, format: 'csv' | 'jsonl', filters: AuditLogFilters): string {
  const params = toParams({ format, filter: auditLogFilter(filters) });
  return `/api/v1/workspaces/${encodeURIComponent(workspace)}/audit-log/export?${params.toString()}`;
}
