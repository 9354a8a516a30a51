import { definePermissions } from '@quire/core';

export const AUDIT_LOG_SUBJECT = 'AuditLog';
/** The data inventory (record of processing): read by the same roles as the audit log. */
export const DATA_INVENTORY_SUBJECT = 'DataInventory';
/** Legal holds of a workspace: owners and admins place and release them, auditors read them. */
export const LEGAL_HOLD_SUBJECT = 'LegalHold';
/** The workspace's compliance report: read by the same roles as the audit log. */
export const COMPLIANCE_REPORT_SUBJECT = 'ComplianceReport';

/**
 * The audit log is read-only for everyone (no route writes it; the kernel's events do). Owners, admins and auditors
 * read, export and verify it; other roles do not see who did what in the workspace.
 */
export const compliancePermissions = definePermissions({
  subjects: [AUDIT_LOG_SUBJECT, DATA_INVENTORY_SUBJECT, LEGAL_HOLD_SUBJECT, COMPLIANCE_REPORT_SUBJECT],
  actions: ['read', 'create', 'release'],
  grants: {
    owner: [
      { action: 'read', subject: AUDIT_LOG_SUBJECT },
      { action: 'read', subject: DATA_INVENTORY_SUBJECT },
      { action: 'read', subject: COMPLIANCE_REPORT_SUBJECT },
      { action: ['read', 'create', 'release'], subject: LEGAL_HOLD_SUBJECT },
    ],
    admin: [
      { action: 'read', subject: AUDIT_LOG_SUBJECT },
      { action: 'read', subject: DATA_INVENTORY_SUBJECT },
      { action: 'read', subject: COMPLIANCE_REPORT_SUBJECT },
      { action: ['read', 'create', 'release'], subject: LEGAL_HOLD_SUBJECT },
    ],
    auditor: [
      { action: 'read', subject: AUDIT_LOG_SUBJECT },
      { action: 'read', subject: DATA_INVENTORY_SUBJECT },
      { action: 'read', subject: COMPLIANCE_REPORT_SUBJECT },
      { action: 'read', subject: LEGAL_HOLD_SUBJECT },
    ],
  },
});
