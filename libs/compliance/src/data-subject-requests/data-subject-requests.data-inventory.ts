import type { DataInventoryEntry } from '@quire/core';

/**
 * Data-subject requests name the person and what they asked (corrections, objections). They are the evidence that
 * each request was answered in time (GDPR arts. 5(2) and 12), so erasure keeps them; the retention policy
 * `compliance.data-subject-requests` deletes them 3 years after they were closed.
 */
export const dataSubjectRequestsDataInventory: DataInventoryEntry[] = [
  {
    table: 'compliance_data_subject_requests',
    subjectColumn: 'user_id',
    fields: [
      { column: 'user_id', category: 'identity', description: 'The person the request is about' },
      {
        column: 'details',
        category: 'profile',
        description: 'What was asked: corrections, purposes objected to, notes',
      },
      { column: 'verification_note', category: 'identity', description: 'How an administrator verified the identity' },
      {
        column: 'result',
        category: 'usage',
        description: 'What was done: tables exported, rows erased, what was kept',
      },
      { column: 'verification_code_hash', category: 'credentials', sensitive: true },
    ],
    purpose: 'Answer requests of data subjects and prove that each was answered in time',
    legalBasis: 'legal-obligation',
    retention: '3 years after the request was completed, rejected or cancelled, then deleted',
    onErasure: 'keep',
  },
];
