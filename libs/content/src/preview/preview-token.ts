import { createHash, randomBytes } from 'node:crypto';

/** Recognisable in logs and leaked-secret scanners: a Quire preview token. */
export const PREVIEW_TOKEN_PREFIX = 'qpv_';
/** The header a preview request carries its token in (never the query string: URLs are logged and cached). */
export const PREVIEW_HEADER = 'quire-preview';
export const DEFAULT_PREVIEW_TTL_SECONDS = 600;
export const MAX_PREVIEW_TTL_SECONDS = 3600;

/** A new preview token: 256 random bits, base64url, after the prefix. Shown once, stored only as its hash. */
export function newPreviewToken(): string {
  return `${PREVIEW_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 (hex) of a token: a random 256-bit secret needs no salt, and the lookup by hash must be exact. */
export function hashPreviewToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a header value can be a preview token at all (anything else is refused without a database read). */
export function looksLikePreviewToken(value: string): boolean {
  return /^qpv_[A-Za-z0-9_-]{43}$/.test(value);
}

/** What a valid token lets its bearer read: drafts of the workspace, narrowed to a type and/or an entry. */
export interface PreviewScope {
  contentTypeId: string | null;
  entryId: string | null;
}
