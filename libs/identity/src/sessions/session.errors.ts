import { QuireError } from '@quire/core';

export type SessionErrorCode =
  'identity.refresh-token-invalid' | 'identity.refresh-token-reused' | 'identity.csrf-token-invalid';

/** Unknown, expired or revoked refresh token: the controller answers this for a RefreshResult of `invalid`. */
export class RefreshTokenInvalidError extends QuireError {
  constructor() {
    super({
      code: 'identity.refresh-token-invalid' satisfies SessionErrorCode,
      status: 401,
      title: 'Invalid refresh token',
      detail: 'The refresh token is unknown, expired or revoked; sign in again.',
    });
  }
}

/** A rotated refresh token came back: the controller answers this for a RefreshResult of `reused`. */
export class RefreshTokenReusedError extends QuireError {
  constructor() {
    super({
      code: 'identity.refresh-token-reused' satisfies SessionErrorCode,
      status: 401,
      title: 'Refresh token reused',
      detail:
        'This refresh token was already used, so it may have been stolen: the sessions of this sign-in were ended. Sign in again.',
    });
  }
}

/**
 * A state-changing request authenticated by the session cookie (or a cookie refresh) without `X-CSRF-Token`, or
 * with one that is not the `quire_csrf` cookie of this session: it may come from another site's page.
 */
export class CsrfTokenInvalidError extends QuireError {
  constructor() {
    super({
      code: 'identity.csrf-token-invalid' satisfies SessionErrorCode,
      status: 403,
      title: 'CSRF token missing or invalid',
      detail:
        'A request authenticated by the session cookie must send the value of the quire_csrf cookie in the ' +
        'X-CSRF-Token header.',
    });
  }
}
