import type { RetentionPolicy } from '@quire/core';
import { ClosedAccountAnonymizer, NOT_YET_ANONYMIZED } from './accounts/closed-account-anonymizer';
import { ssoRetention } from './sso/sso.retention';

/** Run by the compliance retention engine; declared here, next to the data. */
export const identityRetention: RetentionPolicy[] = [
  {
    name: 'identity.closed-accounts',
    table: 'identity_users',
    ageColumn: 'closed_at',
    // Anonymized rows keep closed_at: the condition leaves them out, so they are never due again.
    condition: `closed_at IS NOT NULL AND ${NOT_YET_ANONYMIZED}`,
    action: 'anonymize',
    keep: { days: 90 },
    userColumn: 'id',
    executor: ClosedAccountAnonymizer,
    description:
      'Closed accounts are kept 90 days after closure, then anonymized: personal columns replaced, credentials, ' +
      'sessions and codes deleted',
  },
  {
    name: 'identity.expired-sessions',
    table: 'identity_sessions',
    ageColumn: 'expires_at',
    action: 'delete',
    userColumn: 'user_id',
    keep: { days: 30 },
    description: 'Sessions are removed 30 days after they expire',
  },
  {
    name: 'identity.expired-codes',
    table: 'identity_one_time_codes',
    ageColumn: 'expires_at',
    action: 'delete',
    userColumn: 'user_id',
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
    workspaceColumn: 'workspace_id',
    userColumn: 'created_by',
    keep: { days: 90 },
    description: 'Revoked API keys are removed 90 days after revocation (the audit log keeps the record)',
  },
  {
    name: 'identity.expired-api-keys',
    table: 'identity_api_keys',
    ageColumn: 'expires_at',
    condition: 'expires_at IS NOT NULL',
    action: 'delete',
    workspaceColumn: 'workspace_id',
    userColumn: 'created_by',
    keep: { days: 90 },
    description: 'Expired API keys are removed 90 days after they expire',
  },
  ...ssoRetention,
];
