import { createHash } from 'node:crypto';

/** The `prev_hash` of a chain's first record: nothing came before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a record's hash covers: everything but its id and its own hash. */
export interface HashedAuditFields {
  workspaceId: string | null;
  sequence: number;
  eventId: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  impersonatorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  changes: unknown;
}

/**
 * JSON with object keys sorted at every level and no whitespace: the same value always gives the same text, whatever
 * order PostgreSQL's jsonb hands keys back in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the record's canonical JSON followed by the previous record's hash. */
export function auditHash(fields: HashedAuditFields, prevHash: string): string {
  return createHash('sha256').update(canonicalJson(fields)).update(prevHash).digest('hex');
}
