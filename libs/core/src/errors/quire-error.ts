/** A field-level problem inside a problem+json body (`errors: [{ path, message }]`). */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface QuireErrorOptions {
  /** `<plugin>.<kebab-reason>`; becomes the problem type URI. */
  code: string;
  status: number;
  title: string;
  detail?: string;
  errors?: FieldProblem[];
  /** Extra members of the problem body (RFC 9457 extensions), e.g. `{ retryAfter: 30 }`. */
  extensions?: Record<string, unknown>;
  /** Response headers that belong to the error, e.g. `{ 'Retry-After': '30' }` on a 429. */
  headers?: Record<string, string>;
}

/**
 * The base of every domain error. Services throw these; one filter turns them into application/problem+json.
 * Never put SQL, stack traces or secrets in `detail`: it reaches the client.
 */
export class QuireError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: FieldProblem[];
  readonly extensions?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(options: QuireErrorOptions) {
    super(options.detail ?? options.title);
    this.name = new.target.name;
    this.code = options.code;
    this.status = options.status;
    this.title = options.title;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions;
    this.headers = options.headers;
  }
}
