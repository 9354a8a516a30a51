/**
 * Events of the sign-in flows, for the audit log (credential stuffing shows up as many `failed`). Payloads never
 * carry a password, code, challenge token or the address typed for an unknown account.
 */
export type SignInMethod = 'password' | 'email-code';
export type SecondFactor = 'totp' | 'recovery-code';

export type SignInFailureReason =
  /** Password sign-in: no such account (userId null), no password, wrong password, or a closed account. */
  | 'invalid-credentials'
  /** Email-code sign-in: wrong, expired, used or never sent code. */
  | 'code-invalid'
  | 'code-attempts-exhausted'
  /** Second step: wrong, replayed or out-of-window TOTP code, or an unknown or used recovery code. */
  | 'two-factor-code-invalid';

declare module '@quire/core' {
  interface QuireEvents {
    /** A session was started. `secondFactor` is set when the sign-in went through the two-factor step. */
    'identity.sign-in.succeeded': {
      userId: string;
      sessionId: string;
      method: SignInMethod | 'two-factor';
      secondFactor: SecondFactor | null;
    };
    /** The first step succeeded on an account with 2FA: a challenge was issued, no tokens yet. */
    'identity.sign-in.challenged': { userId: string; method: SignInMethod };
    /** `userId` is null when no account has the address (its value is not recorded). */
    'identity.sign-in.failed': {
      userId: string | null;
      method: SignInMethod | 'two-factor';
      reason: SignInFailureReason;
    };
    /** A recovery code was spent at sign-in; `remaining` unused codes are left. */
    'identity.recovery-code.used': { userId: string; remaining: number };
  }
}
