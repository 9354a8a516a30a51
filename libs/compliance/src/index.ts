// @quire/compliance: the compliance plugin's public surface.
export { CompliancePlugin, COMPLIANCE_PLUGIN } from './compliance.plugin';
export type { ComplianceOptions } from './compliance.options';
export { AUDIT_LOG_SUBJECT } from './compliance.permissions';
export { REDACTED } from './audit-log/audit-redaction';
export type { DataInventory, InventoryActivity, InventoryField } from './inventory/data-inventory';
export { looksPersonal } from './inventory/personal-column';
export {
  findUndeclaredPersonalColumns,
  readEntityTables,
  type EntityTable,
  type UndeclaredPersonalColumn,
} from './inventory/undeclared-personal-columns';
