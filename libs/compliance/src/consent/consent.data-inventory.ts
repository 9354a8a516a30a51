import type { DataInventoryEntry } from '@quire/core';

/**
 * Consent (docs/adr/0028-consent-and-audit-diffs.md). The history is the proof the controller must be able to show
 * (GDPR art. 7(1)): erasure keeps it, and retention removes it 3 years after the account is closed (the usual
 * limitation period for claims). The current state is the user's live answer: erasure deletes it.
 */
export const consentDataInventory: DataInventoryEntry[] = [
  {
    table: 'compliance_consent_records',
    subjectColumn: 'user_id',
    fields: [
      { column: 'user_id', category: 'identity', description: 'The account that answered' },
      { column: 'purpose', category: 'consent', description: 'The optional purpose asked about' },
      { column: 'granted', category: 'consent', description: 'Opt-in (true) or withdrawal (false)' },
      { column: 'source', category: 'consent', description: 'Where it was given: console, api, administrator, import' },
      { column: 'actor_id', category: 'identity', description: 'Who recorded it: the user or an administrator' },
      { column: 'ip', category: 'technical', description: 'IP address the answer came from' },
      { column: 'user_agent', category: 'technical', description: 'User agent the answer came from' },
      { column: 'occurred_at', category: 'consent', description: 'When it was given' },
    ],
    purpose: 'Proof of consent: who agreed or withdrew, to what, when, from where (GDPR art. 7(1))',
    legalBasis: 'legal-obligation',
    retention:
      'For the life of the account and 3 years after it is closed (retention policy compliance.consent-records); ' +
      'kept on erasure as proof of consent',
    onErasure: 'keep',
  },
  {
    table: 'compliance_consents',
    subjectColumn: 'user_id',
    fields: [
      { column: 'user_id', category: 'identity', description: 'The account' },
      { column: 'purpose', category: 'consent', description: 'The optional purpose' },
      { column: 'granted', category: 'consent', description: 'The current answer' },
      { column: 'source', category: 'consent', description: 'Where the current answer was given' },
      { column: 'changed_at', category: 'consent', description: 'When the current answer was given' },
    ],
    purpose: 'Honour each user’s current answer before processing for an optional purpose (marketing, analytics)',
    legalBasis: 'legal-obligation',
    retention: 'For the life of the account and 3 years after it is closed (retention policy compliance.consents)',
    onErasure: 'delete',
  },
];
