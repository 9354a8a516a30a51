/** Longest stored file name, in characters (the extension is kept when a name is cut). */
export const MAX_FILE_NAME_LENGTH = 200;

/** Names Windows refuses for a file whatever its extension: a download must not be unsavable. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A file name a person can still read, safe to store, to put in a URL and in `Content-Disposition`: the last path
 * segment only (`../../etc/passwd.png` → `passwd.png`, `C:\a\b.pdf` → `b.pdf`), Unicode NFC, without control and
 * format characters (bidirectional overrides that disguise `gpj.exe` as `exe.jpg`, zero-width characters), without
 * the characters file systems refuse (`<>:"|?*`), without leading dots (hidden files, `..`) and trailing dots or
 * spaces, whitespace collapsed, at most MAX_FILE_NAME_LENGTH characters. Empty after all that: `file`.
 */
export function sanitizeFileName(raw: string): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    // Tabs and line breaks separate words: spaces; every other control or format character goes.
    .replace(/[\t\n\r\v\f\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[<>:"|?*]/g, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (name === '') return 'file';
  return truncateKeepingExtension(name, MAX_FILE_NAME_LENGTH);
}

/** The extension of a (sanitised) name, lower-case without the dot; null when it has none. */
export function extensionOf(fileName: string): string | null {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return null;
  const ext = fileName.slice(dot + 1).toLowerCase();
  return /^[a-z0-9]{1,10}$/.test(ext) ? ext : null;
}

/** The name with `.ext` appended (`scan` → `scan.pdf`, `scan.v2` → `scan.v2.pdf`), still within the length limit. */
export function appendExtension(fileName: string, ext: string): string {
  return truncateKeepingExtension(`${fileName}.${ext}`, MAX_FILE_NAME_LENGTH);
}

function truncateKeepingExtension(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const suffix = extensionOf(name) === null ? '' : name.slice(name.lastIndexOf('.'));
  const stem = chars
    .slice(0, max - suffix.length)
    .join('')
    .trimEnd();
  return `${stem}${suffix}`;
}
