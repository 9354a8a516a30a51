import type { RetentionPolicy } from '@quire/core';

/** SSO's tables hold no personal data; unfinished sign-ins are purged once long expired. */
export const ssoRetention: RetentionPolicy[] = [
  {
    name: 'identity.sso-states',
    table: 'identity_sso_states',
    ageColumn: 'expires_at',
    action: 'delete',
    keep: { days: 1 },
    description: 'Single sign-on attempts that were never finished are removed a day after they expire',
  },
];
