import type { DataInventoryEntry } from '@quire/core';

export const identityDataInventory: DataInventoryEntry[] = [
  {
    table: 'identity_users',
    subjectColumn: 'id',
    fields: [
      { column: 'email', category: 'contact' },
      { column: 'email_verified_at', category: 'contact', description: 'When the address was verified' },
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
    retention:
      'Until replaced or two-factor authentication is turned off (used codes stay, marked used), or the account is erased',
    onErasure: 'delete',
  },
  {
    table: 'identity_sessions',
    subjectColumn: 'user_id',
    fields: [
      { column: 'ip', category: 'technical', description: 'IP address of the device, for security' },
      { column: 'user_agent', category: 'technical', description: 'Browser and OS, for security' },
      {
        column: 'active_workspace_id',
        category: 'usage',
        description: 'The workspace the device works in (PUT /me/active-workspace)',
      },
      { column: 'active_team_id', category: 'usage', description: 'The team the device works in, if any' },
    ],
    purpose: 'Keep users signed in and let them see and revoke their devices; detect account takeover',
    legalBasis: 'legitimate-interest',
    retention: 'Until expiry; removed 30 days after expiry or revocation',
    onErasure: 'delete',
  },
  {
    table: 'identity_one_time_codes',
    subjectColumn: 'user_id',
    fields: [
      {
        column: 'email',
        category: 'contact',
        description: 'Also for sign-in code requests naming an address without an account (a decoy code, never mailed)',
      },
    ],
    purpose: 'Sign-in codes, email verification, password reset and two-factor sign-in challenges',
    legalBasis: 'contract',
    retention: 'Removed 1 day after expiry',
    onErasure: 'delete',
  },
  {
    table: 'identity_mail_outbox',
    subjectColumn: 'recipient',
    fields: [
      { column: 'recipient', category: 'contact' },
      {
        column: 'text_body',
        category: 'communication',
        description: 'Kept only for mails logged without SMTP (development); emptied once a mail is delivered',
      },
      { column: 'html_body', category: 'communication', description: 'As text_body' },
    ],
    purpose: 'Record of transactional mails sent (verification, codes, resets, invitations)',
    legalBasis: 'legitimate-interest',
    retention: 'Removed after 30 days',
    onErasure: 'delete',
  },
  {
    // Keys belong to a workspace, not a person; what links them to one is who created and who revoked them.
    table: 'identity_api_keys',
    subjectColumn: 'created_by',
    fields: [
      { column: 'created_by', category: 'identity', description: 'The user who created the key' },
      { column: 'revoked_by', category: 'identity', description: 'The user (or key) that revoked it' },
      { column: 'last_used_at', category: 'usage', description: 'When the key was last used (batched)' },
    ],
    purpose: 'Let programs call the API on behalf of a workspace, and show who made and revoked each key',
    legalBasis: 'legitimate-interest',
    retention: 'Until revoked or expired; removed 90 days after revocation or expiry',
    onErasure: 'anonymize',
  },
];
