import { definePlugin } from '@quire/core';
import { AUDIT_LOG_PURGE_JOB, AuditLogPurgeJob } from './audit-log/audit-log-purge.job';
import { AuditChainHead } from './audit-log/entities/audit-chain-head.entity';
import { AuditRecord } from './audit-log/entities/audit-record.entity';
import { complianceDataInventory } from './compliance.data-inventory';
import { ComplianceModule } from './compliance.module';
import { complianceOptionsDefaults, complianceOptionsSchema, type ComplianceOptions } from './compliance.options';
import { compliancePermissions } from './compliance.permissions';
import { complianceRetention } from './compliance.retention';
import { ComplianceAuditLog1764700000000 } from './migrations/1764700000000-audit-log';

export const COMPLIANCE_PLUGIN = 'compliance';

/**
 * Compliance: a tamper-evident audit log of every event of every plugin (recorded through the kernel's event
 * recorders, in the publishing transaction), and the data inventory built from the plugins' declarations.
 */
export const CompliancePlugin = definePlugin<ComplianceOptions>({
  name: COMPLIANCE_PLUGIN,
  version: '0.1.0',
  description: 'Compliance: tamper-evident audit log and data inventory',
  requires: { core: '^0.1.0', identity: '^0.1.0', workspaces: '^0.1.0' },
  options: { schema: complianceOptionsSchema, defaults: complianceOptionsDefaults },
  module: ComplianceModule,
  entities: [AuditRecord, AuditChainHead],
  migrations: [ComplianceAuditLog1764700000000],
  permissions: compliancePermissions,
  dataInventory: complianceDataInventory,
  retention: complianceRetention,
  jobs: [
    {
      name: AUDIT_LOG_PURGE_JOB,
      // Daily at 04:23, away from the other plugins' purges.
      cron: '0 23 4 * * *',
      run: AuditLogPurgeJob,
      description: 'Purges audit records older than the retention, moving each chain anchor (compliance.audit-log)',
    },
  ],
});
