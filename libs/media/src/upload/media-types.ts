/** What kind of medium a file is: drives filters, serving (inline or attachment) and the checks at upload. */
export const MEDIA_KINDS = ['image', 'video', 'audio', 'document', 'font', 'other'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * The types a workspace accepts unless its settings say otherwise: images, video, audio, PDF, office documents
 * and web fonts. Patterns are `type/subtype` or `type/*`.
 */
export const DEFAULT_ALLOWED_TYPES: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/apng',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/svg+xml',
  'image/tiff',
  'image/heic',
  'image/heif',
  'video/mp4',
  'video/webm',
  'video/quicktime',
  'video/ogg',
  'video/x-m4v',
  'video/matroska',
  'audio/mpeg',
  'audio/wav',
  'audio/ogg',
  'audio/flac',
  'audio/aac',
  'audio/mp4',
  'audio/x-m4a',
  'audio/aiff',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'font/woff',
  'font/woff2',
  'font/ttf',
  'font/otf',
];

/** The MIME type of SVG, which file-type cannot detect (it is text): recognised by sniffing its markup. */
export const SVG_TYPE = 'image/svg+xml';

/**
 * File name extensions that name the same format as the detected one (file-type reports one canonical extension).
 * A detected extension not listed accepts only itself.
 */
const EXTENSION_ALIASES: Record<string, readonly string[]> = {
  jpg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  png: ['png', 'apng'],
  apng: ['apng', 'png'],
  tif: ['tif', 'tiff'],
  heic: ['heic', 'heif'],
  mp4: ['mp4', 'm4v'],
  m4v: ['m4v', 'mp4'],
  m4a: ['m4a', 'mp4'],
  mov: ['mov', 'qt'],
  mpg: ['mpg', 'mpeg'],
  ogg: ['ogg', 'oga', 'ogv', 'opus'],
  oga: ['oga', 'ogg', 'opus'],
  ogv: ['ogv', 'ogg'],
  opus: ['opus', 'ogg', 'oga'],
  aif: ['aif', 'aiff', 'aifc'],
  mkv: ['mkv', 'mka'],
  webm: ['webm', 'weba'],
  ttf: ['ttf'],
  otf: ['otf'],
};

/**
 * Legacy Office files are OLE compound files: the bytes say "compound file" only (file-type's `cfb`), so the name's
 * extension picks which of the three it is. Other compound files (installers, Outlook messages) stay `x-cfb`.
 */
const COMPOUND_FILE_TYPES: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/** Containers that are ZIP archives by design: a ZIP directory at their end is no sign of a polyglot. */
const ZIP_BASED_EXTENSIONS = new Set([
  'zip',
  'docx',
  'xlsx',
  'pptx',
  'odt',
  'ods',
  'odp',
  'odg',
  'epub',
  'jar',
  'apk',
  'xpi',
  'vsdx',
  '3mf',
  'docm',
  'xlsm',
  'pptm',
  'dotx',
  'potx',
  'xltx',
  'key',
  'numbers',
  'pages',
]);

export interface DetectedType {
  /** Canonical MIME type, without parameters. */
  mime: string;
  /** Canonical extension of the format, lower-case, without a dot. */
  ext: string;
  kind: MediaKind;
}

/** The detected format as Quire records it, given file-type's answer and the name's extension (for `cfb`). */
export function canonicalType(detected: { ext: string; mime: string }, nameExtension: string | null): DetectedType {
  let { ext } = detected;
  let mime = detected.mime.split(';')[0].trim().toLowerCase();
  if (ext === 'cfb' && nameExtension && Object.hasOwn(COMPOUND_FILE_TYPES, nameExtension)) {
    ext = nameExtension;
    mime = COMPOUND_FILE_TYPES[nameExtension];
  }
  // file-type names Opus in Ogg with a codecs parameter; the container is what browsers and players need.
  if (ext === 'opus') mime = 'audio/ogg';
  return { mime, ext, kind: kindOf(mime) };
}

/** Whether the file name's extension names the detected format. */
export function extensionMatches(detectedExt: string, nameExtension: string): boolean {
  const accepted = EXTENSION_ALIASES[detectedExt] ?? [detectedExt];
  return accepted.includes(nameExtension);
}

/** Whether two extensions name the same format (`jpg` and `jpeg`). */
export function sameFormat(a: string, b: string): boolean {
  return a === b || Object.values(EXTENSION_ALIASES).some((aliases) => aliases.includes(a) && aliases.includes(b));
}

/** Whether `ext` is one of the alias extensions above (`jpeg`, `tiff`, `qt`, …). */
export function isAliasExtension(ext: string): boolean {
  return Object.values(EXTENSION_ALIASES).some((aliases) => aliases.includes(ext));
}

export function isZipBased(ext: string): boolean {
  return ZIP_BASED_EXTENSIONS.has(ext);
}

export function kindOf(mime: string): MediaKind {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('font/') || mime === 'application/vnd.ms-fontobject') return 'font';
  if (
    mime === 'application/pdf' ||
    mime === 'application/rtf' ||
    mime === 'application/msword' ||
    mime.startsWith('application/vnd.ms-') ||
    mime.startsWith('application/vnd.openxmlformats-officedocument.') ||
    mime.startsWith('application/vnd.oasis.opendocument.')
  ) {
    return 'document';
  }
  return 'other';
}

/** Whether `mime` matches one of the allow-list's patterns (`type/subtype` or `type/*`). */
export function isAllowedType(mime: string, allowed: readonly string[]): boolean {
  const [type] = mime.split('/');
  return allowed.some((pattern) => pattern === mime || pattern === `${type}/*`);
}

/**
 * Types a browser may show in the page (inline): raster images, audio and video. Everything else (SVG, PDF,
 * office documents, fonts, anything unknown) is served as an attachment, so that a top-level visit downloads it
 * instead of rendering a document that could run script.
 */
export function servedInline(mime: string): boolean {
  if (mime === SVG_TYPE) return false;
  return mime.startsWith('image/') || mime.startsWith('audio/') || mime.startsWith('video/');
}
