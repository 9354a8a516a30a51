import { HttpParams } from '@angular/common/http';

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

/**
 * The filters in the API's list language (`filter[action]=…`, `filter[occurredAt][gte]=…`). The typed client
 * flattens only scalar query values, so the nested `filter` object is spelled out here — the list and the export
 * use the same function, so an export always holds what the table shows.
 */
export function auditLogFilterParams(filters: AuditLogFilters, params = new HttpParams()): HttpParams {
  for (const key of ['actorId', 'action', 'subjectType', 'subjectId'] as const) {
    const value = filters[key].trim();
    if (value) params = params.set(`filter[${key}]`, value);
  }
  const from = toIso(filters.from);
  if (from) params = params.set('filter[occurredAt][gte]', from);
  const to = toIso(filters.to);
  if (to) params = params.set('filter[occurredAt][lte]', to);
  return params;
}

function toIso(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The export's address, for a plain download link: the session cookie goes with it, nothing is buffered here. */
export function auditLogExportUrl(workspace: string, format: 'csv' | 'jsonl', filters: AuditLogFilters): string {
  const params = auditLogFilterParams(filters, new HttpParams().set('format', format));
  return `/api/v1/workspaces/${encodeURIComponent(workspace)}/audit-log/export?${params.toString()}`;
}
