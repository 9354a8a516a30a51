import type { RetentionPolicy } from '@quire/core';
import { complianceOptionsDefaults } from './compliance.options';

/**
 * Run by the `compliance.audit-log-purge` job, which honours the `auditLogRetentionDays` option (the default is
 * declared here) and moves each chain's anchor to the last record it removes.
 */
export const complianceRetention: RetentionPolicy[] = [
  {
    name: 'compliance.audit-log',
    table: 'compliance_audit_log',
    ageColumn: 'occurred_at',
    action: 'delete',
    keep: { days: complianceOptionsDefaults.auditLogRetentionDays },
    description:
      'Audit records are purged 7 years after they occurred (option auditLogRetentionDays), oldest first per chain; ' +
      "each chain keeps the last purged record's hash as its anchor, so what remains still verifies",
  },
];
