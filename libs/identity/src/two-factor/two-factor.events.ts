/**
 * Events of two-factor management, published in the transaction of the change. Payloads never carry the TOTP
 * secret, a code or a recovery code.
 */
import type { Changes } from '@quire/core';

export type TwoFactorConfirmation = 'code' | 'recovery-code' | 'password';

declare module '@quire/core' {
  interface QuireEvents {
    /** A new TOTP secret is pending confirmation (2FA is not on yet). */
    'identity.two-factor.setup-started': { userId: string };
    /** 2FA is on; recovery codes were issued and every other session of the user was revoked. */
    'identity.two-factor.enabled': {
      userId: string;
      recoveryCodes: number;
      revokedSessions: number;
      /** `twoFactorEnabled` false → true, for the audit log; never the secret. */
      changes: Changes;
    };
    /** 2FA is off (secret and recovery codes deleted); every other session was revoked. */
    'identity.two-factor.disabled': {
      userId: string;
      confirmedWith: TwoFactorConfirmation;
      revokedSessions: number;
      /** `twoFactorEnabled` true → false. */
      changes: Changes;
    };
    /** All recovery codes were replaced by `count` new ones. */
    'identity.recovery-codes.regenerated': { userId: string; count: number };
  }
}
