import { QuireError } from '@quire/core';

export type SignInErrorCode =
  | 'identity.code-invalid'
  | 'identity.code-attempts-exhausted'
  | 'identity.challenge-invalid'
  | 'identity.two-factor-code-invalid';

/**
 * A mailed sign-in code that is wrong, expired, already used or was never sent (unknown address): one answer,
 * so that nothing is confirmed to a guesser.
 */
export class SignInCodeInvalidError extends QuireError {
  constructor() {
    super({
      code: 'identity.code-invalid' satisfies SignInErrorCode,
      status: 401,
      title: 'Invalid code',
      detail: 'The code is incorrect, has expired or was already used.',
    });
  }
}

/** The live code has used up its attempts: it no longer works, even if right; a new one must be requested. */
export class SignInCodeAttemptsExhaustedError extends QuireError {
  constructor() {
    super({
      code: 'identity.code-attempts-exhausted' satisfies SignInErrorCode,
      status: 401,
      title: 'Too many wrong codes',
      detail: 'This code has been tried too many times and no longer works; request a new code.',
    });
  }
}

/** Unknown, tampered, expired, used or exhausted challenge token: sign in again from the first step. */
export class ChallengeInvalidError extends QuireError {
  constructor() {
    super({
      code: 'identity.challenge-invalid' satisfies SignInErrorCode,
      status: 401,
      title: 'Invalid sign-in challenge',
      detail: 'The two-factor challenge is unknown, has expired or was already used; sign in again.',
    });
  }
}

/** Wrong, replayed or out-of-window TOTP code, or an unknown or used recovery code, for a live challenge. */
export class TwoFactorCodeInvalidError extends QuireError {
  constructor(attemptsRemaining: number) {
    super({
      code: 'identity.two-factor-code-invalid' satisfies SignInErrorCode,
      status: 401,
      title: 'Invalid two-factor code',
      detail:
        attemptsRemaining > 0
          ? 'The authenticator or recovery code is incorrect.'
          : 'The authenticator or recovery code is incorrect, and the challenge is used up; sign in again.',
      extensions: { attemptsRemaining },
    });
  }
}
