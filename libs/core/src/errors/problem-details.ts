import type { FieldProblem } from './quire-error';

/** The RFC 9457 body every error response carries. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are URNs: stable identifiers that never depend on a host being up. */
export function problemType(code: string): string {
  return `urn:quire:problem:${code}`;
}
