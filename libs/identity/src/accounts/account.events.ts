import type { Changes } from '@quire/core';

/**
 * Events of the account flows, published in the transaction of the change (the audit log and other plugins
 * subscribe). Payloads name the account and what changed, never a secret, a token or a new value of a credential.
 */
declare module '@quire/core' {
  interface QuireEvents {
    /**
     * The account proved its mailbox: by the verification link, by a password reset, or by signing up through a
     * mailed invitation (`via`).
     */
    'identity.email.verified': { userId: string; via: 'verification-link' | 'password-reset' | 'invitation' };
    /** A new password was set through a mailed reset link; every session of the account was revoked. */
    'identity.password.reset': { userId: string; revokedSessions: number };
    /** The signed-in user changed their password; every other session was revoked. */
    'identity.password.changed': { userId: string; revokedSessions: number };
    /**
     * Names of the fields that changed (`displayName`, `avatarUrl`, `preferences.theme`, …) and, in `changes`, their
     * values before and after (for the audit log; installation-level, so no webhook receives them).
     */
    'identity.profile.updated': { userId: string; fields: string[]; changes: Changes };
    /**
     * The user closed their account: sessions revoked, live codes ended. Listeners revoke what else the user holds
     * (API keys). The row is anonymized 90 days later by the retention policy `identity.closed-accounts`.
     */
    'identity.account.created': { userId: string };
    'identity.account.closed': { userId: string };
  }
}

export {};
