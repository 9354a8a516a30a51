import { QuireError } from '@quire/core';

export type AccountErrorCode =
  | 'identity.email-taken'
  | 'identity.password-rejected'
  | 'identity.token-invalid'
  | 'identity.email-already-verified'
  | 'identity.wrong-password'
  | 'identity.password-not-set';

/**
 * Sign-up with an address that already has an account (compared without regard to case). This discloses that
 * the address is registered, which OWASP accepts for sign-up as long as the endpoint is rate-limited.
 */
export class EmailTakenError extends QuireError {
  constructor() {
    super({
      code: 'identity.email-taken' satisfies AccountErrorCode,
      status: 409,
      title: 'Email already registered',
      detail: 'An account with this email address already exists; sign in or reset its password.',
    });
  }
}

/**
 * A mailed link token (email verification, password reset) that is unknown, expired, already used, replaced by a
 * newer one or belongs to a closed account: one answer for all, so a token's history is never disclosed.
 */
export class TokenInvalidError extends QuireError {
  constructor() {
    super({
      code: 'identity.token-invalid' satisfies AccountErrorCode,
      status: 400,
      title: 'Invalid or expired link',
      detail: 'This link is invalid, has expired or was already used; request a new one.',
      errors: [{ path: 'token', message: 'The token is invalid, expired or already used' }],
    });
  }
}

export class EmailAlreadyVerifiedError extends QuireError {
  constructor() {
    super({
      code: 'identity.email-already-verified' satisfies AccountErrorCode,
      status: 409,
      title: 'Email already verified',
      detail: 'The email address of this account is already verified.',
    });
  }
}

/**
 * Re-authentication of a signed-in user failed (password change, account closure). A 400 naming the field, not
 * a 401: the session is fine, and a 401 would make clients sign the user out.
 */
export class WrongPasswordError extends QuireError {
  constructor(field: 'currentPassword' | 'password') {
    super({
      code: 'identity.wrong-password' satisfies AccountErrorCode,
      status: 400,
      title: 'Wrong password',
      detail: 'The password you entered is not the password of this account.',
      errors: [{ path: field, message: 'The password is incorrect' }],
    });
  }
}

/** Accounts that sign in with email codes or SSO only have no password to change; they set one through a reset. */
export class PasswordNotSetError extends QuireError {
  constructor() {
    super({
      code: 'identity.password-not-set' satisfies AccountErrorCode,
      status: 409,
      title: 'No password set',
      detail: 'This account has no password yet; set one with the password reset link (POST /auth/password-reset).',
    });
  }
}
