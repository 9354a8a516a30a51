import type { RetentionPolicy } from '@quire/core';
import { ssoRetention } from './sso/sso.retention';

/** Run by the compliance retention engine (compliance issue); declared here, next to the data. */
export const identityRetention: RetentionPolicy[] = [
  {
    name: 'identity.closed-accounts',
    table: 'identity_users',
    ageColumn: 'closed_at',
    condition: 'closed_at IS NOT NULL',
    action: 'anonymize',
    keep: { days: 90 },
    description: 'Closed accounts are kept 90 days after closure, then anonymized',
  },
  {
    name: 'identity.expired-sessions',
    table: 'identity_sessions',
    ageColumn: 'expires_at',
    action: 'delete',
    keep: { days: 30 },
    description: 'Sessions are removed 30 days after they expire',
  },
  {
    name: 'identity.expired-codes',
    table: 'identity_one_time_codes',
    ageColumn: 'expires_at',
    action: 'delete',
    keep: { days: 1 },
    description: 'One-time codes and tokens are removed a day after they expire',
  },
  {
    name: 'identity.mail-outbox',
    table: 'identity_mail_outbox',
    ageColumn: 'created_at',
    action: 'delete',
    keep: { days: 30 },
    description: 'The record of sent mails is kept 30 days',
  },
  {
    name: 'identity.revoked-api-keys',
    table: 'identity_api_keys',
    ageColumn: 'revoked_at',
    condition: 'revoked_at IS NOT NULL',
    action: 'delete',
    keep: { days: 90 },
    description: 'Revoked API keys are removed 90 days after revocation (the audit log keeps the record)',
  },
  {
    name: 'identity.expired-api-keys',
    table: 'identity_api_keys',
    ageColumn: 'expires_at',
    condition: 'expires_at IS NOT NULL',
    action: 'delete',
    keep: { days: 90 },
    description: 'Expired API keys are removed 90 days after they expire',
  },
  ...ssoRetention,
];
