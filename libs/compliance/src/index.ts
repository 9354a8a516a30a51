// @quire/compliance: the compliance plugin's public surface.
export { CompliancePlugin, COMPLIANCE_PLUGIN } from './compliance.plugin';
export type { ComplianceOptions } from './compliance.options';
export { AUDIT_LOG_SUBJECT } from './compliance.permissions';
export { REDACTED } from './audit-log/audit-redaction';
// Legal holds and retention: other plugins check holds (erasure) and read the retention state (reports).
import './legal-holds/legal-hold.events';
export { LegalHolds } from './legal-holds/legal-holds';
export { LEGAL_HOLD_SCOPES, type LegalHold, type LegalHoldScope } from './legal-holds/entities/legal-hold.entity';
export { RetentionReport, type RetentionPolicyStatus } from './retention/retention-report';
export { RETENTION_JOB } from './retention/retention.job';
// Consent: other plugins check it (isGranted) and withdraw it (objection requests).
import './consent/consent.events';
export { ConsentService, type ConsentState } from './consent/consent.service';
export { CONSENT_SOURCES, type ConsentSource } from './consent/consent-source';
export type { ConsentPurpose } from './compliance.options';
export type { DataInventory, InventoryActivity, InventoryField } from './inventory/data-inventory';
export { looksPersonal } from './inventory/personal-column';
export {
  findUndeclaredPersonalColumns,
  readEntityTables,
  type EntityTable,
  type UndeclaredPersonalColumn,
} from './inventory/undeclared-personal-columns';
