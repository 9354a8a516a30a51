import { QuireError } from '@quire/core';

export type TwoFactorErrorCode =
  | 'identity.two-factor-already-enabled'
  | 'identity.two-factor-not-enabled'
  | 'identity.two-factor-not-set-up'
  | 'identity.wrong-two-factor-code';

/** Setup while 2FA is on would replace a working secret: disable first. */
export class TwoFactorAlreadyEnabledError extends QuireError {
  constructor() {
    super({
      code: 'identity.two-factor-already-enabled' satisfies TwoFactorErrorCode,
      status: 409,
      title: 'Two-factor authentication already enabled',
      detail: 'Two-factor authentication is already on for this account; disable it before setting it up again.',
    });
  }
}

export class TwoFactorNotEnabledError extends QuireError {
  constructor() {
    super({
      code: 'identity.two-factor-not-enabled' satisfies TwoFactorErrorCode,
      status: 409,
      title: 'Two-factor authentication not enabled',
      detail: 'Two-factor authentication is off for this account.',
    });
  }
}

/** Confirm without a pending secret: POST /me/two-factor/setup comes first. */
export class TwoFactorNotSetUpError extends QuireError {
  constructor() {
    super({
      code: 'identity.two-factor-not-set-up' satisfies TwoFactorErrorCode,
      status: 409,
      title: 'Two-factor authentication not set up',
      detail: 'There is no pending authenticator to confirm; start with POST /api/v1/me/two-factor/setup.',
    });
  }
}

/**
 * A wrong, replayed or out-of-window authenticator code (or an unknown or used recovery code) confirming a
 * change by a signed-in user. A 400 naming the field, not a 401: the session is fine, and a 401 would make
 * clients sign the user out (as `identity.wrong-password` for passwords).
 */
export class WrongTwoFactorCodeError extends QuireError {
  constructor(field: 'code' | 'recoveryCode') {
    super({
      code: 'identity.wrong-two-factor-code' satisfies TwoFactorErrorCode,
      status: 400,
      title: 'Wrong two-factor code',
      detail:
        field === 'code'
          ? 'The authenticator code is incorrect, expired or was already used.'
          : 'The recovery code is incorrect or was already used.',
      errors: [{ path: field, message: field === 'code' ? 'The code is incorrect' : 'The recovery code is incorrect' }],
    });
  }
}
