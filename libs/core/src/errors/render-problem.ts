import { PROBLEM_CONTENT_TYPE, problemType, type ProblemDetails } from './problem-details';
import type { QuireError } from './quire-error';

/** The problem+json body of an error, as both the Nest filter and the raw HTTP error handler send it. */
export function renderProblem(error: QuireError, request: { path: string; requestId?: string }): ProblemDetails {
  return {
    ...error.extensions,
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    detail: error.detail,
    instance: request.path,
    requestId: request.requestId,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export { PROBLEM_CONTENT_TYPE };
