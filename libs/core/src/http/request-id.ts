import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

type RequestLike = { headers: Record<string, string | string[] | undefined>; requestId?: string };

/** The id every log line and problem body of a request carries: the caller's if it is safe to echo, else a new one. */
export function assignRequestId(request: RequestLike): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  // randomUUID draws from a cached entropy pool: far cheaper per request than a UUIDv7's fresh random bytes.
  const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  request.requestId = id;
  return id;
}

export function requestIdOf(request: unknown): string | undefined {
  return (request as RequestLike | undefined)?.requestId;
}
