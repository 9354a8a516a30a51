import type { AuthenticationRequest } from '@quire/core';
import { API_KEY_MARKER } from './api-key-secret';

/** The header for clients that keep Authorization for something else (a proxy's own credentials). */
export const API_KEY_HEADER = 'x-api-key';

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * The API key a request presents, or null: `Authorization: Bearer qk_…` or `X-Api-Key: qk_…`. A bearer that is
 * not ours (a session JWT) is left to the other authenticators. Whether the key is well-formed and known is
 * the verifier's question.
 */
export function extractApiKey(request: Pick<AuthenticationRequest, 'headers'>): string | null {
  const bearer = BEARER.exec(first(request.headers.authorization) ?? '')?.[1];
  if (bearer?.startsWith(API_KEY_MARKER)) return bearer;
  const header = first(request.headers[API_KEY_HEADER])?.trim();
  return header?.startsWith(API_KEY_MARKER) ? header : null;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
