import type { Request, Response } from 'express';
import { urlencoded } from 'express';

/**
 * Parses an `application/x-www-form-urlencoded` body for the one route that takes one (the SAML ACS, posted by
 * the IdP's auto-submitted form); the application's parser takes JSON only. Same size limit as JSON bodies.
 */
export function readFormBody(request: Request, response: Response, limit: number): Promise<Record<string, unknown>> {
  const parse = urlencoded({ extended: false, limit, parameterLimit: 20, type: () => true });
  return new Promise((resolve, reject) => {
    parse(request, response, (error?: unknown) => {
      if (error) reject(error);
      else resolve((request.body as Record<string, unknown> | undefined) ?? {});
    });
  });
}
