import { definePermissions } from '@quire/core';

export const AUDIT_LOG_SUBJECT = 'AuditLog';
/** The data inventory (record of processing): read by the same roles as the audit log. */
export const DATA_INVENTORY_SUBJECT = 'DataInventory';

/**
 * The audit log is read-only for everyone (no route writes it; the kernel's events do). Owners, admins and auditors
 * read, export and verify it; other roles do not see who did what in the workspace.
 */
export const compliancePermissions = definePermissions({
  subjects: [AUDIT_LOG_SUBJECT, DATA_INVENTORY_SUBJECT],
  actions: ['read'],
  grants: {
    owner: [
      { action: 'read', subject: AUDIT_LOG_SUBJECT },
      { action: 'read', subject: DATA_INVENTORY_SUBJECT },
    ],
    admin: [
      { action: 'read', subject: AUDIT_LOG_SUBJECT },
      { action: 'read', subject: DATA_INVENTORY_SUBJECT },
    ],
    auditor: [
      { action: 'read', subject: AUDIT_LOG_SUBJECT },
      { action: 'read', subject: DATA_INVENTORY_SUBJECT },
    ],
  },
});
