import { isKnownExtension } from '../upload/content-inspection';
import { appendExtension, extensionOf, sanitizeFileName } from '../upload/file-name';
import { sameFormat } from '../upload/media-types';
import { TypeMismatchError } from '../media.errors';

/**
 * A new name for a stored file: sanitised like an upload's, and still naming the file's format. A known extension
 * of another format is refused (a PDF cannot be renamed to .jpg, nor a JPEG to .html); a name without one (or with
 * one nobody opens) gets the current extension appended.
 */
export function renamedFileName(current: string, requested: string, mimeType: string): string {
  const sanitized = sanitizeFileName(requested);
  const currentExt = extensionOf(current) ?? '';
  const requestedExt = extensionOf(sanitized);
  if (requestedExt === null || !isKnownExtension(requestedExt)) return appendExtension(sanitized, currentExt);
  if (!sameFormat(currentExt, requestedExt)) throw new TypeMismatchError(sanitized, mimeType, requestedExt);
  return sanitized;
}
