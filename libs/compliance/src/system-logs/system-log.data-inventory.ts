import type { DataInventoryEntry } from '@quire/core';

/**
 * System logs (docs/adr/0026-system-logs.md). Who called the API, from where, is personal data kept for operations and
 * abuse prevention (legitimate interest, GDPR art. 6(1)(f)). Erasure anonymizes: the person's ids, IP address and user
 * agent become null, while the route, status, duration and error code stay for operations (no longer about anyone).
 * Evidence of an incident concerning the person is protected by a legal hold on that person, which refuses erasure.
 */
export const systemLogDataInventory: DataInventoryEntry[] = [
  {
    table: 'compliance_system_logs',
    subjectColumn: 'actor_id',
    fields: [
      { column: 'actor_id', category: 'identity', description: 'The user or API key that made the request' },
      { column: 'impersonator_id', category: 'identity', description: 'The platform administrator impersonating' },
      { column: 'ip', category: 'technical', description: 'IP address the request came from' },
      { column: 'user_agent', category: 'technical', description: 'User agent of the client (first 512 characters)' },
    ],
    purpose:
      'Operations and abuse prevention: a record of every API request (time, route, status, duration, rate-limit ' +
      'refusals, error codes), without request or response bodies',
    legalBasis: 'legitimate-interest',
    retention:
      '180 days (option systemLogRetentionDays, retention policy compliance.system-logs), longer only while an open ' +
      'incident holds the record',
    onErasure: 'anonymize',
  },
  {
    table: 'compliance_incidents',
    subjectColumn: 'opened_by',
    fields: [
      { column: 'opened_by', category: 'identity', description: 'The platform administrator who opened it' },
      { column: 'closed_by', category: 'identity', description: 'The platform administrator who closed it' },
      { column: 'filter', category: 'technical', description: 'The actor id or IP address the incident concerns' },
    ],
    purpose: 'Incident response: which request records are kept past their retention, by whom and why',
    legalBasis: 'legitimate-interest',
    retention: '7 years after closing (option auditLogRetentionDays, retention policy compliance.incidents)',
    onErasure: 'keep',
  },
];
