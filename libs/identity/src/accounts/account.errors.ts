import { QuireError } from '@quire/core';

export type AccountErrorCode = 'identity.email-taken' | 'identity.password-rejected';

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
