import { QuireError } from '@quire/core';

export type ImpersonationErrorCode = 'identity.impersonation-not-allowed' | 'identity.not-impersonating';

/** Who may not be impersonated: yourself, another platform administrator, a closed account. */
export type ImpersonationRefusal = 'self' | 'platform-admin' | 'account-closed';

const DETAILS: Record<ImpersonationRefusal, string> = {
  self: 'You cannot impersonate yourself.',
  'platform-admin': 'A platform administrator cannot be impersonated.',
  'account-closed': 'A closed account cannot be impersonated.',
};

export class ImpersonationNotAllowedError extends QuireError {
  constructor(reason: ImpersonationRefusal) {
    super({
      code: 'identity.impersonation-not-allowed' satisfies ImpersonationErrorCode,
      status: 403,
      title: 'Impersonation not allowed',
      detail: DETAILS[reason],
      extensions: { reason },
    });
  }
}

/** POST /auth/impersonation/end from a session that is not an impersonation. */
export class NotImpersonatingError extends QuireError {
  constructor() {
    super({
      code: 'identity.not-impersonating' satisfies ImpersonationErrorCode,
      status: 409,
      title: 'Not impersonating',
      detail: 'This session is not an impersonation; sign out to end it.',
    });
  }
}
