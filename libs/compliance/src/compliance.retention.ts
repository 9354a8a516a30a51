import type { RetentionPolicy } from '@quire/core';
import { AuditLogPurgeExecutor } from './audit-log/audit-log-purge.executor';
import { complianceOptionsDefaults } from './compliance.options';
import { consentRetention } from './consent/consent.retention';
import { dataSubjectRequestsRetention } from './data-subject-requests/data-subject-requests.retention';
import { systemLogRetention } from './system-logs/system-log.retention';

/**
 * Audit records are kept `auditLogRetentionDays` (the option; 7 years by default), then the engine removes the oldest
 * of each chain through AuditLogPurgeExecutor, which moves the chain's anchor. Only sealed records are due.
 */
export const complianceRetention: RetentionPolicy[] = [
  {
    name: 'compliance.audit-log',
    table: 'compliance_audit_log',
    ageColumn: 'occurred_at',
    condition: 'hash IS NOT NULL',
    action: 'delete',
    keep: { setting: 'compliance.auditLogRetentionDays', defaultDays: complianceOptionsDefaults.auditLogRetentionDays },
    workspaceColumn: 'workspace_id',
    userColumn: 'actor_id',
    executor: AuditLogPurgeExecutor,
    description:
      'Audit records are purged 7 years after they occurred (option auditLogRetentionDays), oldest first per chain; ' +
      "each chain keeps the last purged record's hash as its anchor, so what remains still verifies",
  },
  ...consentRetention,
  ...systemLogRetention,
  ...dataSubjectRequestsRetention,
];
