import type { LegalBasis, OutsideProcessor, PersonalDataCategory } from '@quire/core';

/** A column holding personal data, where it lives and who declared it. */
export interface InventoryField {
  plugin: string;
  table: string;
  column: string;
  sensitive: boolean;
  description?: string;
}

/** One declared processing activity: a table of personal data with its purpose, legal basis and retention. */
export interface InventoryActivity {
  plugin: string;
  table: string;
  /** The column linking a row to the person it is about (what exports and erasure follow). */
  subjectColumn: string;
  purpose: string;
  legalBasis: LegalBasis;
  retention: string;
  onErasure: 'delete' | 'anonymize' | 'keep';
  fields: Array<{ column: string; category: PersonalDataCategory; sensitive: boolean; description?: string }>;
  /** The machine retention policies declared on the table. */
  retentionPolicies: Array<{ name: string; action: 'delete' | 'anonymize'; description: string }>;
}

/** The installation's data inventory, generated from the loaded plugins' declarations and its configuration. */
export interface DataInventory {
  /** Every category of personal data held, with the fields that hold it. */
  categories: Array<{ category: PersonalDataCategory; fields: InventoryField[] }>;
  activities: InventoryActivity[];
  /** Outside processors personal data is sent to, as this installation is configured. */
  processors: Array<OutsideProcessor & { plugin: string }>;
}
