import { QuireError } from '@quire/core';

/** A purpose key the installation does not declare (option `consentPurposes`). */
export class ConsentPurposeUnknownError extends QuireError {
  constructor(purpose: string, declared: readonly string[]) {
    super({
      code: 'compliance.consent-purpose-unknown',
      status: 404,
      title: 'Unknown consent purpose',
      detail:
        `No consent purpose ${JSON.stringify(purpose)} is declared in this installation; ` +
        `declared: ${declared.length > 0 ? declared.join(', ') : 'none'}.`,
      extensions: { purpose },
    });
  }
}

/** Consent is a person's own answer: API keys (and anything but a signed-in user) cannot give it. */
export class ConsentUserRequiredError extends QuireError {
  constructor() {
    super({
      code: 'compliance.consent-user-required',
      status: 403,
      title: 'Signed-in user required',
      detail: 'Consents are read and given by the signed-in user, with their own session; API keys cannot.',
    });
  }
}

/** Consent must be given freely by the person: an administrator impersonating them cannot answer for them. */
export class ConsentImpersonationForbiddenError extends QuireError {
  constructor() {
    super({
      code: 'compliance.consent-impersonation-forbidden',
      status: 403,
      title: 'Consent cannot be changed while impersonating',
      detail:
        'Only the user may give or withdraw their consent. A platform administrator recording a paper form uses ' +
        'PUT /api/v1/admin/users/{userId}/consents/{purpose} with their own session.',
    });
  }
}

/** No account with that id (platform administrators' consent routes). */
export class ConsentUserNotFoundError extends QuireError {
  constructor(userId: string) {
    super({
      code: 'compliance.consent-user-not-found',
      status: 404,
      title: 'User not found',
      detail: `No account ${userId} in this installation.`,
    });
  }
}
