import { QuireError, type FieldProblem } from './quire-error';

export type CoreErrorCode =
  | 'core.validation-failed'
  | 'core.malformed-json'
  | 'core.payload-too-large'
  | 'core.unsupported-media-type'
  | 'core.route-not-found'
  | 'core.method-not-allowed'
  | 'core.unauthenticated'
  | 'core.forbidden'
  | 'core.workspace-not-found'
  | 'core.not-found'
  | 'core.conflict'
  | 'core.rate-limited'
  | 'core.internal';

export class ValidationFailedError extends QuireError {
  constructor(errors: FieldProblem[], detail = 'The request has invalid fields; see errors.') {
    super({ code: 'core.validation-failed', status: 400, title: 'Validation failed', detail, errors });
  }
}

export class MalformedJsonError extends QuireError {
  constructor() {
    super({
      code: 'core.malformed-json',
      status: 400,
      title: 'Malformed JSON',
      detail: 'The request body is not valid JSON.',
    });
  }
}

export class PayloadTooLargeError extends QuireError {
  constructor(limitBytes: number) {
    super({
      code: 'core.payload-too-large',
      status: 413,
      title: 'Payload too large',
      detail: `The request body exceeds the limit of ${limitBytes} bytes.`,
      extensions: { limitBytes },
    });
  }
}

export class UnsupportedMediaTypeError extends QuireError {
  constructor(received: string | undefined, accepted: string[]) {
    super({
      code: 'core.unsupported-media-type',
      status: 415,
      title: 'Unsupported media type',
      detail: `Content-Type ${received ? `"${received}"` : '(none)'} is not accepted here; send ${accepted.join(' or ')}.`,
      extensions: { accepted },
    });
  }
}

export class RouteNotFoundError extends QuireError {
  constructor(method: string, path: string) {
    super({ code: 'core.route-not-found', status: 404, title: 'Not found', detail: `No route ${method} ${path}.` });
  }
}

export class UnauthenticatedError extends QuireError {
  constructor(detail = 'Sign in or send an API key to use this endpoint.') {
    super({ code: 'core.unauthenticated', status: 401, title: 'Authentication required', detail });
  }
}

export class ForbiddenActionError extends QuireError {
  constructor(action: string, subject: string, reason?: string) {
    super({
      code: 'core.forbidden',
      status: 403,
      title: 'Forbidden',
      detail: reason ?? `You may not ${action} ${subject} in this workspace.`,
      extensions: { action, subject },
    });
  }
}

export class WorkspaceNotFoundError extends QuireError {
  constructor(ref: string) {
    // Same answer for "does not exist" and "not a member": the existence of a workspace is not disclosed.
    super({
      code: 'core.workspace-not-found',
      status: 404,
      title: 'Workspace not found',
      detail: `No workspace "${ref}" that you can access.`,
    });
  }
}

export class RecordNotFoundError extends QuireError {
  constructor(subject: string, id: string) {
    super({
      code: 'core.not-found',
      status: 404,
      title: `${subject} not found`,
      detail: `No ${subject} ${id} in this workspace.`,
    });
  }
}

export class InternalError extends QuireError {
  constructor() {
    super({
      code: 'core.internal',
      status: 500,
      title: 'Internal server error',
      detail: 'Something went wrong on our side. Quote the requestId when you report it.',
    });
  }
}
