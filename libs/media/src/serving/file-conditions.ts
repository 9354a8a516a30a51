import type { Request } from 'express';
import type { FileConditions } from './file-serving';

/** The conditional and range headers of a file request. */
export function fileConditionsOf(request: Request): FileConditions {
  return {
    range: header(request, 'range'),
    ifRange: header(request, 'if-range'),
    ifNoneMatch: header(request, 'if-none-match'),
  };
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
