import type { RetentionPolicy } from '@quire/core';
import { complianceOptionsDefaults } from '../compliance.options';

/**
 * API request records go 180 days after the request (option systemLogRetentionDays) unless an open incident holds
 * them; closed incidents go when the audit log's own retention would remove the events that opened and closed them.
 */
export const systemLogRetention: RetentionPolicy[] = [
  {
    name: 'compliance.system-logs',
    table: 'compliance_system_logs',
    ageColumn: 'occurred_at',
    condition: 'incident_id IS NULL',
    action: 'delete',
    keep: {
      setting: 'compliance.systemLogRetentionDays',
      defaultDays: complianceOptionsDefaults.systemLogRetentionDays,
    },
    workspaceColumn: 'workspace_id',
    userColumn: 'actor_id',
    description:
      'API request records are purged 180 days after the request (option systemLogRetentionDays), except those an ' +
      'open incident holds',
  },
  {
    name: 'compliance.incidents',
    table: 'compliance_incidents',
    ageColumn: 'closed_at',
    condition: 'closed_at IS NOT NULL',
    action: 'delete',
    keep: { setting: 'compliance.auditLogRetentionDays', defaultDays: complianceOptionsDefaults.auditLogRetentionDays },
    userColumn: 'opened_by',
    description:
      'Closed incidents are removed 7 years after closing (option auditLogRetentionDays), with their audit trail',
  },
];
