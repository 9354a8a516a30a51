import type { DataInventoryEntry } from '@quire/core';
import { consentDataInventory } from './consent/consent.data-inventory';
import { legalHoldsDataInventory } from './legal-holds/legal-holds.data-inventory';
import { systemLogDataInventory } from './system-logs/system-log.data-inventory';
import { dataSubjectRequestsDataInventory } from './data-subject-requests/data-subject-requests.data-inventory';

/**
 * The audit log names who did what, from where: actor ids, the impersonating administrator, IP address and user
 * agent are personal data. It is kept for accountability (GDPR art. 5(2)) and security; erasure cannot remove it
 * (that would break the hash chain and the evidence) — it goes only with the retention purge.
 */
export const complianceDataInventory: DataInventoryEntry[] = [
  {
    table: 'compliance_audit_log',
    subjectColumn: 'actor_id',
    fields: [
      { column: 'actor_id', category: 'identity', description: 'Who acted: a user id, an API key id or a job name' },
      { column: 'impersonator_id', category: 'identity', description: 'The platform administrator impersonating' },
      { column: 'ip', category: 'technical', description: 'IP address of the request that caused the action' },
      { column: 'user_agent', category: 'technical', description: 'User agent of the request that caused the action' },
      {
        column: 'changes',
        category: 'usage',
        description: 'Field-level before/after of the change, secrets and sensitive fields redacted',
      },
    ],
    purpose: 'Accountability and security: an append-only, tamper-evident record of every state-changing action',
    legalBasis: 'legitimate-interest',
    retention: '7 years by default (option auditLogRetentionDays), then purged; the chain stays verifiable',
    onErasure: 'keep',
  },
  ...consentDataInventory,
  ...systemLogDataInventory,
  ...dataSubjectRequestsDataInventory,
  ...legalHoldsDataInventory,
];
