import { HttpException, HttpStatus } from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import { QueryFailedError } from 'typeorm';
import { QuireError } from './quire-error';
import {
  ForbiddenActionError,
  InternalError,
  MalformedJsonError,
  PayloadTooLargeError,
  RouteNotFoundError,
  UnsupportedMediaTypeError,
  ValidationFailedError,
} from './core.errors';
import { ListQueryError } from '../query/list-query.errors';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * Maps anything thrown while handling a request to a QuireError. Unknown errors become a 500 whose
 * body says nothing about the cause; the caller logs the original.
 */
export function toQuireError(error: unknown, request: { method: string; path: string }): QuireError {
  if (error instanceof QuireError) return error;
  if (error instanceof ListQueryError)
    return new ValidationFailedError(error.errors, 'The list query is invalid; see errors.');
  if (error instanceof ForbiddenError) {
    const { action, subjectType } = error as ForbiddenError<never> & { action: string; subjectType: string };
    return new ForbiddenActionError(String(action), String(subjectType));
  }
  const bodyParser = error as BodyParserError;
  if (bodyParser?.type === 'entity.parse.failed') return new MalformedJsonError();
  if (bodyParser?.type === 'entity.too.large') return new PayloadTooLargeError(bodyParser.limit ?? 0);
  if (bodyParser?.type === 'charset.unsupported' || bodyParser?.type === 'encoding.unsupported') {
    return new UnsupportedMediaTypeError(undefined, ['application/json; charset=utf-8']);
  }
  if (error instanceof QueryFailedError) return fromDatabaseError(error);
  if (error instanceof HttpException) return fromHttpException(error, request);
  return new InternalError();
}

function fromDatabaseError(error: QueryFailedError): QuireError {
  const code = (error.driverError as { code?: string } | undefined)?.code;
  // Constraint names and values are never echoed: they can disclose other tenants' data.
  if (code === '23505') {
    return new QuireError({
      code: 'core.conflict',
      status: 409,
      title: 'Conflict',
      detail: 'A record with these values already exists.',
    });
  }
  if (code === '22P02' || code === '22007' || code === '22003') {
    return new ValidationFailedError([], 'A value has the wrong format for its field.');
  }
  return new InternalError();
}

function fromHttpException(error: HttpException, request: { method: string; path: string }): QuireError {
  const status = error.getStatus();
  if (status === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(error.message)) {
    return new RouteNotFoundError(request.method, request.path);
  }
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) return new PayloadTooLargeError(0);
  const title = (HttpStatus[status] ?? 'Error')
    .toLowerCase()
    .split('_')
    .map((w, i) => (i === 0 ? w[0].toUpperCase() + w.slice(1) : w))
    .join(' ');
  if (status >= 500) return new InternalError();
  const response = error.getResponse();
  const detail = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return new QuireError({
    code: `core.http-${status}`,
    status,
    title,
    detail: typeof detail === 'string' ? detail : title,
  });
}
