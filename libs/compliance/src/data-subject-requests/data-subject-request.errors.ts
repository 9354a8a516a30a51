import { QuireError } from '@quire/core';

/** No request with this id about this person (or, for administrators, at all). */
export class DataSubjectRequestNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'compliance.data-subject-request-not-found',
      status: 404,
      title: 'Data-subject request not found',
      detail: `No data-subject request ${id}.`,
    });
  }
}

/** The person a request is about has no account. */
export class DataSubjectNotFoundError extends QuireError {
  constructor(userId: string) {
    super({
      code: 'compliance.data-subject-not-found',
      status: 404,
      title: 'User not found',
      detail: `No user ${userId} in this installation.`,
    });
  }
}

/** A signed-in user asked about someone else's data without being a platform administrator. */
export class OtherSubjectForbiddenError extends QuireError {
  constructor() {
    super({
      code: 'compliance.data-subject-request-forbidden',
      status: 403,
      title: "Another person's data",
      detail:
        "Only platform administrators handle requests about another person's data; use /api/v1/me/privacy/requests for your own.",
    });
  }
}

/** A request of the same type for the same person is still open. */
export class OverlappingRequestError extends QuireError {
  constructor(openRequestId: string, type: string) {
    super({
      code: 'compliance.data-subject-request-overlapping',
      status: 409,
      title: 'A request of this type is already open',
      detail: `The ${type} request ${openRequestId} for this person is still open: complete, reject or cancel it first.`,
      extensions: { openRequestId },
    });
  }
}

/** The request is not in a status that allows the step (verify a completed one, export an unverified one, …). */
export class RequestStatusConflictError extends QuireError {
  constructor(id: string, status: string, step: string) {
    super({
      code: 'compliance.data-subject-request-status-conflict',
      status: 409,
      title: 'The request cannot take this step now',
      detail: `Request ${id} is ${status}: it cannot ${step}.`,
      extensions: { status },
    });
  }
}

/** The step does not apply to the request's type (export an erasure request, erase an access request, …). */
export class RequestTypeMismatchError extends QuireError {
  constructor(id: string, type: string, step: string, expected: readonly string[]) {
    super({
      code: 'compliance.data-subject-request-type-mismatch',
      status: 409,
      title: 'The step does not apply to this type of request',
      detail: `Request ${id} is a ${type} request: only ${expected.join(' or ')} requests can ${step}.`,
    });
  }
}

/** A wrong, expired or exhausted verification code. */
export class VerificationCodeError extends QuireError {
  constructor(reason: 'wrong' | 'expired' | 'exhausted', attemptsLeft: number) {
    const detail = {
      wrong: `The code is not the one mailed for this request; ${attemptsLeft} attempt(s) left.`,
      expired: 'The code has expired: cancel the request and make a new one.',
      exhausted: 'Too many wrong codes: cancel the request and make a new one.',
    }[reason];
    super({
      code: 'compliance.data-subject-request-code-invalid',
      status: 400,
      title: 'Invalid verification code',
      detail,
      errors: [{ path: 'code', message: detail }],
      extensions: { reason, attemptsLeft },
    });
  }
}

/** Erasure refused: the person's data is under a legal hold (or a restriction of processing). */
export class ErasureUnderLegalHoldError extends QuireError {
  constructor(hold: { id: string; reason: string }) {
    super({
      code: 'compliance.erasure-under-legal-hold',
      status: 409,
      title: 'The person is under a legal hold',
      detail: `Legal hold ${hold.id} ("${hold.reason}") covers this person's data: release it before erasing.`,
      extensions: { legalHoldId: hold.id, legalHoldReason: hold.reason },
    });
  }
}

/** Erasure refused: the person is the only owner of a workspace other members still use. */
export class ErasureSoleOwnerError extends QuireError {
  constructor(workspace: { id: string; slug: string }) {
    super({
      code: 'compliance.erasure-sole-owner',
      status: 409,
      title: 'The person is the only owner of a workspace',
      detail:
        `The person is the only owner of workspace ${workspace.slug} (${workspace.id}), which has other members: ` +
        'make another member owner first.',
      extensions: { workspaceId: workspace.id, workspaceSlug: workspace.slug },
    });
  }
}

/** A rectification asks to change the email address: that has its own verified flow. */
export class RectificationEmailError extends QuireError {
  constructor() {
    super({
      code: 'compliance.rectification-email-refused',
      status: 400,
      title: 'Email changes have their own flow',
      detail:
        'The email address is changed by the account holder through the account email-change flow, which proves ' +
        'the new mailbox; a rectification request cannot change it.',
      errors: [{ path: 'details.email', message: 'use the account email-change flow' }],
    });
  }
}

/** Self-service requests are made by the signed-in person, not an API key nor an administrator impersonating. */
export class SelfServiceSessionRequiredError extends QuireError {
  constructor() {
    super({
      code: 'compliance.data-subject-request-session-required',
      status: 403,
      title: 'Signed-in session required',
      detail:
        'Requests about your own data are made in a session of your own: not with an API key, nor while an ' +
        'administrator impersonates you.',
    });
  }
}
