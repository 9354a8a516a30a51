import type { RetentionPolicy } from '@quire/core';
import { ConsentRecordsPurgeExecutor } from './consent-records-purge.executor';

/** Three years after an account's closure: the usual limitation period for claims the proof may answer. */
export const CONSENT_KEEP_AFTER_CLOSURE_DAYS = 3 * 365;

const closedLongAgo =
  `user_id IN (SELECT id FROM identity_users WHERE closed_at IS NOT NULL ` +
  `AND closed_at < now() - interval '${CONSENT_KEEP_AFTER_CLOSURE_DAYS} days')`;

/**
 * Consents outlive their answers for as long as the account lives (the proof must be there when the processing is
 * questioned), and go 3 years after the account is closed. Legal holds on the user spare them (userColumn).
 */
export const consentRetention: RetentionPolicy[] = [
  {
    name: 'compliance.consent-records',
    table: 'compliance_consent_records',
    ageColumn: 'occurred_at',
    condition: closedLongAgo,
    action: 'delete',
    keep: { days: CONSENT_KEEP_AFTER_CLOSURE_DAYS },
    userColumn: 'user_id',
    executor: ConsentRecordsPurgeExecutor,
    description: 'Consent history (proof of consent) is removed 3 years after the account is closed',
  },
  {
    name: 'compliance.consents',
    table: 'compliance_consents',
    ageColumn: 'changed_at',
    condition: closedLongAgo,
    action: 'delete',
    keep: { days: CONSENT_KEEP_AFTER_CLOSURE_DAYS },
    idColumn: 'user_id',
    userColumn: 'user_id',
    description: 'Current consents are removed 3 years after the account is closed',
  },
];
