import { definePlugin } from '@quire/core';
import { AuditChainHead } from './audit-log/entities/audit-chain-head.entity';
import { AuditRecord } from './audit-log/entities/audit-record.entity';
import { complianceDataInventory } from './compliance.data-inventory';
import { ComplianceModule } from './compliance.module';
import { complianceOptionsDefaults, complianceOptionsSchema, type ComplianceOptions } from './compliance.options';
import { compliancePermissions } from './compliance.permissions';
import { complianceRetention } from './compliance.retention';
import { Consent } from './consent/entities/consent.entity';
import { ConsentRecord } from './consent/entities/consent-record.entity';
import { LegalHold } from './legal-holds/entities/legal-hold.entity';
import { ComplianceAuditLog1764700000000 } from './migrations/1764700000000-audit-log';
import { ComplianceRetentionAndLegalHolds1764800000000 } from './migrations/1764800000000-retention-and-legal-holds';
import { RetentionPolicyResult } from './retention/entities/retention-policy-result.entity';
import { RetentionRun } from './retention/entities/retention-run.entity';
import { RETENTION_JOB, RetentionJob } from './retention/retention.job';
import { ComplianceConsent1764800300000 } from './migrations/1764800300000-consent';
import { ComplianceAuditLogSealing1764800400000 } from './migrations/1764800400000-audit-log-sealing';
import { ComplianceAuditChainVerifications1764800500000 } from './migrations/1764800500000-audit-chain-verifications';
import { AUDIT_CHAIN_VERIFICATION_JOB, AuditChainVerificationJob } from './report/audit-chain-verification.job';
import { ComplianceSystemLogs1764800100000 } from './migrations/1764800100000-system-logs';
import { Incident } from './system-logs/entities/incident.entity';
import { SystemLog } from './system-logs/entities/system-log.entity';
import { DataSubjectRequest } from './data-subject-requests/data-subject-request.entity';
import { ComplianceDataSubjectRequests1764800200000 } from './migrations/1764800200000-data-subject-requests';

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
  entities: [
    AuditRecord,
    AuditChainHead,
    ConsentRecord,
    Consent,
    SystemLog,
    Incident,
    LegalHold,
    RetentionRun,
    RetentionPolicyResult,
    DataSubjectRequest,
  ],
  migrations: [
    ComplianceAuditLog1764700000000,
    ComplianceRetentionAndLegalHolds1764800000000,
    ComplianceAuditLogSealing1764800400000,
    ComplianceAuditChainVerifications1764800500000,
    ComplianceConsent1764800300000,
    ComplianceSystemLogs1764800100000,
    ComplianceDataSubjectRequests1764800200000,
  ],
  permissions: compliancePermissions,
  dataInventory: complianceDataInventory,
  retention: complianceRetention,
  jobs: [
    {
      name: AUDIT_CHAIN_VERIFICATION_JOB,
      // Daily at 05:07, after the retention run has moved any chain anchors.
      cron: '0 7 5 * * *',
      run: AuditChainVerificationJob,
      timeoutMs: 2 * 60 * 60 * 1000,
      description: 'Verifies every audit chain end to end and records the outcome for the compliance report',
    },
    {
      name: RETENTION_JOB,
      // Daily at 04:23, a quiet hour.
      cron: '0 23 4 * * *',
      run: RetentionJob,
      // Runs every policy to the end; a run cut short by the timeout is carried on by the next slot.
      timeoutMs: 6 * 60 * 60 * 1000,
      description: "Runs every loaded plugin's retention policies, sparing rows under legal hold",
    },
  ],
});
