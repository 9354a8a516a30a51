import { QuireError } from '@quire/core';

export type AuthErrorCode =
  | 'identity.invalid-credentials'
  | 'identity.session-not-found'
  | 'identity.sign-in-method-disabled'
  | 'identity.session-required'
  | 'identity.impersonation-forbidden';

/** Unknown email, wrong password, no password set or closed account: one answer, so accounts cannot be enumerated. */
export class InvalidCredentialsError extends QuireError {
  constructor() {
    super({
      code: 'identity.invalid-credentials' satisfies AuthErrorCode,
      status: 401,
      title: 'Invalid credentials',
      detail: 'The email or password is incorrect.',
    });
  }
}

/** Another user's session, an unknown id or an ended session: the same 404, so ids of others are not confirmed. */
export class SessionNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'identity.session-not-found' satisfies AuthErrorCode,
      status: 404,
      title: 'Session not found',
      detail: `No active session ${id} of yours.`,
    });
  }
}

export class SignInMethodDisabledError extends QuireError {
  constructor(method: 'password' | 'email-code') {
    super({
      code: 'identity.sign-in-method-disabled' satisfies AuthErrorCode,
      status: 403,
      title: 'Sign-in method disabled',
      detail: `Sign-in with ${method} is turned off on this installation.`,
      extensions: { method },
    });
  }
}

/** Session endpoints called with a credential that is not a session (an API key). */
export class SessionRequiredError extends QuireError {
  constructor() {
    super({
      code: 'identity.session-required' satisfies AuthErrorCode,
      status: 401,
      title: 'Session required',
      detail: 'This endpoint needs the access token of a signed-in session.',
    });
  }
}

/** A platform administrator impersonating a user may act as them, but never change their credentials. */
export class ImpersonationForbiddenError extends QuireError {
  constructor(action: string) {
    super({
      code: 'identity.impersonation-forbidden' satisfies AuthErrorCode,
      status: 403,
      title: 'Not allowed while impersonating',
      detail: `An impersonation session cannot ${action}; the account holder must do it themselves.`,
      extensions: { action },
    });
  }
}
