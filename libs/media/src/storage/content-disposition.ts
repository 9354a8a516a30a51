/**
 * A `Content-Disposition` header value (RFC 6266) for a file name from a user: an ASCII fallback in `filename`
 * (quotes, backslashes and control characters replaced) and the exact name in `filename*` (RFC 8187, UTF-8).
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_').trim() || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
