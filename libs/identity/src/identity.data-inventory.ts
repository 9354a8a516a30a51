import type { DataInventoryEntry } from '@quire/core';

export const identityDataInventory: DataInventoryEntry[] = [
  {
    table: 'identity_users',
    subjectColumn: 'id',
    fields: [
      { column: 'email', category: 'contact' },
      { column: 'display_name', category: 'identity' },
      { column: 'avatar_url', category: 'profile' },
      { column: 'password_hash', category: 'credentials', sensitive: true },
      { column: 'totp_secret', category: 'credentials', sensitive: true },
      { column: 'preferences', category: 'profile', description: 'UI theme, language, notification settings' },
    ],
    purpose: 'Provide the account: sign-in, profile and preferences',
    legalBasis: 'contract',
    retention: 'While the account is open; erased 90 days after closure',
    onErasure: 'anonymize',
  },
  {
    table: 'identity_recovery_codes',
    subjectColumn: 'user_id',
    fields: [{ column: 'code_hash', category: 'credentials', sensitive: true }],
    purpose: 'Let users sign in when they lose their second factor',
    legalBasis: 'contract',
    retention: 'Until used or replaced, or the account is erased',
    onErasure: 'delete',
  },
  {
    table: 'identity_sessions',
    subjectColumn: 'user_id',
    fields: [
      { column: 'ip', category: 'technical', description: 'IP address of the device, for security' },
      { column: 'user_agent', category: 'technical', description: 'Browser and OS, for security' },
    ],
    purpose: 'Keep users signed in and let them see and revoke their devices; detect account takeover',
    legalBasis: 'legitimate-interest',
    retention: 'Until expiry; removed 30 days after expiry or revocation',
    onErasure: 'delete',
  },
  {
    table: 'identity_one_time_codes',
    subjectColumn: 'user_id',
    fields: [{ column: 'email', category: 'contact' }],
    purpose: 'Sign-in codes, email verification and password reset',
    legalBasis: 'contract',
    retention: 'Removed 1 day after expiry',
    onErasure: 'delete',
  },
  {
    table: 'identity_mail_outbox',
    subjectColumn: 'recipient',
    fields: [
      { column: 'recipient', category: 'contact' },
      { column: 'text_body', category: 'communication' },
      { column: 'html_body', category: 'communication' },
    ],
    purpose: 'Record of transactional mails sent (verification, codes, resets, invitations)',
    legalBasis: 'legitimate-interest',
    retention: 'Removed after 30 days',
    onErasure: 'delete',
  },
];
