import type { Request, Response } from 'express';
import type { RequestContext } from '../context/request-context';
import type { RequestRecord } from './request-recorders';

const PROBLEM_CODE = Symbol('quire.problemCode');
const RATE_LIMITED_CODE = 'core.rate-limited';
/** Answered by the catch-all route Nest adds for unknown paths (`/api/v1*path`): no route of ours matched. */
const ROUTE_NOT_FOUND_CODE = 'core.route-not-found';
/** nginx's "client closed request": the response was cut off before it was complete. */
const CLIENT_CLOSED_REQUEST = 499;

/** Marks the response as the problem `code` (the error filters do), for the request's record. */
export function noteProblemCode(response: object, code: string): void {
  (response as { [PROBLEM_CODE]?: string })[PROBLEM_CODE] = code;
}

/**
 * The record of a finished request. `ctx` is the RequestContext the kernel guard built (absent when the request
 * never reached a route or was refused before authentication). The route is Express's matched pattern, never the
 * URL: ids, slugs and query strings stay out of the record.
 */
export function requestRecordOf(
  request: Request,
  response: Response,
  init: { occurredAt: Date; durationMs: number; requestId: string; ctx: RequestContext | undefined },
): RequestRecord {
  const errorCode = (response as { [PROBLEM_CODE]?: string })[PROBLEM_CODE] ?? null;
  const actor = init.ctx?.actor;
  const route = errorCode === ROUTE_NOT_FOUND_CODE ? undefined : (request.route as { path?: unknown })?.path;
  return {
    occurredAt: init.occurredAt,
    method: request.method,
    route: typeof route === 'string' ? `${request.baseUrl}${route}` : null,
    status: response.writableFinished ? response.statusCode : CLIENT_CLOSED_REQUEST,
    durationMs: Math.round(init.durationMs),
    actorType: actor?.type ?? 'anonymous',
    actorId: actor?.id ?? null,
    impersonatorId: actor?.impersonatorId ?? null,
    workspaceId: init.ctx?.workspace?.id ?? null,
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent'] ?? null,
    requestId: init.requestId,
    rateLimited: errorCode === RATE_LIMITED_CODE,
    errorCode,
  };
}
