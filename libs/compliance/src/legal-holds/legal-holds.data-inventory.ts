import type { DataInventoryEntry } from '@quire/core';

/**
 * A user-scope legal hold names the person held and, in its reason, often why (a case, a request). Holds are
 * evidence of what was preserved and why, so erasure keeps them; a person under an active hold cannot be erased at
 * all, and a released hold stays as the record of the preservation.
 */
export const legalHoldsDataInventory: DataInventoryEntry[] = [
  {
    table: 'compliance_legal_holds',
    subjectColumn: 'user_id',
    fields: [
      { column: 'user_id', category: 'identity', description: 'The person whose data is held (user-scope holds)' },
      { column: 'reason', category: 'content', description: 'Why the data is held: a case, an inquiry, a request' },
    ],
    purpose: 'Preserving data for litigation, inquiries or a processing restriction, exempt from retention policies',
    legalBasis: 'legal-obligation',
    retention: 'Kept as the record of the preservation; the audit log keeps when it was placed and released',
    onErasure: 'keep',
  },
];
