import { HttpErrorResponse } from '@angular/common/http';
import { TimeoutError } from 'rxjs';

/** An RFC 9457 problem details body, as the Quire API sends it with `application/problem+json`. */
export interface ProblemDetails {
  type?: string;
  title: string;
  status?: number;
  detail?: string;
  instance?: string;
  /** Correlates the failure with the server's logs. */
  requestId?: string;
  /** Validation problems by field: `path` is the body member (`slug`, `enabledLocales.1`). */
  errors?: FieldProblem[];
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** What the API client throws: the problem, plus the HTTP failure it came from. */
export class ApiProblem extends Error {
  constructor(
    readonly problem: ProblemDetails,
    readonly response?: HttpErrorResponse,
  ) {
    super(problem.title);
    this.name = 'ApiProblem';
  }

  /** The messages for one field (and its items: `enabledLocales` also takes `enabledLocales.0`). */
  fieldErrors(field: string): string[] {
    return (this.problem.errors ?? [])
      .filter((e) => e.path === field || e.path.startsWith(`${field}.`) || e.path.startsWith(`${field}[`))
      .map((e) => e.message);
  }
}

/** Turns whatever HttpClient threw into problem details the UI can always render. */
export function toProblemDetails(error: unknown): ProblemDetails {
  if (error instanceof ApiProblem) return error.problem;
  if (error instanceof TimeoutError) {
    return { title: 'The API did not answer in time', detail: 'It may be starting or overloaded. Try again shortly.' };
  }
  if (!(error instanceof HttpErrorResponse)) {
    return { title: 'Unexpected error', detail: error instanceof Error ? error.message : String(error) };
  }
  if (error.status === 0) {
    return {
      title: 'The API cannot be reached',
      detail: 'Check your network connection and that the Quire API is running.',
    };
  }
  const body = parseBody(error.error);
  if (isProblemDetails(body)) {
    return { ...body, status: body.status ?? error.status };
  }
  return {
    title: error.statusText || 'Request failed',
    status: error.status,
    // A short plain-text body helps; an HTML error page from a proxy does not.
    detail:
      typeof body === 'string' && body.length > 0 && body.length <= 300 && !body.startsWith('<') ? body : undefined,
  };
}

// The fetch backend leaves an error body as text when it could not parse it as JSON.
function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

function isProblemDetails(value: unknown): value is ProblemDetails {
  return typeof value === 'object' && value !== null && typeof (value as { title?: unknown }).title === 'string';
}
